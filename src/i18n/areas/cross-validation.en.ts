/** English strings of Compare's cross-validation of two runs (issue 7, item 7). */
export const crossValidationEn = {
  crossValidation: {
    heading: 'Cross-validation: a paired t-test over folds',
    explain:
      "Refits both runs' configurations on k folds of their training and validation rows, with the recipe fitted again on each fold's training part; the test rows stay untouched. Both meet the same folds, so their scores pair fold by fold.",
    folds: 'Folds',
    start: 'Cross-validate both ({{folds}} folds)',
    stop: 'Stop cross-validation',
    starting: 'Starting the cross-validation…',
    progress: '{{run}}: fold {{fold}} of {{folds}}',
    failed: 'Cross-validation failed: {{message}}',
    caption:
      "Scores on each fold's held-out rows ({{folds}} folds over {{rows}} training and validation rows)",
    fold: 'Fold',
    column: '{{run}}: {{metric}}',
    meanSd: 'Mean ± sd',
    meanSdValue: '{{mean}} ± {{sd}}',
    metric: {
      accuracy: 'accuracy',
      macroF1: 'macro F1',
      rmse: 'RMSE',
      r2: 'R²',
    },
    ttest: {
      caption: 'Paired t-test over the folds (two-sided)',
      metric: 'Metric',
      difference: 'Mean difference (first − second)',
      t: 't',
      df: 'df',
      pvalue: 'p-value',
      verdict: 'Result',
      significant: 'differ at the 5 % level',
      notSignificant: 'no significant difference at the 5 % level',
      noTest: {
        tooFewFolds: 'not tested: fewer than two folds',
        constantDifference: 'not tested: the difference is the same on every fold',
      },
      sentence:
        "Over {{folds}} folds, {{better}}'s mean {{metric}} was better than {{worse}}'s by {{difference}} (t = {{t}}, df = {{df}}, p = {{p}}).",
      tie: "Over {{folds}} folds, both runs' mean {{metric}} is the same.",
      significantSentence:
        'A difference this large would be unlikely if the two configurations were equally good (p < 0.05).',
      notSignificantSentence:
        'A difference of this size could easily arise by chance (p ≥ 0.05): the folds do not show that one configuration is better.',
      caveat:
        'The folds share training rows, so their scores are not independent and the t-test is somewhat optimistic: read p-values near 0.05 with care.',
    },
    chart: {
      title: '{{metric}} per fold',
      label: '{{metric}} on each of {{folds}} folds: {{means}}',
      mean: '{{run}} mean {{mean}}',
    },
    single: {
      heading: 'Cross-validation of this run',
      explain:
        "Refits this run's configuration on k folds of its training and validation rows (the recipe fitted again on each fold's training part; the test rows stay untouched), to show how much its score varies with the rows it learns from.",
      summary: '{{metric}} over the folds: {{value}}',
      start: 'Cross-validate this run ({{folds}} folds)',
    },
    reason: {
      count: 'Choose exactly two runs to cross-validate them against each other.',
      model: {
        network:
          '{{run}} is a layer-builder network: refitting it on every fold would take too long in the page, so only simple MLPs and classical learners are cross-validated.',
        sequence:
          '{{run}} is a sequence model: its rows are ordered in time or text, so shuffled folds would not be meaningful.',
        generative: '{{run}} is a generative model: it has no labels to score on held-out folds.',
        other: '{{run}} cannot be cross-validated: only simple MLPs and classical learners can.',
      },
      split:
        'These runs split the data differently (ratios, strategy or seed), so they do not share training rows and would not meet the same folds.',
      dataset:
        "The runs' dataset is no longer in the library, so it cannot be read again for cross-validation.",
    },
  },
};
