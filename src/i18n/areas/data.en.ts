/**
 * English strings of the data worker's results (errors, warnings, persistence), deep-merged into the
 * main catalogue by en.ts. Parameters are interpolated with {{name}}.
 */
export const dataEn = {
  error: {
    data: {
      empty: 'The file is empty: there is nothing to import.',
      headerOnly: 'The file has a header row but no data rows.',
      binary:
        'This does not look like a text file (it holds binary data). Choose a CSV, TSV, JSON or NDJSON file.',
      unterminatedQuote:
        'Row {{row}} opens a quoted field that is never closed. Check the quotes in that row.',
      raggedRow:
        'Row {{row}} has {{found}} fields where {{expected}} were expected. Choose “pad” or “skip” for uneven rows, or fix the file.',
      invalidJson: 'The JSON is not valid near record {{row}}: {{detail}}',
      notRecords:
        'Record {{row}} is not an object. JSON must be an array of objects, or one object per line.',
      quota:
        'Not enough storage: the import needs about {{needed}} bytes but only {{available}} are free. Delete datasets or free disk space.',
      notFound: 'This dataset no longer exists.',
      busy: 'Another import is still running. Wait for it or cancel it first.',
      workerCrashed: 'The data worker stopped unexpectedly. Nothing was saved; try again.',
    },
  },
  warning: {
    data: {
      duplicateColumn:
        'Column name “{{name}}” appeared more than once; one copy is now “{{renamed}}”.',
      emptyColumnName: 'Column {{column}} had no name; it is now “{{name}}”.',
      raggedPadded: '{{count}} rows had the wrong number of fields and were padded or cut to fit.',
      raggedSkipped: '{{count}} rows had the wrong number of fields and were skipped.',
      invalidValues:
        '{{count}} values in column “{{column}}” are not {{type}} and were stored as missing.',
      extraKeys: '{{count}} values had keys that are not in the first records and were left out.',
    },
  },
  data: {
    storage: {
      blocked: 'Fitlab is open in another tab with an older version. Close that tab to continue.',
      blocking: 'A newer version of Fitlab was opened in another tab. Reload this page.',
      persistGranted: 'The browser will keep your datasets even when space runs low.',
      persistDenied: 'The browser may clear your datasets when space runs low.',
    },
  },
} as const;
