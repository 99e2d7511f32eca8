import type { DomainEvent, StoredEvent } from './envelope.js';
import { ProjectionFailed, isRapportError } from './errors.js';
import { readAllInPages, type EventFilter, type EventStore, type Subscription } from './eventStore.js';
import { KeyedLock } from './keyedLock.js';
import { projectionEventTypes, type Projection } from './projection.js';
import type { DocumentChange, ReadModelStore } from './readModelStore.js';

export interface ProjectionRunnerOptions {
  readonly eventStore: EventStore;
  readonly readModels: ReadModelStore;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly projections: readonly Projection<any, any>[];
  /** Events applied between two commits during catch-up (default 1,000). */
  readonly batchSize?: number;
  /** Called when live processing stops on an error (the error also rejects `done`). */
  readonly onError?: (error: ProjectionFailed) => void;
}

interface Pending {
  readonly tenantId: string;
  readonly id: string;
  doc: unknown;
}

interface Running {
  readonly p: Projection<unknown, DomainEvent>;
  readonly types: ReadonlySet<string> | undefined;
  /** Global position of the last event applied (and committed, once `dirty` is false). */
  position: bigint | undefined;
  /** tenantId → document id → the document being built: two lookups, no key string per event. */
  readonly pending: Map<string, Map<string, Pending>>;
  applied: number;
  dirty: boolean;
  /**
   * When the projection had no checkpoint as this runner began (new, or reset for a
   * rebuild) it had no documents either, since documents and checkpoint commit together:
   * then these are all the documents the store holds, and a miss needs no load. Undefined
   * when the store may hold documents this runner did not write.
   */
  committed: Map<string, Set<string>> | undefined;
  committedCount: number;
}

/** Past this many documents a rebuild stops remembering which exist and loads misses again. */
const KNOWN_DOCUMENTS_LIMIT = 1_000_000;

/**
 * The one projection runner: catches up from each projection's checkpoint with `readAll`,
 * then follows the store live with `subscribe`. Documents and checkpoint are committed
 * together. A projection whose stored version differs from its code is rebuilt from 0.
 */
export class ProjectionRunner {
  private readonly running: Running[];
  private readonly batchSize: number;
  private readonly lock = new KeyedLock();
  private initialised = false;
  private subscription: Subscription | undefined;
  private waiters: { position: bigint; resolve: () => void }[] = [];
  private seen: bigint | undefined;
  /** Live processing ended on an error: nothing will advance `seen` until stop() and start(). */
  private failed = false;

  constructor(private readonly options: ProjectionRunnerOptions) {
    const names = new Set<string>();
    for (const p of options.projections) {
      if (names.has(p.name)) throw new TypeError(`projection ${p.name} is registered twice`);
      names.add(p.name);
    }
    this.batchSize = options.batchSize ?? 1000;
    this.running = options.projections.map((p) => {
      const types = projectionEventTypes(p);
      return { p, types: types && new Set(types), position: undefined, pending: new Map(), applied: 0, dirty: false, committed: undefined, committedCount: 0 };
    });
  }

  /** Global position up to which every projection has applied (undefined before any event). */
  get position(): bigint | undefined {
    return this.seen;
  }

  /** Apply every event recorded so far, committing in batches. Resolves with the position reached. */
  catchUp(): Promise<bigint | undefined> {
    return this.lock.run('runner', () => this.guarded(() => this.catchUpLocked()));
  }

  /** Catch up, then follow new events live until {@link stop}. */
  async start(): Promise<void> {
    if (this.subscription) return;
    await this.catchUp();
    this.failed = false;
    // unfiltered: every position advances `seen`, so waitFor works for any event
    this.subscription = this.options.eventStore.subscribe({ ...(this.seen !== undefined ? { from: this.seen } : {}) }, (e) =>
      this.lock.run('runner', () => this.guarded(() => this.live(e))),
    );
    this.subscription.done.catch((err: unknown) => {
      this.failed = true;
      const failed = isRapportError(err, ProjectionFailed.code) ? (err as ProjectionFailed) : new ProjectionFailed('*', this.seen, { cause: err });
      this.options.onError?.(failed);
      this.rejectWaiters();
    });
  }

