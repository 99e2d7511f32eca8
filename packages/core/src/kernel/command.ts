import * as t from 'io-ts';
import { isId, IsoInstant, isShortText, ShortText, TenantId } from './codecs.js';
import { Actor, isActor, isRecentIsoInstant, isRecord, type DomainEvent } from './envelope.js';

export type { Actor };

/** Who sends a command, for which shop, and why. Time comes on the command, never from inside. */
export const CommandMetadata = t.intersection([
  t.type({ commandId: ShortText, tenantId: TenantId, actor: Actor }),
  t.partial({
    /** Business time of the fact; the injected clock's now when absent. */
    occurredAt: IsoInstant,
    correlationId: ShortText,
    causationId: ShortText,
  }),
]);
export type CommandMetadata = t.TypeOf<typeof CommandMetadata>;

const optional = (u: unknown, is: (v: unknown) => boolean): boolean => u === undefined || is(u);

/**
 * `CommandMetadata.is(m)` written out, for the command path: io-ts decodes an intersection
 * member by member and merges the results, which costs more than the handling of a small
 * command. A `false` sends the caller to `CommandMetadata.decode` for the fields at fault;
 * `command.test.ts` holds the two in agreement.
 */
export const isCommandMetadata = (m: unknown): m is CommandMetadata =>
  isRecord(m) &&
  isShortText(m['commandId']) &&
  isId(m['tenantId']) &&
  isActor(m['actor']) &&
  optional(m['occurredAt'], (v) => typeof v === 'string' && isRecentIsoInstant(v)) &&
  optional(m['correlationId'], isShortText) &&
  optional(m['causationId'], isShortText);

/** Command metadata as a caller writes it (plain strings; validated by the handler). */
export interface CommandMetadataInput {
  readonly commandId: string;
  readonly tenantId: string;
  readonly actor: { readonly kind: Actor['kind']; readonly id: string };
  readonly occurredAt?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

/**
 * A command as it reaches `crm.handle`: a `{ type, data }` of some context plus metadata.
 * `data` is in its plain (encoded) form; the handler validates it with the context's codec.
 */
export interface Command<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
  readonly metadata: CommandMetadataInput;
}

/** What a handled command did. */
export interface Handled<E extends DomainEvent = DomainEvent> {
  readonly stream: string;
  readonly commandId: string;
  /** The events the command produced (for a repeated commandId: those of its first handling). */
  readonly events: readonly E[];
  /** Position of the stream's last event after the command; undefined while the stream does not exist. */
  readonly nextExpectedVersion: bigint | undefined;
  /** Global position of the command's last event: wait for projections to reach it for read-your-writes. */
  readonly lastGlobalPosition: bigint | undefined;
  /** True when this commandId had been handled before: nothing was appended this time. */
  readonly duplicate: boolean;
}
