import type { IsoInstant } from '../../kernel/codecs.js';

/** The instant `ms` milliseconds after `at` (before, when negative), in the same ISO form. */
export const addMs = (at: string, ms: number): IsoInstant => new Date(Date.parse(at) + ms).toISOString() as IsoInstant;
