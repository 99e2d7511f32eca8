/**
 * The PostgreSQL store against plain SQL, on the real server, in one run:
 *
 * - appends/s: `PostgresEventStore.appendToStream` (validation, head read under the append
 *   lock, hash chain, one multi-row insert, NOTIFY, commit) versus the same rows written by
 *   plain batched `INSERT … VALUES` statements through `pg` into an identical table (same
 *   columns and indexes), one statement per batch, autocommit; the two alternate in ten
 *   slices of the workload, so load drift on a shared machine hits both alike;
 * - events read/s: `readAll` (pages, envelopes, registry decode) versus plain `SELECT`s of
 *   the same rows in the same page size;
 * - projection rebuild: `ProjectionRunner.rebuild` into `PostgresReadModelStore`, events/s.
 *
 * Each configuration runs `--runs` times (default 5) in fresh schemas; the table shows
 * medians and ratios. Run it with `node bench/postgres.mjs` (which builds nothing: run
 * `npm run build` first) or directly: `node --import tsx bench/postgres.bench.ts`.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as t from 'io-ts';
import pg from 'pg';
import { deriveId, eventRegistry, ProjectionRunner, tagged, type NewEvent, type Projection } from '@rapport/core';
import { migrate, PgDatabase, PostgresEventStore, PostgresReadModelStore } from '@rapport/postgres';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env['RAPPORT_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test' },
    events: { type: 'string', default: '20000' },
    batches: { type: 'string', default: '1,10,100' },
    streams: { type: 'string', default: '200' },
    runs: { type: 'string', default: '5' },
    out: { type: 'string' },
  },
});
const EVENTS = Number(values.events);
const STREAMS = Number(values.streams);
const RUNS = Number(values.runs);
const BATCHES = values.batches.split(',').map(Number);
const PAGE = 500;

const PointsEarned = tagged('PointsEarned', { customerId: t.string, orderId: t.string, points: t.number, reason: t.string });
const registry = eventRegistry(t.union([PointsEarned, tagged('PointsRedeemed', { customerId: t.string, points: t.number })]));

const batchOf = (run: number, k: number, size: number, stream: string, customerId: string): NewEvent[] =>
  Array.from({ length: size }, (_, i) => ({
    type: 'PointsEarned',
    data: { customerId, orderId: `o${k}-${i}`, points: (k + i) % 500, reason: 'order completed' },
    metadata: {
      eventId: deriveId(stream, `cmd-${run}-${k}`, String(i)),
      occurredAt: '2026-05-01T08:00:00.000Z',
      tenantId: 'shop_a',
      actor: { kind: 'system', id: 'bench' },
      commandId: `cmd-${run}-${k}`,
      correlationId: `cmd-${run}-${k}`,
      causationId: `cmd-${run}-${k}`,
      schemaVersion: 1,
    },
  }));

const points: Projection<{ points: number; events: number }, t.TypeOf<typeof PointsEarned>> = {
  name: 'bench.points',
  version: 1,
  events: ['PointsEarned'],
  init: () => ({ points: 0, events: 0 }),
  keyOf: (e) => e.data.customerId,
  apply: (d, e) => ({ points: d.points + e.data.points, events: d.events + 1 }),
};

const COLUMNS = ['stream_name', 'category', 'stream_position', 'tenant_id', 'command_id', 'type', 'data', 'metadata', 'prev_hash', 'hash', 'recorded_at'];

interface Sample {
  readonly append: number;
  readonly rawInsert: number;
  readonly read: number;
  readonly rawSelect: number;
  readonly rebuild: number;
}

const perSecond = (n: number, ms: number): number => (n * 1000) / ms;

const once = async (pool: pg.Pool, batch: number, run: number): Promise<Sample> => {
  const schema = `bench_${process.pid}_${run}_${batch}`;
  const base = `${schema}_base`;
  const db = new PgDatabase(pool, false);
  for (const s of [schema, base]) await pool.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await migrate(db, schema);
  await migrate(db, base); // the baseline table: same columns, constraints and indexes
  const store = new PostgresEventStore(db, { registry, schema, clock: { now: () => '2026-05-01T08:00:01.000Z' as never } });
  const models = new PostgresReadModelStore(db, { schema });
  try {
    const appends = Math.ceil(EVENTS / batch);
    const batches = Array.from({ length: appends }, (_, k) => {
      const c = k % STREAMS;
      return { stream: `loyalty-shop_a.c${c}`, events: batchOf(run, k, Math.min(batch, EVENTS - k * batch), `loyalty-shop_a.c${c}`, `c${c}`) };
    });
    // adapter and baseline alternate in slices, so a change of machine load between the two
    // halves of a run does not masquerade as a difference between them
    const client = await pool.connect();
    try {
    let appendMs = 0;
    let insertMs = 0;
    let seen = '0';
    const SLICES = 10;
    const per = Math.ceil(batches.length / SLICES);
    for (let from = 0; from < batches.length; from += per) {
      let started = performance.now();
      for (const b of batches.slice(from, from + per)) await store.appendToStream(b.stream, b.events, { expectedVersion: 'any' });
      appendMs += performance.now() - started;

      // the baseline writes the very rows the store just wrote, batch by batch, one INSERT each
      const rows = (
        await pool.query(`SELECT ${COLUMNS.join(', ')}, global_position::text AS g FROM ${schema}.events WHERE global_position > $1 ORDER BY global_position`, [seen])
      ).rows as Record<string, unknown>[];
      seen = rows[rows.length - 1]!['g'] as string;
      const byCommand = new Map<string, unknown[][]>();
      for (const r of rows) {
        const list = byCommand.get(r['command_id'] as string) ?? [];
        list.push(COLUMNS.map((c) => (c === 'data' || c === 'metadata' ? JSON.stringify(r[c]) : r[c])));
        byCommand.set(r['command_id'] as string, list);
      }
      const statements = [...byCommand.values()].map((list) => ({
        text: `INSERT INTO ${base}.events (${COLUMNS.join(', ')}) VALUES ${list
          .map((_, i) => `(${COLUMNS.map((__, j) => `$${i * COLUMNS.length + j + 1}`).join(', ')})`)
          .join(', ')}`,
        values: list.flat(),
      }));
      started = performance.now();
      for (const st of statements) await client.query(st.text, st.values);
      insertMs += performance.now() - started;
    }
    const append = perSecond(EVENTS, appendMs);
      const rawInsert = perSecond(EVENTS, insertMs);

      let started = performance.now();
      let read = 0;
      for await (const _ of store.readAll()) read++;
      const readRate = perSecond(read, performance.now() - started);

      started = performance.now();
      let selected = 0;
      let after = '0';
      for (;;) {
        const page = await client.query(`SELECT * FROM ${base}.events WHERE global_position > $1 ORDER BY global_position LIMIT ${PAGE}`, [after]);
        selected += page.rows.length;
        if (page.rows.length < PAGE) break;
        after = String(page.rows[page.rows.length - 1].global_position);
      }
      const rawSelect = perSecond(selected, performance.now() - started);
      if (read !== EVENTS || selected !== EVENTS) throw new Error(`read ${read} and selected ${selected} of ${EVENTS}`);

      const runner = new ProjectionRunner({ eventStore: store, readModels: models, projections: [points] });
      started = performance.now();
      await runner.rebuild();
      const rebuild = perSecond(EVENTS, performance.now() - started);
      let total = 0;
      for (let c = 0; c < Math.min(STREAMS, appends); c++) total += (await models.get<{ events: number }>('bench.points', 'shop_a', `c${c}`))?.events ?? 0;
      if (total !== EVENTS) throw new Error(`the rebuilt projection counted ${total} of ${EVENTS} events`);
      return { append, rawInsert, read: readRate, rawSelect, rebuild };
    } finally {
      client.release();
    }
  } finally {
    await store.close();
    for (const s of [schema, base]) await pool.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  }
};

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (n: number): string => `${Math.round(n * 100)}%`;

const main = async (): Promise<void> => {
  const pool = new pg.Pool({ connectionString: values.url, max: 4 });
  const server = (await pool.query('SHOW server_version')).rows[0].server_version as string;
  const lines = [
    `PostgreSQL ${server}, ${EVENTS.toLocaleString('en-US')} events over ${STREAMS} streams, medians of ${RUNS} runs, one writer`,
    '',
    '| events per append | appends/s | events/s appended | raw INSERT events/s | ratio | readAll events/s | raw SELECT events/s | ratio | rebuild events/s |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const json: Record<string, unknown> = { server, events: EVENTS, streams: STREAMS, runs: RUNS, configurations: [] };
  for (const batch of BATCHES) {
    const samples: Sample[] = [];
    for (let run = 0; run < RUNS; run++) {
      samples.push(await once(pool, batch, run));
      process.stderr.write(`batch ${batch} run ${run + 1}/${RUNS}: ${JSON.stringify(samples.at(-1), (_, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}\n`);
    }
    const m = (k: keyof Sample) => median(samples.map((s) => s[k]));
    const ratios = samples.map((s) => s.append / s.rawInsert);
    lines.push(
      `| ${batch} | ${fmt(m('append') / batch)} | ${fmt(m('append'))} | ${fmt(m('rawInsert'))} | ${pct(median(ratios))} | ${fmt(m('read'))} | ${fmt(m('rawSelect'))} | ${pct(median(samples.map((s) => s.read / s.rawSelect)))} | ${fmt(m('rebuild'))} |`,
    );
    (json['configurations'] as unknown[]).push({ batch, samples });
  }
  await pool.end();
  const table = lines.join('\n');
  console.log(table);
  if (values.out) writeFileSync(values.out, `${table}\n`);
  writeFileSync(values.out ? values.out.replace(/\.md$/, '.json') : '/dev/null', JSON.stringify(json, null, 2));
};

await main();