  /** Settles when live processing ends (resolves on stop, rejects on a failure). */
  get done(): Promise<void> {
    return this.subscription?.done ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    const s = this.subscription;
    this.subscription = undefined;
    if (s) await s.stop();
    this.rejectWaiters();
  }

  /** Drop the documents of one projection (or all) and apply every event again from position 0. */
  rebuild(name?: string): Promise<bigint | undefined> {
    return this.lock.run('runner', async () => {
      await this.init();
      for (const r of this.running) {
        if (name !== undefined && r.p.name !== name) continue;
        await this.options.readModels.reset(r.p.name);
        r.position = undefined;
        r.pending.clear();
        r.applied = 0;
        r.dirty = false;
        r.committed = new Map();
        r.committedCount = 0;
      }
      this.seen = this.lowest();
      return this.guarded(() => this.catchUpLocked());
    });
  }

  /** On any failure forget what is in memory, so the next run resumes from the stored checkpoints. */
  private async guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      this.initialised = false;
      for (const r of this.running) {
        r.pending.clear();
        r.position = undefined;
        r.applied = 0;
        r.dirty = false;
      }
      throw err;
    }
  }

  /** Resolves once live processing has applied every event up to `position` (read-your-writes). */
  waitFor(position: bigint): Promise<void> {
    if (this.seen !== undefined && this.seen >= position) return Promise.resolve();
    if (this.failed) return Promise.resolve(); // as rejectWaiters: a failed runner will not get there
    if (!this.subscription) return this.catchUp().then(() => undefined);
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  private rejectWaiters(): void {
    // a stopped runner will not reach them: let the caller read what is there
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  private async init(): Promise<void> {
    if (this.initialised) return;
    for (const r of this.running) {
      const cp = await this.options.readModels.checkpoint(r.p.name);
      if (cp && cp.version !== r.p.version) await this.options.readModels.reset(r.p.name);
      else r.position = cp?.position;
      const empty = cp === undefined || cp.version !== r.p.version;
      r.committed = empty ? new Map() : undefined;
      r.committedCount = 0;
    }
    this.seen = this.lowest();
    this.initialised = true;
  }

  private lowest(): bigint | undefined {
    let low: bigint | undefined;
    for (const r of this.running) {
      if (r.position === undefined) return undefined;
      if (low === undefined || r.position < low) low = r.position;
    }
    return low;
  }

  private filter(): EventFilter | undefined {
    const all = new Set<string>();
    for (const r of this.running) {
      if (!r.types) return undefined;
      for (const t of r.types) all.add(t);
    }
    return { eventTypes: [...all] };
  }

  private async catchUpLocked(): Promise<bigint | undefined> {
    await this.init();
    const from = this.seen === undefined ? undefined : this.seen + 1n;
    const filter = this.filter();
    let last: bigint | undefined;
    // in pages: one await per page, not per event, unless a document must be loaded
    const pages = readAllInPages(this.options.eventStore, { ...(from !== undefined ? { from } : {}), ...(filter ? { filter } : {}), pageSize: this.batchSize });
    // projections may resume from different checkpoints; past the furthest one, every event
    // goes to every projection, so the per-event position check (a bigint compare) is skipped
    let furthest: bigint | undefined;
    for (const r of this.running) if (r.position !== undefined && (furthest === undefined || r.position > furthest)) furthest = r.position;
    for await (const page of pages) {
      for (const e of page) {
        last = e.metadata.globalPosition;
        if (furthest !== undefined && last > furthest) furthest = undefined;
        for (const r of this.running) {
          if (furthest !== undefined && r.position !== undefined && last <= r.position) continue;
          const work = this.apply(r, e);
          if (work) await work;
          if (r.applied >= this.batchSize) await this.flush(r);
        }
      }
    }
    for (const r of this.running) await this.flush(r);
    this.seen = this.lowest() ?? last ?? this.seen;
    return this.seen;
  }

  private async live(e: StoredEvent): Promise<void> {
    const at = e.metadata.globalPosition;
    for (const r of this.running) {
      if (r.position !== undefined && at <= r.position) continue;
      const work = this.apply(r, e);
      if (work) await work;
      await this.flush(r);
    }
    this.seen = at;
    if (this.waiters.length > 0) {
      const due = this.waiters.filter((w) => w.position <= at);
      this.waiters = this.waiters.filter((w) => w.position > at);
      for (const w of due) w.resolve();
    }
  }

  /** Apply one event to one projection's pending documents; a Promise only when a document must be loaded. */
  private apply(r: Running, e: StoredEvent): Promise<void> | undefined {
    const at = e.metadata.globalPosition;
    r.position = at;
    r.applied++;
    r.dirty = true;
    if (r.types && !r.types.has(e.type)) return undefined;
    let keys: string | readonly string[] | undefined;
    try {
      keys = r.p.keyOf(e);
    } catch (cause) {
      throw new ProjectionFailed(r.p.name, at, { cause });
    }
    if (keys === undefined) return undefined;
    const tenantId = e.metadata.tenantId;
    // one key is the usual case: no array, no closure unless a document must be loaded
    if (typeof keys === 'string') return this.applyTo(r, e, tenantId, keys, undefined);
    let chain: Promise<void> | undefined;
    for (const id of keys) chain = this.applyTo(r, e, tenantId, id, chain);
    return chain;
  }

  /**
   * Apply one event to one document: at once when the document is pending and no load is
   * under way for this event, otherwise after `chain` (and after loading the document).
   */
  private applyTo(r: Running, e: StoredEvent, tenantId: string, id: string, chain: Promise<void> | undefined): Promise<void> | undefined {
    let docs = r.pending.get(tenantId);
    if (!docs) {
      docs = new Map();
      r.pending.set(tenantId, docs);
    }
    let known = docs.get(id);
    if (!known && !chain && r.committed && !r.committed.get(tenantId)?.has(id)) {
      // a document the store cannot hold: start it here, no load
      known = { tenantId, id, doc: null };
      docs.set(id, known);
    }
    if (known && !chain) {
      this.step(r, known, e);
      return undefined;
    }
    const load = async (): Promise<void> => {
      const entry = docs.get(id) ?? { tenantId, id, doc: (await this.options.readModels.get(r.p.name, tenantId, id)) ?? null };
      docs.set(id, entry);
      this.step(r, entry, e);
    };
    return chain ? chain.then(load) : load();
  }

  private step(r: Running, entry: Pending, e: StoredEvent): void {
    try {
      entry.doc = r.p.apply(entry.doc === null ? r.p.init() : entry.doc, e);
    } catch (cause) {
      throw new ProjectionFailed(r.p.name, e.metadata.globalPosition, { cause });
    }
  }

  /** Keep the set of documents a projection that began empty holds, while it stays small enough. */
  private remember(r: Running, changes: readonly DocumentChange[]): void {
    const committed = r.committed!;
    for (const c of changes) {
      let ids = committed.get(c.tenantId);
      if (c.op === 'delete') {
        if (ids?.delete(c.id)) r.committedCount--;
        continue;
      }
      if (!ids) committed.set(c.tenantId, (ids = new Set()));
      if (!ids.has(c.id)) {
        ids.add(c.id);
        r.committedCount++;
      }
    }
    if (r.committedCount > KNOWN_DOCUMENTS_LIMIT) r.committed = undefined;
  }

  /**
   * Commit the projection's changed documents with its checkpoint. When no document changed,
   * the events since the last commit meant nothing to this projection, and applying them
   * again after a restart changes nothing either: the checkpoint alone is committed only
   * once `batchSize` such events have passed, so a settle or a live event costs no write
   * for the projections it does not touch (on PostgreSQL, a transaction each).
   */
  private async flush(r: Running): Promise<void> {
    if (!r.dirty || r.position === undefined) return;
    const changes: DocumentChange[] = [];
    for (const docs of r.pending.values())
      for (const { tenantId, id, doc } of docs.values())
      changes.push(doc === null ? { op: 'delete', tenantId, id } : { op: 'put', tenantId, id, document: doc });
    if (changes.length === 0 && r.applied < this.batchSize) return;
    try {
      // the pending documents are the runner's own and dropped right after: handed over, not copied
      await this.options.readModels.commit(r.p.name, changes, { position: r.position, version: r.p.version }, { handOver: true });
    } catch (cause) {
      throw new ProjectionFailed(r.p.name, r.position, { cause });
    }
    if (r.committed) this.remember(r, changes);
    r.pending.clear();
    r.applied = 0;
    r.dirty = false;
  }
}
