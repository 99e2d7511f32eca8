import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  analyticsReads,
  auditModuleFor,
  builtInModules,
  createReadApi,
  EventRegistry,
  fixedClock,
  readAllInPages,
  replayIntoReadModels,
  resolveCrmPolicy,
  verifyStreamChain,
  type CrmPolicy,
  type DomainEvent,
  type IsoInstant,
  type StoredEvent,
} from '@rapport/core';
import { MemoryVault } from '@rapport/memory';
import * as E from 'fp-ts/lib/Either.js';
import { CliError, usage } from '../errors.js';
import { toJson, type Output } from '../output.js';
import { progressBar } from '../progress.js';
import { openStore } from '../store.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A stored event written as one JSON line: positions as decimal strings. */
const revive = (line: string, n: number, file: string): StoredEvent => {
  let e: StoredEvent;
  try {
    e = JSON.parse(line) as StoredEvent;
  } catch (err) {
    throw usage(`${file}:${n}: not JSON (${(err as Error).message})`);
  }
  const m = e?.metadata as unknown as Record<string, unknown> | undefined;
  if (!m || typeof e.type !== 'string' || typeof m['streamName'] !== 'string' || typeof m['globalPosition'] !== 'string' || typeof m['streamPosition'] !== 'string')
    throw usage(`${file}:${n}: not a Rapport event (type, metadata.streamName, streamPosition and globalPosition expected)`);
  return { ...e, metadata: { ...e.metadata, streamPosition: BigInt(m['streamPosition'] as string), globalPosition: BigInt(m['globalPosition'] as string) } };
};

const readFile = async (file: string): Promise<StoredEvent[]> => {
  const out: StoredEvent[] = [];
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    n++;
    if (line.trim() !== '') out.push(revive(line, n, file));
  }
  return out;
};

const readStoreEvents = async (url: string, out: Output): Promise<StoredEvent[]> => {
  const store = await openStore(url);
  const bar = progressBar('read', !out.json);
  const events: StoredEvent[] = [];
  try {
    for await (const page of readAllInPages(store.eventStore, { raw: true, pageSize: 5000 })) {
      events.push(...page);
      bar.update(events.length, events.length);
    }
  } finally {
    bar.stop();
    await store.close();
  }
  return events;
};

