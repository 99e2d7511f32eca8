import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// the BUILT binary, as a user runs it (npm test builds before it tests)
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
const store = `pglite:${join(dir, 'shop')}`;

const rapport = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, RAPPORT_MASTER_KEY: '' }, timeout: 170_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, json: () => JSON.parse(r.stdout) as Record<string, unknown> };
};

beforeAll(() => {
  const demo = rapport('demo', '--customers', '12', '--seed', '5', '--store', store);
  if (demo.code !== 0) throw new Error(`demo failed (${demo.code}): ${demo.err}`);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rapport (the built binary)', () => {
  it('demo prints the story and leaves a store the other commands read', () => {
    const again = rapport('demo', '--customers', '3', '--seed', '1', '--memory', '--json');
    expect(again.code).toBe(0);
    expect(again.json()).toMatchObject({ store: 'memory', refusals: {} });
    expect(again.json()['events']).toBeGreaterThan(0);
  });

  it('audit verify: the chains are intact, with counts (--json)', () => {
    const r = rapport('audit', 'verify', '--store', store, '--json');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ intact: true });
    expect(r.json()['events']).toBeGreaterThan(100);
  });

  it('audit timeline: who/when/why of every event about a customer, paged', () => {
    const r = rapport('audit', 'timeline', 'c-0001', '--limit', '3', '--store', store, '--json');
    expect(r.code).toBe(0);
    const page = r.json() as { entries: Record<string, unknown>[]; next: string | null };
    expect(page.entries).toHaveLength(3);
    expect(Object.keys(page.entries[0]!)).toEqual(expect.arrayContaining(['globalPosition', 'streamName', 'actor', 'occurredAt', 'recordedAt', 'commandId', 'correlationId', 'causationId']));
    const next = rapport('audit', 'timeline', 'c-0001', '--limit', '3', '--after', page.next!, '--store', store, '--json');
    expect(BigInt((next.json() as typeof page).entries[0]!['globalPosition'] as string)).toBeGreaterThan(BigInt(page.next!));
    expect(rapport('audit', 'timeline', 'c-9999', '--store', store).code).toBe(3);
  });

  it('audit explain: the events behind a points balance add up to it', () => {
    const r = rapport('audit', 'explain', 'points', 'c-0001', '--store', store, '--json');
    expect(r.code).toBe(0);
    const e = r.json() as { value: number; lines: { contribution: number | string }[] };
    expect(e.lines.reduce((s, l) => s + (typeof l.contribution === 'number' ? l.contribution : 0), 0)).toBe(e.value);
    expect(rapport('audit', 'explain', 'creditScore', 'tea-house', 'seller', '--store', store).out).toMatch(/^credit\.seller of tea-house = -?\d+/);
    expect(rapport('audit', 'explain', 'karma', 'c-0001', '--store', store).code).toBe(2);
    expect(rapport('audit', 'explain', 'points', 'c-0001', 'seller', '--store', store).code).toBe(2);
  });

  it('export gives every fact as JSON; erase then reads "erased" and the chains still verify', () => {
    const exported = rapport('export', 'c-0003', '--store', store, '--json');
    expect(exported.code).toBe(0);
    expect(exported.json()).toMatchObject({ format: 'rapport.customerExport', customerId: 'c-0003' });
    expect((exported.json()['events'] as unknown[]).length).toBeGreaterThan(0);
    const erased = rapport('erase', 'c-0003', '--reason', 'customer asked', '--store', store, '--json');
    expect(erased.code).toBe(0);
    expect(erased.json()).toMatchObject({ customerId: 'c-0003', erased: true, name: 'erased' });
    expect(rapport('audit', 'verify', '--store', store, '--json').json()).toMatchObject({ intact: true });
    expect(rapport('erase', 'c-9999', '--store', store).code).toBe(3);
  });

  it('dump and replay --from a file as of a date; a tampered event is named by the chain check', () => {
    const file = join(dir, 'events.jsonl');
    expect(rapport('dump', '--out', file, '--store', store).code).toBe(0);
    const all = rapport('replay', '--from', file, '--json').json() as { events: { total: number; replayed: number }; chains: { intact: boolean } };
    expect(all.chains.intact).toBe(true);
    expect(all.events.replayed).toBe(all.events.total);
    const early = rapport('replay', '--from', file, '--as-of', '2026-05-15T00:00:00.000Z', '--json').json() as typeof all & { customers: number };
    expect(early.events.replayed).toBeLessThan(all.events.total);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const i = lines.findIndex((l) => l.includes('"OrderPaid"'));
    lines[i] = lines[i]!.replace(/"amount":(\d+)/, (_m, n: string) => `"amount":${Number(n) + 1}`);
    const tampered = join(dir, 'tampered.jsonl');
    writeFileSync(tampered, lines.join('\n'));
    const r = rapport('replay', '--from', tampered, '--json').json() as { chains: { intact: boolean; broken: string[] } };
    expect(r.chains.intact).toBe(false);
    expect(r.chains.broken[0]).toMatch(/^order-tea-house\.o-/);
  });

  it('report writes one self-contained page with six charts', () => {
    const file = join(dir, 'report.html');
    const r = rapport('report', '--out', file, '--store', store, '--json');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ charts: 6 });
    const html = readFileSync(file, 'utf8');
    expect(html.match(/<canvas /g)).toHaveLength(6);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/); // nothing fetched
  });

  it('bad arguments exit 2, unknown ids 3, unreachable stores 4; --json errors are JSON too', () => {
    expect(rapport().code).toBe(2);
    expect(rapport('frobnicate').code).toBe(2);
    expect(rapport('audit', 'verify', '--colour').code).toBe(2);
    expect(rapport('demo', '--customers', 'many').err).toMatch(/--customers needs a whole number/);
    expect(rapport('replay', '--from', join(dir, 'nope.jsonl')).code).toBe(2);
    expect(rapport('replay', '--from', store, '--as-of', 'yesterday').code).toBe(2);
    expect(rapport('export', 'c-9999', '--store', store).code).toBe(3);
    const missing = rapport('audit', 'verify', '--store', `pglite:${join(dir, 'none')}`, '--json');
    expect(missing.code).toBe(4);
    expect(missing.json()).toMatchObject({ error: { code: 'unreachable' } });
    expect(rapport('audit', 'verify', '--store', 'postgres://127.0.0.1:1/nothing').code).toBe(4);
    expect(rapport('--help').code).toBe(0);
  });

  it('is linked as `rapport` by npm ci (npx rapport in a clone), through a launcher that exists before the build', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    for (const launcher of [join(root, 'packages/cli/bin/rapport.js'), join(root, 'node_modules/.bin/rapport')]) {
      const r = spawnSync(process.execPath, [launcher, '--help'], { encoding: 'utf8' });
      expect(r.status, `${launcher}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/^rapport — the Rapport CRM from the command line/);
    }
  });
});
