import type { StoredEvent } from '@rapport/core';
import { createEmbeddedCrm, type EmbeddedCrm } from '@rapport/postgres';
import { END, START } from './calendar.js';
import type { Cast } from './history.js';
import type { Finish, FinishHooks, ReadModelCopy } from './keeperProtocol.js';
import { Pages } from './pages.js';
import { SimulatedClock } from './replay.js';
import { tellStory, type Erasure } from './story.js';

/**
 * Keeps a history in the embedded store while it is being replayed elsewhere, then tells
 * the story from it. Called in order: {@link keep}…, {@link end}, {@link keepReadModel}…,
 * {@link finish}; each step's work starts at once and waits only for the one before.
 */
export interface Keeping<R = Erasure> {
  /** The next events of the history, in global order. */
  keep(events: readonly StoredEvent[]): void;
  /** No more events: commit the import, which must hold exactly `events`. */
  end(events: number): void;
  /** One projection's documents and checkpoint, committed together once the events are in. */
  keepReadModel(copy: ReadModelCopy): void;
  /**
   * Take the vault's keys, tell the story from the store, and close it. Rejects when any
   * step was refused; an import refused keeps nothing of the history.
   */
  finish(f: Finish, hooks: FinishHooks): Promise<R>;
  /** Give up (the replay failed): the import rolls back and the store is closed. */
  abandon(): Promise<void>;
}

/** What is told from the kept store (the demo's story by default). */
export type Teller<R> = (crm: EmbeddedCrm, cast: Cast, print: (line?: string) => void) => Promise<R>;

const theStory: Teller<Erasure> = (crm, cast, print) => tellStory(crm, crm.stores.eventStore, cast, END, print);

/**
 * Open the embedded store under `dataDir` (which must be new or wiped) and start one import
 * transaction fed by {@link Keeping.keep}: each event is checked as its append would have
 * been. The store's clock stands at the history's end once it is kept, so what the story
 * writes is recorded then.
 */
export function startKeeping(dataDir: string): Keeping<Erasure>;
export function startKeeping<R>(dataDir: string, tell: Teller<R>): Keeping<R>;
export function startKeeping<R>(dataDir: string, tell?: Teller<R>): Keeping<R | Erasure> {
  const teller: Teller<R | Erasure> = tell ?? theStory;
  const pages = new Pages<readonly StoredEvent[]>();
  const clock = new SimulatedClock(START);
  const store = createEmbeddedCrm({ dataDir, clock });
  // indexes kept row by row: the pages come while the replay runs, and the end stays short
  const importing = store.then((crm) => crm.stores.eventStore.importEvents(pages, { indexes: 'keep' }));
  let expected: number | undefined;
  let documents = 0;
  let projections = 0;
  // each step after the one before; the first refusal is what finish reports
  let work: Promise<unknown> = importing.then((imported) => {
    if (imported.events !== expected) throw new Error(`keeping the demo: ${imported.events} events imported, ${expected} replayed`);
  });
  work.catch(() => undefined);
  const then = (next: () => Promise<unknown>): void => {
    work = work.then(next);
    work.catch(() => undefined);
  };
  return {
    keep: (events) => pages.push(events),
    end: (events) => {
      expected = events;
      pages.end();
    },
    keepReadModel: (copy) =>
      then(async () => {
        await (await store).stores.readModels.commit(copy.projection, copy.changes, copy.checkpoint);
        documents += copy.changes.length;
        projections++;
      }),
    finish: async (f, hooks) => {
      const crm = await store;
      try {
        await work;
        const imported = await importing;
        const keys = await crm.vault.importKeys(f.vaultKeys);
        hooks.kept({ events: imported.events, streams: imported.streams, documents, projections, customerKeys: keys.customers });
        clock.set(END);
        return await teller(crm, f.cast, hooks.print);
      } finally {
        await crm.close();
      }
    },
    abandon: async () => {
      pages.fail(new Error('the replay stopped before the end of its history'));
      await importing.catch(() => undefined);
      const crm = await store.catch(() => undefined);
      await crm?.close();
    },
  };
}
