/** The workflow's screens, in order. Ids drive logic; labels come from i18n (`stage.<id>`). */
export const STAGES = [
  'data',
  'prepare',
  'explore',
  'model',
  'train',
  'evaluate',
  'compare',
] as const;
export type Stage = (typeof STAGES)[number];
