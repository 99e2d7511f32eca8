import * as E from 'fp-ts/lib/Either.js';
import { createCrm, readAllInPages, verifyStreamChain, type ChainVerdict, type Crm, type EventStore } from '@rapport/core';
import { memoryStores } from '@rapport/memory';
import { createEmbeddedCrm } from '@rapport/postgres';
import { rmSync } from 'node:fs';
import { TENANT } from './catalogue.js';
import { planHistory } from './history.js';
import { replay, SimulatedClock, type ReplayResult } from './replay.js';
import { report } from './report.js';
import { salesStory } from './sales.js';
import { marketingStory } from './marketing.js';
import { copyReadModels, keepEvents } from './persist.js';

export const START = '2025-04-30T16:00:00.000Z'; // 2025-05-01 00:00 in Asia/Shanghai
/** 18 months: 2025-05-01 to 2026-11-01, local time. */
export const DAYS = 549;

export interface DemoOptions {
  readonly customers: number;
  readonly seed: number;
  /** `embedded`: PGlite (Postgres in WASM) under `dataDir`, the default store of a first program; `memory`: nothing kept. */
  readonly store: 'embedded' | 'memory';
  /** Where the embedded store keeps its files (wiped first: the demo tells its history from day one). */
  readonly dataDir?: string;
  readonly print: (line?: string) => void;
}

export interface DemoResult extends ReplayResult {
  readonly events: number;
  readonly erasure: { readonly name: string; readonly phone: string | null; readonly chain: ChainVerdict };
  readonly crm: Crm;
}

const erase = async (crm: Crm, customerId: string, at: string): Promise<void> => {
  const r = await crm.customers.erase({ tenantId: TENANT, actor: { kind: 'agent', id: 'privacy-officer' }, occurredAt: at }, { customerId, reason: 'customer asked (PIPL Art. 47)' });
  if (E.isLeft(r)) throw new Error(`erasure refused: ${r.left.message}`);
};

/**
 * The CRM the history is replayed into: always in memory, where deciding, projecting and
 * the due work run at full speed. For the embedded store, its vault is already the
 * persistent one of the PGlite database (wiped first), so what is sealed stays readable.
 */
const openCrm = async (o: DemoOptions, clock: SimulatedClock) => {
  const m = memoryStores({ clock });
  if (o.store === 'memory') return { memory: m, crm: createCrm({ ...m, clock }), embedded: undefined };
  const dataDir = o.dataDir ?? './.rapport/demo';
  rmSync(dataDir, { recursive: true, force: true });
  const embedded = await createEmbeddedCrm({ dataDir, clock });
  return { memory: m, crm: createCrm({ ...m, vault: embedded.vault, clock }), embedded };
};

export const runDemo = async (o: DemoOptions): Promise<DemoResult> => {
  const { customers, seed, print } = o;
  const clock = new SimulatedClock(START);
  const opened = await openCrm(o, clock);
  const { steps, cast } = planHistory({ customers, seed, start: START, days: DAYS });

  print(`Rapport demo — a tea shop's ${DAYS} days on a marketplace (${customers} customers, seed ${seed})`);
  print(o.store === 'memory' ? 'Store: in memory' : `Store: embedded PostgreSQL (PGlite) in ${o.dataDir ?? './.rapport/demo'}`);
  const started = performance.now();
  const result = await replay(opened.crm, steps, START, DAYS, clock);
  await opened.crm.settle();
  const seconds = (performance.now() - started) / 1000;
  const events = opened.memory.eventStore.size;
  print(`Replayed ${result.commands} commands (+${result.dueIssued} issued by runDue) → ${events} events in ${seconds.toFixed(1)} s (${Math.round(events / seconds)} events/s)`);
  let crm: Crm = opened.crm;
  let eventStore: EventStore = opened.memory.eventStore;
  const end = new Date(Date.parse(START) + DAYS * 86_400_000).toISOString();
  if (opened.embedded) {
    // keep it: the events, re-sealed and checked, then the read models in one commit each
    const t0 = performance.now();
    const copied = await keepEvents(opened.memory.eventStore, opened.embedded.stores.eventStore, clock);
    const t1 = performance.now();
    const rm = await copyReadModels(opened.memory.readModels, opened.embedded.stores.readModels);
    const t2 = performance.now();
    clock.set(end);
    if (copied.events !== events) throw new Error(`persisting the demo: ${copied.events} events kept in PGlite, ${events} replayed`);
    const seconds = (to: number, from: number) => ((to - from) / 1000).toFixed(1);
    print(`Kept in PGlite: ${copied.events} events in ${seconds(t1, t0)} s (${copied.how}), then ${rm.documents} documents of ${rm.projections} projections and reactors in ${seconds(t2, t1)} s; what follows is read from PGlite`);
    crm = opened.embedded;
    eventStore = opened.embedded.stores.eventStore;
  }
  if (result.refusals.size > 0) {
    print('Refused (the history asked for something the rules do not allow):');
    for (const [code, r] of result.refusals) print(`  ${code} × ${r.count}, e.g. ${r.example}`);
  }
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
  await opened.embedded?.close();
  return { ...result, events, erasure: { name: String(after?.profile.name), phone: after?.profile.phone === undefined ? null : String(after.profile.phone), chain }, crm };
};
