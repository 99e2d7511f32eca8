/** A change to one read-model document. */
export type DocumentChange =
  | { readonly op: 'put'; readonly tenantId: string; readonly id: string; readonly document: unknown }
  | { readonly op: 'delete'; readonly tenantId: string; readonly id: string };

/** How far a projection has read, and which version of it wrote the documents. */
export interface Checkpoint {
  /** Global position of the last event applied. */
  readonly position: bigint;
  readonly version: number;
}

/** How a commit may treat the documents it is given. */
export interface CommitOptions {
  /**
   * The caller hands the documents over: it keeps no reference it will change, so a store
   * that keeps objects (in memory) may freeze and keep them as they are instead of copying
   * them. The projection runner commits this way; a store that serialises ignores it.
   */
  readonly handOver?: boolean;
}

/** Equality on top-level or dotted fields, one optional order, a limit. Adapters can push it down to SQL. */
export interface DocumentQuery {
  readonly where?: Readonly<Record<string, string | number | boolean | null>>;
  readonly orderBy?: { readonly field: string; readonly direction?: 'asc' | 'desc' };
  readonly limit?: number;
}

/**
 * Where projections keep their documents and checkpoints. `commit` writes the changes
 * and the checkpoint together or not at all, so a crash never leaves them disagreeing.
 */
export interface ReadModelStore {
  get<T>(projection: string, tenantId: string, id: string): Promise<T | undefined>;
  commit(projection: string, changes: readonly DocumentChange[], checkpoint: Checkpoint, options?: CommitOptions): Promise<void>;
  checkpoint(projection: string): Promise<Checkpoint | undefined>;
  /** Drop every document and the checkpoint of a projection (before a rebuild). */
  reset(projection: string): Promise<void>;
  query<T>(projection: string, tenantId: string, query?: DocumentQuery): AsyncIterable<T>;
  close(): Promise<void>;
}

/** The value of a dotted field path in a document (for adapters that query in process). */
export const fieldOf = (doc: unknown, path: string): unknown => {
  let v: unknown = doc;
  for (const k of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
};

/** Apply a {@link DocumentQuery} to documents in memory. */
export const runQuery = <T>(docs: Iterable<T>, q: DocumentQuery = {}): T[] => {
  const where = Object.entries(q.where ?? {});
  let out = [...docs].filter((d) => where.every(([k, v]) => fieldOf(d, k) === v));
  if (q.orderBy) {
    const { field, direction = 'asc' } = q.orderBy;
    const sign = direction === 'asc' ? 1 : -1;
    out = out.sort((a, b) => {
      const x = fieldOf(a, field) as string | number;
      const y = fieldOf(b, field) as string | number;
      return x === y ? 0 : x === undefined || x === null ? 1 : y === undefined || y === null ? -1 : x < y ? -sign : sign;
    });
  }
  return q.limit === undefined ? out : out.slice(0, q.limit);
};
