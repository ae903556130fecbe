/** English strings of share links and project files. */
export const shareEn = {
  share: {
    error: {
      imageSet:
        'Links and project files cannot carry an imported image set yet. Share the set’s zip (Export on the Data screen) and the project settings separately.',
      tooLong:
        'This link is too long (over {{max}} characters). Ask for a shorter link or a project file.',
      malformed: 'This is not a Fitlab link, or it was cut off. Copy the whole link and try again.',
      corrupt:
        'This link is damaged: part of it is missing or was changed. Ask for the link again.',
      tooLarge:
        'This link unpacks to more than {{max}} bytes, which no Fitlab project needs. It was not opened.',
      newerVersion:
        'This link was made by a newer Fitlab (format {{version}}). Reload the page to update, then open it again.',
      invalid:
        'This link holds a setting Fitlab does not understand ({{path}}). Nothing was changed.',
      unknownLayer:
        'This link’s network has a layer Fitlab does not know (layer {{layer}}, “{{kind}}”). It may come from a newer Fitlab; nothing was changed.',
      noHash: 'The project’s data could not be read to name it in the link. Try again.',
      hashMismatch:
        'That file is not the data the link expects (“{{name}}”): its content differs. It was not kept.',
      noTarget:
        'The link does not say which column the model predicts, so the data cannot be used.',
    },
    opened: 'Opened the shared project.',
    openedTrained: 'Opened the shared project with its trained model: see Evaluate.',
    openedNamed: 'Opened the shared project “{{name}}”.',
    openedTrainedNamed:
      'Opened the shared project “{{name}}” with its trained model: see Evaluate.',
    clamped:
      '{{count}} settings in the link were out of range and were set to the nearest allowed value.',
    button: 'Share',
    dialog: {
      heading: 'Share this project',
      intro:
        'The link holds the settings (data choice, recipe, model, split, seed), never your imported data. Anyone who opens it gets the same setup; on the CPU backend the same seed trains the same model.',
      name: 'Project name in the link',
      includeModel: 'Include the trained model',
      modelNone:
        'No model trained with these exact settings yet: the link carries the settings only.',
      hideLegend: 'Hide for a lesson',
      hideHint: 'Hidden controls are left out for whoever opens the link.',
      controls: {
        data: 'Data',
        prepare: 'Prepare',
        explore: 'Explore',
        model: 'Model',
        train: 'Train',
        evaluate: 'Evaluate',
        compare: 'Compare',
        language: 'Language menu',
      },
      make: 'Make link',
      making: 'Making the link…',
      link: 'Link',
      copy: 'Copy link',
      copied: 'Link copied.',
      copyFailed: 'The browser did not allow copying: select the link and copy it by hand.',
      length: '{{chars}} characters',
      withModel: 'The trained model is in the link: the recipient sees it without training.',
      modelTooLarge:
        'The trained model is too large for a link (over {{max}} characters): save a project file to share it.',
      embed: 'Embed in a page',
      snippet: 'HTML to paste',
      importedNote:
        'Your data is imported, so it is not in the link: the link names it by its content hash and asks whoever opens it to attach the same file.',
      close: 'Close',
    },
    attach: {
      heading: 'This link needs its data',
      text: 'The shared project trains on “{{name}}” ({{rows}} rows, {{columns}} columns), which links never carry. Attach the same file to open it; it is checked against the link before it is used.',
      file: 'Data file',
      dismiss: 'Not now',
      checking: 'Importing and checking the file…',
    },
    file: {
      save: 'Save project file',
      open: 'Open project file',
      saved: 'Saved “{{name}}”.',
      opened: 'Opened the project file “{{name}}”.',
      error: {
        notZip: 'This is not a Fitlab project file (it is not a zip archive).',
        tooLarge: 'This project file is larger than {{max}} MB unpacked, so it was not opened.',
        missing: 'This project file has no {{file}}, so it was not opened.',
        unexpected:
          'This project file holds a file Fitlab does not expect ({{file}}). Nothing was opened.',
        invalid:
          'This project file holds a setting Fitlab does not understand ({{path}}). Nothing was changed.',
        unknownLayer:
          'This project file’s network has a layer Fitlab does not know (layer {{layer}}, “{{kind}}”). Nothing was changed.',
        hash: 'The data in this project file does not match its recorded hash: the file was changed or damaged.',
        newerVersion:
          'This project file was made by a newer Fitlab (format {{version}}). Reload the page to update.',
      },
    },
    map: {
      heading: 'Decision map of the shared model',
      intro:
        'The trained network from the link, drawn over its own data without training again, with the training points (filled) and test points (ringed).',
      drawing: 'Drawing the map from the shared model…',
      error: {
        notTwoInputs: 'A map needs a model on exactly two inputs; this one reads {{count}}.',
      },
    },
  },
} as const;
