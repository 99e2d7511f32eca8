import type * as E from 'fp-ts/lib/Either.js';
import type { Handled } from '../kernel/command.js';
import type { CrmError } from '../kernel/errors.js';
import type { EventStore } from '../kernel/eventStore.js';
import type { Projection } from '../kernel/projection.js';
import type { ReadModelStore } from '../kernel/readModelStore.js';
import type { PersonalDataVault } from '../privacy/vault.js';
import type { CommandContext } from '../crm/context.js';
import type { CrmPolicy } from '../crm/policy.js';
import type { CrmReadApi } from '../crm/readApi.js';
import { readApiAsOf } from './asOf.js';
import { exportCustomer } from './exportCustomer.js';
import { explainValue, type Explainer } from './explain/index.js';
import { readTimeline } from './timeline.js';
import type { AuditApi, PrivacyApi } from './types.js';
import { verifyChains } from './verify.js';

export interface AuditDeps {
  readonly eventStore: EventStore;
  /** The live read models (they hold `audit.customerStreams`). */
  readonly readModels: ReadModelStore;
  /** Every projection the CRM runs: as-of views replay into all of them. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly projections: readonly Projection<any, any>[];
  readonly vault: PersonalDataVault;
  readonly policy: CrmPolicy;
  readonly now: () => string;
  /** Resolves once the live projections are as fresh as a read should see them. */
  readonly fresh: () => Promise<void>;
  /** Further explainers (the built-in ones explain tier, points, credit score, commission, complaint breach). */
  readonly explainers?: readonly Explainer<never>[];
}

/** `crm.audit`: as-of views, timelines, explanations, chain verification. */
export const createAudit = (deps: AuditDeps): AuditApi => ({
  asOf: (at, options) => readApiAsOf(deps, at, options),
  async timeline(tenantId, customerId, page) {
    await deps.fresh();
    return readTimeline(deps, tenantId, customerId, page);
  },
  explain: (tenantId, what, id, options) => explainValue(deps, tenantId, what, id, options),
  verify: (options) => verifyChains(deps.eventStore, options),
});

export interface PrivacyDeps extends AuditDeps {
  /** The CRM's read API (caught up before each read). */
  readonly reads: CrmReadApi;
  /** `crm.customers.erase`. */
  readonly erase: (ctx: CommandContext, data: { readonly customerId: string; readonly reason?: string }) => Promise<E.Either<CrmError, Handled>>;
}

/** `crm.privacy`: export and erasure. */
export const createPrivacy = (deps: PrivacyDeps): PrivacyApi => ({
  export: (tenantId, customerId) => exportCustomer(deps, tenantId, customerId),
  erase: (ctx, data) => deps.erase(ctx, data),
});
