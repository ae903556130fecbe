/**
 * Classical learners' catalogue and model-spec types, shared by the UI and the training worker.
 * Defined in core (which may not import contracts) because the pure catalogue uses them.
 */
export type * from '../core/classical-types';
