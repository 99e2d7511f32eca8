import * as E from 'fp-ts/lib/Either.js';
import { fixedClock } from '../kernel/clock.js';
import { IsoInstant } from '../kernel/codecs.js';
import { InvalidArgument } from '../kernel/errors.js';
import type { EventStore } from '../kernel/eventStore.js';
import type { Projection } from '../kernel/projection.js';
import type { PersonalDataVault } from '../privacy/vault.js';
import type { CrmPolicy } from '../crm/policy.js';
import { createReadApi, type CrmReadApi } from '../crm/readApi.js';
import { eventsAsOf, replayIntoReadModels } from './replay.js';
import type { AsOfOptions } from './types.js';

export interface AsOfDeps {
  readonly eventStore: EventStore;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly projections: readonly Projection<any, any>[];
  readonly vault: PersonalDataVault;
  readonly policy: CrmPolicy;
}

/**
 * The read API over read models replayed to `at`: fresh in-memory documents built by the
 * CRM's own projections, read with a clock fixed at `at` (so "open complaints now" means
 * open at `at`). Personal fields open with today's keys: an erased customer stays erased.
 */
export const readApiAsOf = async (deps: AsOfDeps, at: string, options: AsOfOptions = {}): Promise<CrmReadApi> => {
  if (!E.isRight(IsoInstant.decode(at))) throw new InvalidArgument(`asOf: ${JSON.stringify(at)} is not an ISO instant (YYYY-MM-DDTHH:mm:ss.sssZ)`);
  const by = options.by ?? 'recordedAt';
  if (by !== 'recordedAt' && by !== 'occurredAt') throw new InvalidArgument(`asOf: by ${JSON.stringify(by)}: expected recordedAt or occurredAt`);
  const readModels = await replayIntoReadModels(deps.projections, eventsAsOf(deps.eventStore, at, by));
  return createReadApi({ readModels, vault: deps.vault, policy: deps.policy, clock: fixedClock(at), fresh: () => Promise.resolve() });
};
