import { EventStoreDBClient, FORWARDS, jsonEvent, START, type JSONRecordedEvent } from '@eventstore/db-client';
import {
  InvalidArgument,
  KeyedLock,
  runQuery,
  StoreUnavailable,
  type Checkpoint,
  type DocumentChange,
  type DocumentQuery,
  type ReadModelStore,
} from '@rapport/core';
import { storeFailure } from './errors.js';
import { CHECKPOINT_PREFIX, DOCUMENT_PREFIX } from './internalStreams.js';

export interface EsdbReadModelStoreOptions {
  /** A connected client, or a connection string. */
  readonly client: EventStoreDBClient | string;
  /** Keep this store's projections apart from others on the same server (for tests on a shared server). */
  readonly namespace?: string;
}

/** A document write as it sits in its stream (the latest event of `rapport_rm-<projection>.<tenant>.<id>`). */
interface DocumentRecord {
  readonly projection: string;
  readonly tenantId: string;
  readonly id: string;
  readonly generation: number;
  /** The checkpoint position of the commit that wrote it: the global position it reflects. */
  readonly position: string;
  readonly deleted: boolean;
  readonly document: unknown;
}

/** A commit as it sits in `rapport_checkpoint-<projection>`: written first, so it can be redone. */
interface CommitRecord {
  readonly generation: number;
  readonly position: string | null;
  readonly version: number | null;
  readonly changes: readonly DocumentChange[];
}

interface ProjectionState {
  generation: number;
  checkpoint: Checkpoint | undefined;
  /** tenantId → id → frozen document */
  readonly docs: Map<string, Map<string, unknown>>;
  /** Document streams that already carry `$maxCount: 1`. */
  readonly capped: Set<string>;
}

const COMMIT = 'rapport.commit';
const RESET = 'rapport.reset';
const DOCUMENT = 'rapport.document';

/** Stream-name parts: `.` separates them, so it is escaped inside a part. */
const part = (s: string) => encodeURIComponent(s).replaceAll('.', '%2E');

export const documentStream = (projection: string, tenantId: string, id: string) => `${DOCUMENT_PREFIX}${part(projection)}.${part(tenantId)}.${part(id)}`;
export const checkpointStream = (projection: string) => `${CHECKPOINT_PREFIX}${part(projection)}`;

const deepFreeze = <T>(v: T): T => {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
};

/** The same changes, last one per document, in the order of their last change. */
const lastPerDocument = (changes: readonly DocumentChange[]): DocumentChange[] => {
  const m = new Map<string, DocumentChange>();
  for (const c of changes) {
    const k = `${c.tenantId}\u0000${c.id}`;
    m.delete(k);
    m.set(k, c);
  }
  return [...m.values()];
};

/**
 * Read models kept in EventStoreDB. Each document is the latest event of its own stream
 * (`$maxCount: 1`), recording the checkpoint position it reflects; each projection's
 * commits go to `rapport_checkpoint-<projection>`.
 *
 * A commit is written ahead: first the commit record (checkpoint plus changes) to the
 * checkpoint stream, then the documents. If the process dies in between, the next store
 * to open redoes the documents of the last commit that do not reflect it yet, so the
 * documents and the checkpoint never disagree and no event is applied twice.
 *
 * Documents are held in memory once loaded (by one read of `$all` on first use), so
 * one process should own a projection's writes, as the projection runner does.
 */
export class EsdbReadModelStore implements ReadModelStore {
  private readonly client: EventStoreDBClient;
  private readonly ownsClient: boolean;
  private readonly lock = new KeyedLock();
  private loaded: Promise<Map<string, ProjectionState>> | undefined;
  private closed = false;
  private readonly namespace: string | undefined;

  constructor(options: EsdbReadModelStoreOptions) {
    this.namespace = options.namespace;
    this.ownsClient = typeof options.client === 'string';
    this.client = typeof options.client === 'string' ? EventStoreDBClient.connectionString(options.client) : options.client;
  }

  private open(): void {
    if (this.closed) throw new StoreUnavailable('EventStoreDB read-model store is closed');
  }

  /** The name a projection goes by on the server. */
  private key(projection: string): string {
    return this.namespace === undefined ? projection : `${this.namespace}~${projection}`;
  }

  private async state(projection: string): Promise<ProjectionState> {
    this.open();
    projection = this.key(projection);
    this.loaded ??= this.load().catch((err: unknown) => {
      this.loaded = undefined;
      throw storeFailure('loading read models', err);
    });
    const all = await this.loaded;
    let p = all.get(projection);
    if (!p) {
      p = { generation: 0, checkpoint: undefined, docs: new Map(), capped: new Set() };
      all.set(projection, p);
    }
    return p;
  }

