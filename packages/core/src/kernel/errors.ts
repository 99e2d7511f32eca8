/**
 * Errors. Domain and validation failures are values (returned in `Either.left`);
 * infrastructure failures reject with {@link RapportError} subclasses.
 */

/** Where a problem is: a path from the root of the command or event, e.g. `['data', 'lines', 1, 'quantity']`. */
export type FieldPath = readonly (string | number)[];

/** One problem found while validating input. */
export interface ValidationIssue {
  readonly path: FieldPath;
  readonly message: string;
}

/** A command or event did not match its codec. Nothing was written. */
export interface ValidationError {
  readonly kind: 'ValidationError';
  readonly code: 'RAPPORT_VALIDATION';
  readonly message: string;
  readonly issues: readonly ValidationIssue[];
}

/** A command was well-formed but the business rules refuse it. Nothing was written. */
export interface DomainError<C extends string = string> {
  readonly kind: 'DomainError';
  readonly code: C;
  readonly message: string;
  readonly path: FieldPath;
  /** Facts a caller can act on, e.g. `{ existingCustomerId }` for a duplicate phone. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Every refusal `crm.handle` can return as a value. */
export type CrmError = ValidationError | DomainError;

export const formatPath = (path: FieldPath): string =>
  path.length === 0 ? '(root)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');

export const validationError = (issues: readonly ValidationIssue[], subject = 'input'): ValidationError => ({
  kind: 'ValidationError',
  code: 'RAPPORT_VALIDATION',
  message: `invalid ${subject}: ${issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}`,
  issues,
});

export const domainError = <C extends string>(
  code: C,
  message: string,
  path: FieldPath = [],
  details?: Readonly<Record<string, unknown>>,
): DomainError<C> => (details === undefined ? { kind: 'DomainError', code, message, path } : { kind: 'DomainError', code, message, path, details });

const RAPPORT_ERROR = Symbol.for('rapport.error');

/**
 * Base class of every infrastructure failure. Test with {@link isRapportError}, not
 * `instanceof`: an application can hold both the ESM and the CJS copy of this package.
 */
export class RapportError extends Error {
  readonly [RAPPORT_ERROR] = true;
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** True when `e` is a Rapport infrastructure error (of the given code, when one is named). */
export const isRapportError = (e: unknown, code?: string): e is RapportError =>
  typeof e === 'object' &&
  e !== null &&
  (e as Record<symbol, unknown>)[RAPPORT_ERROR] === true &&
  (code === undefined || (e as RapportError).code === code);

export type ActualVersion = bigint | 'no_stream';

/** The stream was not at the version the writer expected: another writer got there first. */
export class WrongExpectedVersion extends RapportError {
  static readonly code = 'RAPPORT_WRONG_EXPECTED_VERSION';
  constructor(
    readonly stream: string,
    readonly expected: string,
    readonly actual: ActualVersion,
    options?: { cause?: unknown },
  ) {
    super(WrongExpectedVersion.code, `stream ${stream}: expected version ${expected}, actual ${String(actual)}`, options);
  }
}

/** The store could not be reached or failed while working. Nothing is known to be written. */
export class StoreUnavailable extends RapportError {
  static readonly code = 'RAPPORT_STORE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(StoreUnavailable.code, message, options);
  }
}

/** An event read back from the store does not match its codec (or has no codec). */
export class CorruptEvent extends RapportError {
  static readonly code = 'RAPPORT_CORRUPT_EVENT';
  constructor(
    readonly stream: string,
    readonly position: bigint,
    readonly issues: readonly ValidationIssue[],
    options?: { cause?: unknown },
  ) {
    super(
      CorruptEvent.code,
      `stream ${stream} position ${position}: ${issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}`,
      options,
    );
  }
}

/** An append was refused because an event failed its codec. Nothing was written. */
export class InvalidEvent extends RapportError {
  static readonly code = 'RAPPORT_INVALID_EVENT';
  /** @param action what was refused: an `append`, or an `import` (whose paths start at the event's stream position). */
  constructor(
    readonly stream: string,
    readonly issues: readonly ValidationIssue[],
    action: 'append' | 'import' = 'append',
  ) {
    super(
      InvalidEvent.code,
      `${action} to ${stream} refused: ${issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}`,
    );
  }
}

/** A caller passed an argument the API cannot accept (a bad stream name, a negative version...). */
export class InvalidArgument extends RapportError {
  static readonly code = 'RAPPORT_INVALID_ARGUMENT';
  constructor(message: string) {
    super(InvalidArgument.code, message);
  }
}

/** The command handler retried on version conflicts as often as allowed and still lost. */
export class ConcurrencyRetriesExhausted extends RapportError {
  static readonly code = 'RAPPORT_CONCURRENCY_RETRIES_EXHAUSTED';
  constructor(
    readonly stream: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(ConcurrencyRetriesExhausted.code, `stream ${stream}: still conflicting after ${attempts} attempts`, options);
  }
}

/** A projection's `apply` or a store call failed while a projection was running. */
export class ProjectionFailed extends RapportError {
  static readonly code = 'RAPPORT_PROJECTION_FAILED';
  constructor(
    readonly projection: string,
    readonly position: bigint | undefined,
    options?: { cause?: unknown },
  ) {
    super(ProjectionFailed.code, `projection ${projection} failed at global position ${String(position)}`, options);
  }
}
