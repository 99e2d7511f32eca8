import { isRapportError, StoreUnavailable } from '@rapport/core';

/** Any failure of the client that is not already a Rapport error, as {@link StoreUnavailable}. */
export const storeFailure = (what: string, err: unknown): Error => {
  if (err instanceof Error && isRapportError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new StoreUnavailable(`EventStoreDB ${what}: ${message}`, { cause: err });
};