  /** Read every document and commit stream once, then redo any commit whose documents were not all written. */
  private async load(): Promise<Map<string, ProjectionState>> {
    const documents = new Map<string, { stream: string; record: DocumentRecord }>();
    const commits = new Map<string, CommitRecord>();
    for await (const resolved of this.client.readAll({ fromPosition: START, direction: FORWARDS })) {
      const r = resolved.event;
      if (!r || !r.isJson) continue;
      if (r.streamId.startsWith(DOCUMENT_PREFIX) && r.type === DOCUMENT) {
        const record = (r as JSONRecordedEvent).data as unknown as DocumentRecord;
        documents.set(r.streamId, { stream: r.streamId, record });
      } else if (r.streamId.startsWith(CHECKPOINT_PREFIX) && (r.type === COMMIT || r.type === RESET)) {
        const data = (r as JSONRecordedEvent).data as unknown as CommitRecord & { projection: string };
        commits.set(data.projection, data);
      }
    }
    const states = new Map<string, ProjectionState>();
    const stateOf = (projection: string) => {
      let s = states.get(projection);
      if (!s) {
        s = { generation: commits.get(projection)?.generation ?? 0, checkpoint: undefined, docs: new Map(), capped: new Set() };
        states.set(projection, s);
      }
      return s;
    };
    for (const [projection, c] of commits) {
      const s = stateOf(projection);
      if (c.position !== null && c.version !== null) s.checkpoint = deepFreeze({ position: BigInt(c.position), version: c.version });
    }
    for (const { stream, record } of documents.values()) {
      const s = stateOf(record.projection);
      s.capped.add(stream);
      if (record.generation !== s.generation || record.deleted) continue;
      this.place(s, record.tenantId, record.id, deepFreeze(record.document));
    }
    // redo: documents of the last commit that do not reflect it yet
    for (const [projection, c] of commits) {
      if (c.position === null) continue;
      const s = stateOf(projection);
      const pending = c.changes.filter((ch) => {
        const d = documents.get(documentStream(projection, ch.tenantId, ch.id))?.record;
        return !d || d.generation !== c.generation || BigInt(d.position) < BigInt(c.position!);
      });
      await this.writeDocuments(projection, s, pending, c.position, c.generation);
    }
    return states;
  }

  private place(s: ProjectionState, tenantId: string, id: string, document: unknown | undefined): void {
    let docs = s.docs.get(tenantId);
    if (!docs) {
      docs = new Map();
      s.docs.set(tenantId, docs);
    }
    if (document === undefined) docs.delete(id);
    else docs.set(id, document);
  }

  private async cap(stream: string, s: ProjectionState): Promise<void> {
    if (s.capped.has(stream)) return;
    await this.client.setStreamMetadata(stream, { maxCount: 1 });
    s.capped.add(stream);
  }

  private async writeDocuments(projection: string, s: ProjectionState, changes: readonly DocumentChange[], position: string, generation: number): Promise<void> {
    await Promise.all(
      changes.map(async (c) => {
        const stream = documentStream(projection, c.tenantId, c.id);
        await this.cap(stream, s);
        const record: DocumentRecord = {
          projection,
          tenantId: c.tenantId,
          id: c.id,
          generation,
          position,
          deleted: c.op === 'delete',
          document: c.op === 'put' ? c.document : null,
        };
        await this.client.appendToStream(stream, jsonEvent({ type: DOCUMENT, data: record as unknown as Record<string, never> }));
        this.place(s, c.tenantId, c.id, c.op === 'put' ? deepFreeze(JSON.parse(JSON.stringify(c.document)) as unknown) : undefined);
      }),
    );
  }

  async get<T>(projection: string, tenantId: string, id: string): Promise<T | undefined> {
    const s = await this.state(projection);
    return s.docs.get(tenantId)?.get(id) as T | undefined;
  }

  async commit(projection: string, changes: readonly DocumentChange[], checkpoint: Checkpoint): Promise<void> {
    this.open();
    if (typeof checkpoint?.position !== 'bigint' || !Number.isInteger(checkpoint.version))
      throw new InvalidArgument(`commit ${projection}: checkpoint must be { position: bigint, version: integer }`);
    for (const [i, c] of changes.entries())
      if (c.op === 'put' && c.document === undefined) throw new InvalidArgument(`commit ${projection}: changes[${i}] puts undefined`);
    await this.lock.run(projection, async () => {
      const s = await this.state(projection);
      const key = this.key(projection);
      if (s.checkpoint && checkpoint.position < s.checkpoint.position)
        throw new InvalidArgument(`commit ${projection}: checkpoint ${checkpoint.position} is behind ${s.checkpoint.position}`);
      // documents travel as JSON; a copy now, so later changes to the caller's objects reach nothing
      const own = lastPerDocument(changes).map((c) =>
        c.op === 'put' ? { op: 'put' as const, tenantId: c.tenantId, id: c.id, document: JSON.parse(JSON.stringify(c.document)) as unknown } : c,
      );
      const position = checkpoint.position.toString();
      try {
        const stream = checkpointStream(key);
        await this.cap(stream, s);
        const record = { projection: key, generation: s.generation, position, version: checkpoint.version, changes: own };
        await this.client.appendToStream(stream, jsonEvent({ type: COMMIT, data: record as unknown as Record<string, never> }));
        s.checkpoint = deepFreeze({ position: checkpoint.position, version: checkpoint.version });
        await this.writeDocuments(key, s, own, position, s.generation);
      } catch (err) {
        throw storeFailure(`commit of ${projection}`, err);
      }
    });
  }

  async checkpoint(projection: string): Promise<Checkpoint | undefined> {
    return (await this.state(projection)).checkpoint;
  }

  /** A new generation: the documents of earlier ones are ignored from now on (their streams stay until scavenged). */
  async reset(projection: string): Promise<void> {
    this.open();
    await this.lock.run(projection, async () => {
      const s = await this.state(projection);
      const key = this.key(projection);
      const generation = s.generation + 1;
      try {
        await this.cap(checkpointStream(key), s);
        await this.client.appendToStream(
          checkpointStream(key),
          jsonEvent({ type: RESET, data: { projection: key, generation, position: null, version: null, changes: [] } }),
        );
      } catch (err) {
        throw storeFailure(`reset of ${projection}`, err);
      }
      s.generation = generation;
      s.checkpoint = undefined;
      s.docs.clear();
    });
  }

  async *query<T>(projection: string, tenantId: string, query: DocumentQuery = {}): AsyncIterable<T> {
    const s = await this.state(projection);
    const docs = s.docs.get(tenantId);
    if (!docs) return;
    yield* runQuery(docs.values() as Iterable<T>, query);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsClient) await this.client.dispose();
  }
}
