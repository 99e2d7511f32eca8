import { InvalidArgument, StoreUnavailable } from './errors.js';
import { runQuery, type Checkpoint, type CommitOptions, type DocumentChange, type DocumentQuery, type ReadModelStore } from './readModelStore.js';
import { deepFreeze } from './deepFreeze.js';
import { frozenCopy } from './frozenCopy.js';

interface MemoryProjection {
  /** tenantId → id → document */
  readonly tenants: Map<string, Map<string, unknown>>;
  checkpoint: Checkpoint | undefined;
}

/**
 * Read models in process memory (the core holds it so an as-of replay can build fresh
 * read models on any store; `@rapport/memory` re-exports it). A commit applies all its changes and the checkpoint in
 * one synchronous step, so they never disagree. Documents are frozen: treat them as
 * read-only values.
 */
export class MemoryReadModelStore implements ReadModelStore {
  private readonly projections = new Map<string, MemoryProjection>();
  private closed = false;

  private open(): void {
    if (this.closed) throw new StoreUnavailable('memory read-model store is closed');
  }

  private projection(name: string): MemoryProjection {
    let p = this.projections.get(name);
    if (!p) {
      p = { tenants: new Map(), checkpoint: undefined };
      this.projections.set(name, p);
    }
    return p;
  }

  async get<T>(projection: string, tenantId: string, id: string): Promise<T | undefined> {
    this.open();
    return this.projections.get(projection)?.tenants.get(tenantId)?.get(id) as T | undefined;
  }

  async commit(projection: string, changes: readonly DocumentChange[], checkpoint: Checkpoint, options?: CommitOptions): Promise<void> {
    this.open();
    const p = this.projection(projection);
    if (typeof checkpoint?.position !== 'bigint' || !Number.isInteger(checkpoint.version))
      throw new InvalidArgument(`commit ${projection}: checkpoint must be { position: bigint, version: integer }`);
    if (p.checkpoint && checkpoint.position < p.checkpoint.position)
      throw new InvalidArgument(`commit ${projection}: checkpoint ${checkpoint.position} is behind ${p.checkpoint.position}`);
    for (const [i, c] of changes.entries())
      if (c.op === 'put' && c.document === undefined) throw new InvalidArgument(`commit ${projection}: changes[${i}] puts undefined`);
    for (const c of changes) {
      let docs = p.tenants.get(c.tenantId);
      if (!docs) {
        docs = new Map();
        p.tenants.set(c.tenantId, docs);
      }
      // a frozen copy: the caller's object stays the caller's, and no later change to it reaches
      // the store; a document handed over is frozen and kept as it is
      if (c.op === 'put') docs.set(c.id, options?.handOver === true ? deepFreeze(c.document) : frozenCopy(c.document, { reuse: true }));
      else docs.delete(c.id);
    }
    p.checkpoint = deepFreeze({ position: checkpoint.position, version: checkpoint.version });
  }

  async checkpoint(projection: string): Promise<Checkpoint | undefined> {
    this.open();
    return this.projections.get(projection)?.checkpoint;
  }

  async reset(projection: string): Promise<void> {
    this.open();
    this.projections.delete(projection);
  }

  async *query<T>(projection: string, tenantId: string, query: DocumentQuery = {}): AsyncIterable<T> {
    this.open();
    const docs = this.projections.get(projection)?.tenants.get(tenantId);
    if (!docs) return;
    yield* runQuery(docs.values() as Iterable<T>, query);
  }

  /**
   * Everything held, projection by projection: the checkpoint and every document as a
   * `put`. For persisting read models computed in memory into another store in one commit
   * per projection (a replay or a demo run in memory, then kept).
   */
  *contents(): Iterable<{ readonly projection: string; readonly checkpoint: Checkpoint | undefined; readonly changes: readonly DocumentChange[] }> {
    this.open();
    for (const [projection, p] of this.projections) {
      const changes: DocumentChange[] = [];
      for (const [tenantId, docs] of p.tenants) for (const [id, document] of docs) changes.push({ op: 'put', tenantId, id, document });
      yield { projection, checkpoint: p.checkpoint, changes };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
