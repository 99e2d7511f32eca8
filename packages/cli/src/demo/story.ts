import * as E from 'fp-ts/lib/Either.js';
import { verifyStreamChain, type ChainVerdict, type Crm, type EventStore } from '@rapport/core';
import { START } from './calendar.js';
import { TENANT } from './catalogue.js';
import type { Cast } from './history.js';
import { marketingStory } from './marketing.js';
import { report } from './report.js';
import { salesStory } from './sales.js';

/** What the erasure at the end of the story left. */
export interface Erasure {
  readonly name: string;
  readonly phone: string | null;
  readonly chain: ChainVerdict;
}

const erase = async (crm: Crm, customerId: string, at: string): Promise<void> => {
  const r = await crm.customers.erase({ tenantId: TENANT, actor: { kind: 'agent', id: 'privacy-officer' }, occurredAt: at }, { customerId, reason: 'customer asked (PIPL Art. 47)' });
  if (E.isLeft(r)) throw new Error(`erasure refused: ${r.left.message}`);
};

/**
 * What the store says once the history is in: the projections read back, the sales and
 * marketing stories (which write), and a customer erased with the chain of their stream
 * checked afterwards. `end` is the history's last instant.
 */
export const tellStory = async (crm: Crm, eventStore: EventStore, cast: Cast, end: string, print: (line?: string) => void): Promise<Erasure> => {
  print();
  await report(crm, cast, end, print);
  await salesStory(crm, new Date(Date.parse(START) + 100 * 86_400_000).toISOString(), print);
  await marketingStory(crm, end, print);

  print();
  print(`Privacy — ${cast.erasedCustomer} asks to be forgotten`);
  const before = await crm.projections.customer360.get(TENANT, cast.erasedCustomer);
  await erase(crm, cast.erasedCustomer, end);
  const after = await crm.projections.customer360.get(TENANT, cast.erasedCustomer);
  const chain = await verifyStreamChain(eventStore.readStream(`customer-${TENANT}.${cast.erasedCustomer}`, { raw: true }));
  print(`  before: ${before?.profile.name}, ${before?.profile.phone}`);
  print(`  after:  name ${after?.profile.name}, phone ${after?.profile.phone}; orders kept: ${after?.orders?.orderCount ?? 0}, net spend ¥${((after?.orders?.netSpend ?? 0) / 100).toFixed(2)}`);
  print(`  hash chain of the customer's stream: ${chain.intact ? `intact (${chain.events} events)` : `broken at ${chain.firstBreak.position}`}`);
  return { name: String(after?.profile.name), phone: after?.profile.phone === undefined ? null : String(after.profile.phone), chain };
};
