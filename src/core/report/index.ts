/** Evaluation reports as Markdown, JSON and self-contained HTML, built from plain data. */
export * from './types';
export * from './escape';
export * from './build';
