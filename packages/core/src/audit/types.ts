import type * as E from 'fp-ts/lib/Either.js';
import type { Handled } from '../kernel/command.js';
import type { CrmError } from '../kernel/errors.js';
import type { CommandContext } from '../crm/context.js';
import type { Customer360, CrmReadApi } from '../crm/readApi.js';

/**
 * One event of a customer's timeline, JSON-safe (positions as decimal strings): what
 * happened, who did it, when it happened and was recorded, and why (DOMAIN §9).
 */
export interface TimelineEntry {
  readonly globalPosition: string;
  readonly streamName: string;
  readonly streamPosition: string;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly actor: { readonly kind: string; readonly id: string };
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly commandId: string;
  readonly correlationId: string;
  /** The event or command that caused it; null when it caused itself. */
  readonly causationId: string | null;
}

/** One page of a timeline: pass `next` as `after` for the following page (null on the last). */
export interface TimelinePage {
  readonly entries: readonly TimelineEntry[];
  readonly next: string | null;
}

/** Where a timeline page starts (`after` a global position, exclusive) and how long it is (default 100, at most 1,000). */
export interface TimelinePageRequest {
  readonly after?: string;
  readonly limit?: number;
}

/** The values `explain` can take apart. */
export type ExplainTarget = 'tier' | 'points' | 'creditScore' | 'commission' | 'complaintBreach';

/** One event behind a value and what it did to it. */
export interface ExplanationLine {
  readonly eventId: string;
  readonly streamName: string;
  readonly streamPosition: string;
  readonly type: string;
  readonly occurredAt: string;
  /** A signed number for counted values (points, score, fen), a short phrase for states (tier, SLA). */
  readonly contribution: string | number;
  readonly text: string;
}

/** A value of a projection and the events that produced it, in the order they were applied. */
export interface Explanation {
  /** The projection whose document holds the value, e.g. `loyalty.account`. */
  readonly projection: string;
  readonly id: string;
  readonly value: unknown;
  readonly lines: readonly ExplanationLine[];
}

export interface ExplainOptions {
  /** Explain the value as known at this instant (events recorded by then; time-dependent values read at it). Default: now. */
  readonly asOf?: string;
  /** For `creditScore`: the seller's credit (default, from buyers' ratings) or the buyer's. */
  readonly role?: 'seller' | 'buyer';
}

/** How far a chain walk has got. */
export interface VerifyProgress {
  readonly streams: number;
  readonly events: number;
}

/** The result of walking every stream's hash chain. */
export type ChainReport =
  | { readonly intact: true; readonly streams: number; readonly events: number }
  | {
      readonly intact: false;
      /** Streams and events checked before the break was found. */
      readonly streams: number;
      readonly events: number;
      readonly firstBroken: {
        readonly streamName: string;
        readonly streamPosition: string;
        readonly eventId: string;
        /** `hash-mismatch`, `prev-hash-mismatch` or `position-gap`. */
        readonly reason: string;
      };
    };

export interface VerifyOptions {
  /** Called after every page of events read. */
  readonly onProgress?: (progress: VerifyProgress) => void;
  /** Events per page (default 1,000). */
  readonly pageSize?: number;
}

export interface AsOfOptions {
  /** `recordedAt` (default): what the system knew at the instant. `occurredAt`: what had happened by then in business time. */
  readonly by?: 'recordedAt' | 'occurredAt';
}

/** Audits (DOMAIN §9): replay history, follow a customer, take a value apart, check the chains. */
export interface AuditApi {
  /**
   * The same read API as `crm.projections`, over fresh read models built by replaying the
   * events recorded at or before `at` in global order, or (`by: 'occurredAt'`) the events
   * that happened at or before `at`, in business-time order (ties by global position).
   * Rejects with `InvalidArgument` when `at` is not an ISO instant.
   */
  asOf(at: string, options?: AsOfOptions): Promise<CrmReadApi>;
  /** Every event about a customer across every stream, in global order, paged. */
  timeline(tenantId: string, customerId: string, page?: TimelinePageRequest): Promise<TimelinePage>;
  /** The events that produced a value, each with its contribution; undefined when no event concerns `id`. */
  explain(tenantId: string, what: ExplainTarget, id: string, options?: ExplainOptions): Promise<Explanation | undefined>;
  /** Walk every stream's hash chain; name the first event that does not hold, or report it intact with counts. */
  verify(options?: VerifyOptions): Promise<ChainReport>;
}

/** Every fact Rapport holds about one customer (PIPL Art. 45, GDPR Art. 15 and 20), JSON-safe. */
export interface CustomerExport {
  readonly format: 'rapport.customerExport';
  readonly version: 1;
  readonly tenantId: string;
  readonly customerId: string;
  /** When the export was made (the CRM's clock). */
  readonly exportedAt: string;
  /** The current profile (personal fields opened, or `'erased'`) and order statistics. */
  readonly profile: Customer360 | undefined;
  /** Every event of the customer's timeline, personal fields opened where the key exists, `'erased'` where it was deleted. */
  readonly events: readonly TimelineEntry[];
}

/** Privacy (DOMAIN §8): portability and erasure. */
export interface PrivacyApi {
  /** Every fact about the customer; undefined for a customer Rapport knows nothing of. */
  export(tenantId: string, customerId: string): Promise<CustomerExport | undefined>;
  /** Same as `crm.customers.erase`: record the erasure, delete the customer's key, release the contacts. */
  erase(ctx: CommandContext, data: { readonly customerId: string; readonly reason?: string }): Promise<E.Either<CrmError, Handled>>;
}
