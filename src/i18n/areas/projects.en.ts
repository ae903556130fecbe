/** English strings of saved projects, autosave and undo/redo (issue 8, item 1). */
export const projectsEn = {
  projects: {
    bar: {
      label: 'Project',
      current: 'Project: {{name}}',
      open: 'Projects',
      undo: 'Undo',
      redo: 'Redo',
      undoHint: 'Undo the last settings change (Ctrl+Z)',
      redoHint: 'Redo the change undone last (Ctrl+Shift+Z)',
    },
    save: {
      saved: 'All changes saved',
      pending: 'Unsaved changes',
      saving: 'Saving…',
      failed: 'Not saved',
    },
    panel: {
      heading: 'Projects',
      intro:
        'A project keeps its dataset, recipe, model, training settings and seed. Changes are saved in this browser as you work.',
      close: 'Close',
      newName: 'Name of the new project',
      create: 'Create and open',
      caption: 'Saved projects',
      name: 'Name',
      updated: 'Last changed',
      actions: 'Actions',
      open: 'Open',
      openProject: 'Open {{name}}',
      isOpen: 'open now',
      unreadable: 'cannot be read',
      rename: 'Rename',
      renameProject: 'Rename {{name}}',
      nameLabel: 'New name for {{name}}',
      save: 'Save',
      cancel: 'Cancel',
      duplicate: 'Duplicate',
      duplicateProject: 'Duplicate {{name}}',
      copyName: 'Copy of {{name}}',
      delete: 'Delete',
      deleteProject: 'Delete {{name}}',
      confirmDelete:
        'Delete the project “{{name}}”? Its settings are lost; its runs stay in the registry.',
      confirm: 'Delete project',
      loading: 'Loading projects…',
      failed: 'The saved projects could not be read.',
    },
    defaultName: 'Project {{n}}',
    error: {
      quota:
        'The browser’s storage is full, so the latest project changes were not saved. The version saved before is kept. Free some space (delete old runs or datasets); the next change is saved again.',
      invalid: 'A saved project could not be read (the problem is at {{path}}).',
      blocked: 'Close Fitlab in other tabs so the projects database can be updated.',
      blocking: 'A newer Fitlab tab is updating the projects database. Reload this tab.',
    },
  },
} as const;
