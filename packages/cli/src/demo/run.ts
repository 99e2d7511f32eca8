import { createCrm, type Crm } from '@rapport/core';
import { memoryStores } from '@rapport/memory';
import { rmSync } from 'node:fs';
import { DAYS, END, START } from './calendar.js';
import { forwarder } from './forward.js';
import { planHistory } from './history.js';
import { startKeeper } from './keeper.js';
import { replay, SimulatedClock, type ReplayResult } from './replay.js';
import { tellStory, type Erasure } from './story.js';

export { DAYS, START } from './calendar.js';

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
  readonly erasure: Erasure;
  /** The in-memory CRM the history was replayed into (in memory, the story's writes too; embedded, those went to PGlite). */
  readonly crm: Crm;
}

/**
 * The CRM the history is replayed into: always in memory, where deciding, projecting and
 * the due work run at full speed. For the embedded store, a keeper (a worker thread that
 * owns PGlite) imports the events day by day while the replay goes on, then takes the
 * read models and the vault's keys, and tells the story from what it kept.
 */
const openCrm = (o: DemoOptions, clock: SimulatedClock) => {
  const memory = memoryStores({ clock });
  const crm = createCrm({ ...memory, clock });
  if (o.store === 'memory') return { memory, crm, keeping: undefined };
  const dataDir = o.dataDir ?? './.rapport/demo';
  rmSync(dataDir, { recursive: true, force: true });
  const keeper = startKeeper(dataDir);
  return { memory, crm, keeping: { dataDir, keeper, forward: forwarder(memory.eventStore, keeper.keep) } };
};

export const runDemo = async (o: DemoOptions): Promise<DemoResult> => {
  const { customers, seed, print } = o;
  const clock = new SimulatedClock(START);
  const { memory, crm, keeping } = openCrm(o, clock);
  try {
    const { steps, cast } = planHistory({ customers, seed, start: START, days: DAYS });
    print(`Rapport demo — a tea shop's ${DAYS} days on a marketplace (${customers} customers, seed ${seed})`);
    print(keeping ? `Store: embedded PostgreSQL (PGlite) in ${keeping.dataDir}` : 'Store: in memory');
    const started = performance.now();
    const result = await replay(crm, steps, START, DAYS, clock, keeping?.forward);
    await crm.settle();
    const events = memory.eventStore.size;
    const seconds = (performance.now() - started) / 1000;
    print(`Replayed ${result.commands} commands (+${result.dueIssued} issued by runDue) → ${events} events in ${seconds.toFixed(1)} s (${Math.round(events / seconds)} events/s)`);
    if (result.refusals.size > 0) {
      print('Refused (the history asked for something the rules do not allow):');
      for (const [code, r] of result.refusals) print(`  ${code} × ${r.count}, e.g. ${r.example}`);
    }
    if (!keeping) {
      clock.set(END);
      return { ...result, events, erasure: await tellStory(crm, memory.eventStore, cast, END, print), crm };
    }
    await keeping.forward();
    const waiting = performance.now();
    keeping.keeper.end(events);
    // one projection at a time: the keeper commits one while the next is on its way
    for (const { projection, checkpoint, changes } of memory.readModels.contents()) if (checkpoint) keeping.keeper.keepReadModel({ projection, checkpoint, changes });
    const erasure = await keeping.keeper.finish(
      { vaultKeys: memory.vault.exportKeys(), cast },
      {
        kept: (k) =>
          print(
            `Kept in PGlite by a ${keeping.keeper.where} alongside the replay: ${k.events} events in one transaction (${k.streams} streams, every hash re-computed and positions checked), ` +
              `${k.documents} documents of ${k.projections} projections and reactors, the keys of ${k.customerKeys} customers; ` +
              `the replay waited ${((performance.now() - waiting) / 1000).toFixed(1)} s for it. What follows is read from PGlite`,
          ),
        print,
      },
    );
    return { ...result, events, erasure, crm };
  } catch (e) {
    await keeping?.keeper.abandon();
    throw e;
  }
};
