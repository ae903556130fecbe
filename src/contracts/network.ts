/**
 * The network spec and its analysis, shared by the UI, the share link and the training worker.
 * Defined in core (which may not import contracts) because shape inference uses them.
 */
export type * from '../core/network/spec';
export type * from '../core/network/training-spec';
export type * from '../core/network/schedules';
export type * from '../core/network/checkpoint-types';
