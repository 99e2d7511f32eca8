import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';

/** Where new ids come from. Injected: the core never draws randomness itself. */
export interface IdGenerator {
  next(): string;
}

/** Random v4 uuids: the default a host gets from `createCrm` when it injects none. */
export const uuidIds: IdGenerator = { next: () => uuidv4() };

/** `<prefix>-1`, `<prefix>-2`, ... (tests, demos). */
export const sequentialIds = (prefix = 'id'): IdGenerator => {
  let n = 0;
  return { next: () => `${prefix}-${++n}` };
};

/** Rapport's uuid v5 namespace (fixed forever: derived ids must never change). */
export const RAPPORT_NAMESPACE = '6f0e3b9c-3c55-5a8e-9a0b-7d7f1e2a4c10';

/**
 * A deterministic uuid (v5) from a name: the same name always gives the same id, so a
 * redelivered trigger produces the same commandId and has no second effect.
 */
export const deriveId = (...parts: readonly string[]): string => uuidv5(parts.join('\u001f'), RAPPORT_NAMESPACE);
