import { InvalidArgument, type Checkpoint, type DocumentChange } from '@rapport/core';
import { toBigInt, type SqlClient } from './sql.js';

/**
 * Writing read-model documents and checkpoints inside a caller's transaction: shared by
 * the ReadModelStore (a projection runner's commit) and inline projections (the append
 * transaction), so both keep documents and checkpoint in one commit.
 */

/** The last change per document wins, as if the changes were applied in order. */
const lastChangePerDocument = (changes: readonly DocumentChange[]): DocumentChange[] => {
  const byKey = new Map<string, DocumentChange>();
  for (const c of changes) {
    const k = `${c.tenantId}\u0000${c.id}`;
    byKey.delete(k); // keep the order of last changes
    byKey.set(k, c);
  }
  return [...byKey.values()];
};

/** Refuse what the port forbids before touching the database. */
export const checkCommit = (projection: string, changes: readonly DocumentChange[], checkpoint: Checkpoint): void => {
  if (typeof checkpoint?.position !== 'bigint' || !Number.isInteger(checkpoint.version))
    throw new InvalidArgument(`commit ${projection}: checkpoint must be { position: bigint, version: integer }`);
  if (!Array.isArray(changes)) throw new InvalidArgument(`commit ${projection}: changes must be an array`);
  for (const [i, c] of changes.entries()) {
    if (c.op === 'put' && c.document === undefined) throw new InvalidArgument(`commit ${projection}: changes[${i}] puts undefined`);
    if (c.op !== 'put' && c.op !== 'delete') throw new InvalidArgument(`commit ${projection}: changes[${i}].op must be put or delete`);
  }
};

/**
 * Write changes and move the checkpoint, in the transaction `tx` (which must hold the
 * projection's lock). A checkpoint behind the stored one is refused.
 */
export const writeCommit = async (
  tx: SqlClient,
  schema: string,
  projection: string,
  changes: readonly DocumentChange[],
  checkpoint: Checkpoint,
): Promise<void> => {
  const [cp] = await tx.query<{ position: string }>(`SELECT position::text AS position FROM ${schema}.checkpoints WHERE projection = $1`, [projection]);
  if (cp && checkpoint.position < toBigInt(cp.position))
    throw new InvalidArgument(`commit ${projection}: checkpoint ${checkpoint.position} is behind ${cp.position}`);
  const last = lastChangePerDocument(changes);
  const puts = last.filter((c): c is Extract<DocumentChange, { op: 'put' }> => c.op === 'put');
  const deletes = last.filter((c) => c.op === 'delete');
  const position = checkpoint.position.toString();
  if (deletes.length > 0)
    await tx.query(
      `DELETE FROM ${schema}.documents d USING unnest($2::text[], $3::text[]) AS u(tn, id)
       WHERE d.projection = $1 AND d.tenant_id = u.tn AND d.id = u.id`,
      [projection, deletes.map((c) => c.tenantId), deletes.map((c) => c.id)],
    );
  if (puts.length > 0)
    // one jsonb array of [tenant, id, document]: documents travel as nested JSON, parsed
    // once, not as jsonb[] text whose every quote the array literal must escape
    await tx.query(
      `INSERT INTO ${schema}.documents AS d (projection, tenant_id, id, document, version, position)
       SELECT $1, u.r->>0, u.r->>1, u.r->2, 1, $3::bigint FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS u(r, n) ORDER BY u.n
       ON CONFLICT (projection, tenant_id, id)
       DO UPDATE SET document = excluded.document, version = d.version + 1, position = excluded.position, updated_at = now()`,
      [projection, `[${puts.map((c) => `[${JSON.stringify(c.tenantId)},${JSON.stringify(c.id)},${JSON.stringify(c.document)}]`).join(',')}]`, position],
    );
  await tx.query(
    `INSERT INTO ${schema}.checkpoints (projection, position, version) VALUES ($1, $2::bigint, $3)
     ON CONFLICT (projection) DO UPDATE SET position = excluded.position, version = excluded.version, updated_at = now()`,
    [projection, position, checkpoint.version],
  );
};

/** Drop a projection's documents and checkpoint in `tx`. */
export const writeReset = async (tx: SqlClient, schema: string, projection: string): Promise<void> => {
  await tx.query(`DELETE FROM ${schema}.documents WHERE projection = $1`, [projection]);
  await tx.query(`DELETE FROM ${schema}.checkpoints WHERE projection = $1`, [projection]);
};
