import type { StoredEvent } from '../../kernel/envelope.js';
import type { CrmPolicy } from '../../crm/policy.js';
import type { ExplainOptions, ExplainTarget } from '../types.js';

/** One event applied to the explained document: the document before and after it. */
export interface ExplainStep<D> {
  readonly event: StoredEvent;
  readonly before: D;
  readonly after: D;
}

/** What one event did to the value. */
export interface ExplainedStep<D> {
  readonly step: ExplainStep<D>;
  readonly contribution: string | number;
  readonly text: string;
}

export interface ExplainContext {
  /** The instant the value is read at (time-dependent values, like a credit score, change with it). */
  readonly at: string;
  readonly policy: CrmPolicy;
  readonly options: ExplainOptions;
}

/**
 * How a projection's value is explained: which projection holds it, how to read the value
 * from the document, and what each event applied to that document contributed. The audit
 * replays the document's events one by one and hands the explainer every step.
 */
export interface Explainer<D = unknown> {
  readonly what: ExplainTarget;
  /** The name of the projection whose document (keyed by the explained id) holds the value. */
  projection(options: ExplainOptions): string;
  explain(steps: readonly ExplainStep<D>[], doc: D, context: ExplainContext): { readonly value: unknown; readonly lines: readonly ExplainedStep<D>[] };
}

/** A signed number for people: `+3`, `-2`, `0`. */
export const signed = (n: number): string => (n > 0 ? `+${n}` : `${n}`);

/** The first characters of an event id, as a reference in a line of text. */
export const shortId = (id: string): string => (id.length > 8 ? `${id.slice(0, 8)}…` : id);
