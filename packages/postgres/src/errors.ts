import { isRapportError, StoreUnavailable } from '@rapport/core';

/**
 * Driver errors as Rapport errors. The stores call {@link storeError} at every driver
 * call, so a caller only ever sees RapportError subclasses for infrastructure failures.
 */

/** SQLSTATE classes and socket codes that mean "the database is not reachable or went away". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  '57P01', // admin_shutdown: pg_terminate_backend
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

const UNAVAILABLE_MESSAGES = /connection terminated|not queryable|connection error|client was closed|timeout exceeded when trying to connect|pglite is closed|cannot use a pool after calling end|server closed the connection/i;

/** The SQLSTATE (or socket code) of a driver error, if it has one. */
export const sqlState = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : undefined;

/** True when a driver error means the connection or server is gone. */
export const isUnavailable = (e: unknown): boolean => {
  const code = sqlState(e);
  if (code !== undefined && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return e instanceof Error && UNAVAILABLE_MESSAGES.test(e.message);
};

/**
 * Rethrow a Rapport error as it is; turn a lost connection into {@link StoreUnavailable}
 * (keeping the driver error as `cause`); leave anything else (a bug, a constraint we did
 * not expect) as it is.
 */
export const storeError = (e: unknown, doing: string): unknown => {
  if (isRapportError(e)) return e;
  if (isUnavailable(e)) return new StoreUnavailable(`postgres: ${doing} failed, the database is unavailable: ${(e as Error).message}`, { cause: e });
  return e;
};