/** `rapport dump --out <file>`: every event of a store as JSON lines, the input of `replay --from <file>`. */
export const dump = async (url: string | undefined, out: Output, file: string) => {
  const events = await readStoreEvents(url ?? 'pglite:./.rapport/demo', out);
  writeFileSync(file, events.map((e) => JSON.stringify(e, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).join('\n') + '\n');
  out.result({ file, events: events.length }, () => out.line(`wrote ${events.length} events to ${file}`));
};

const policyOrThrow = (): CrmPolicy => {
  const p = resolveCrmPolicy();
  if (E.isLeft(p)) throw new CliError('failed', p.left.message);
  return p.right;
};

/**
 * `rapport replay --from <file|store-url> [--as-of T] [--by occurredAt]`: every projection
 * rebuilt in memory from the events known at T (or all), the hash chains checked, and a
 * summary of what the projections say. Personal fields read as erased: a file carries no keys.
 */
export const replay = async (out: Output, from: string, tenantId: string, asOf: string | undefined, by: 'recordedAt' | 'occurredAt') => {
  if (asOf !== undefined && !ISO.test(asOf)) throw usage(`--as-of ${asOf}: expected an ISO instant (YYYY-MM-DDTHH:mm:ss.sssZ)`);
  const isStore = /^(pglite:|postgres(ql)?:\/\/)/.test(from);
  if (!isStore && !existsSync(from)) throw usage(`--from ${from}: no such file (give a JSON-lines file from \`rapport dump\`, pglite:<dir> or postgres://…)`);
  const started = performance.now();
  const all = isStore ? await readStoreEvents(from, out) : await readFile(from);
  const policy = policyOrThrow();
  const modules = builtInModules(policy);
  const projections = [...modules, auditModuleFor(modules)].flatMap((m) => m.projections);
  const registry = new EventRegistry();
  for (const m of modules) for (const codec of m.events) registry.registerAll(codec);

  // the hash chain of every stream, as the file or store holds it
  const streams = new Map<string, StoredEvent[]>();
  for (const e of all) (streams.get(e.metadata.streamName) ?? streams.set(e.metadata.streamName, []).get(e.metadata.streamName)!).push(e);
  const broken: string[] = [];
  for (const [name, events] of streams) {
    const v = await verifyStreamChain(events);
    if (!v.intact) broken.push(`${name}@${v.firstBreak.position}`);
  }

  const known = all
    .filter((e) => asOf === undefined || (by === 'recordedAt' ? e.metadata.recordedAt <= asOf : e.metadata.occurredAt <= asOf))
    .map((e) => registry.decode(e as StoredEvent<DomainEvent>));
  if (by === 'occurredAt') known.sort((a, b) => (a.metadata.occurredAt < b.metadata.occurredAt ? -1 : a.metadata.occurredAt > b.metadata.occurredAt ? 1 : 0));
  const bar = progressBar('replay', !out.json);
  async function* pages() {
    for (let i = 0; i < known.length; i += 5000) {
      yield known.slice(i, i + 5000);
      bar.update(Math.min(i + 5000, known.length), known.length);
    }
  }
  const readModels = await replayIntoReadModels(projections, pages());
  bar.stop();
  const at = (asOf ?? all.reduce((m, e) => (e.metadata.recordedAt > m ? e.metadata.recordedAt : m), '1970-01-01T00:00:00.000Z')) as IsoInstant;
  const reads = createReadApi({ readModels, vault: new MemoryVault(), policy, clock: fixedClock(at), fresh: () => Promise.resolve() });
  const orders = await reads.query<{ state: string }>('orders.summary', tenantId);
  const byState: Record<string, number> = {};
  for (const o of orders) byState[o.state] = (byState[o.state] ?? 0) + 1;
  const accounts = await reads.query<{ tier: string }>('loyalty.account', tenantId);
  const tiers: Record<string, number> = {};
  for (const a of accounts) tiers[a.tier] = (tiers[a.tier] ?? 0) + 1;
  const rfm = await analyticsReads(readModels, policy.analytics).rfm(tenantId, { asOf: at, by });
  const seconds = (performance.now() - started) / 1000;
  const summary = {
    from,
    tenantId,
    asOf: asOf ?? null,
    by,
    events: { total: all.length, replayed: known.length, perSecond: Math.round(known.length / Math.max(seconds, 0.001)) },
    chains: { streams: streams.size, intact: broken.length === 0, broken },
    customers: (await reads.query('customers.profile', tenantId)).length,
    ordersByState: byState,
    loyaltyTiers: tiers,
    openComplaints: (await reads.complaints.open(tenantId, at)).length,
    rfmSegments: Object.fromEntries(rfm.segments.map((s) => [s.segment, s.count])),
  };
  out.result(summary, () => {
    out.line(`replayed ${summary.events.replayed} of ${summary.events.total} events from ${from}${asOf ? ` as of ${asOf} (${by})` : ''} in ${seconds.toFixed(1)} s (${summary.events.perSecond} events/s)`);
    out.line(`hash chains: ${summary.chains.intact ? `intact (${streams.size} streams)` : `BROKEN at ${broken.slice(0, 3).join(', ')}`}`);
    out.line(`shop ${tenantId}: ${summary.customers} customers; orders ${toJson(byState).replace(/\s+/g, ' ')}`);
    out.line(`loyalty tiers ${toJson(tiers).replace(/\s+/g, ' ')}; open complaints ${summary.openComplaints}`);
    out.line(`RFM segments ${rfm.segments.map((s) => `${s.zh} ${s.count}`).join(', ')}`);
  });
};
