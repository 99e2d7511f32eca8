// The embedded-CRM example in docs/postgres.md, run as a test: the doc's code block must be
// exactly the imports region followed by the example region below (dedented). The example
// uses the default data directory, so the test runs it twice in a fresh working directory:
// the second run (a new process, as far as the store knows) reads the first run's data.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// #region imports
import { createEmbeddedCrm } from '@rapport/postgres';
// #endregion

const docPath = fileURLToPath(new URL('../../../docs/postgres.md', import.meta.url));
const thisFile = fileURLToPath(import.meta.url);
const home = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'rapport-docs-'));
beforeAll(() => process.chdir(work));
afterAll(() => {
  process.chdir(home);
  rmSync(work, { recursive: true, force: true });
});

describe('docs/postgres.md, the embedded CRM', () => {
  const example = async (): Promise<void> => {
    // #region example
    const crm = await createEmbeddedCrm(); // ./.rapport, created on first use
    const shop = { tenantId: 'shop1', actor: { kind: 'agent', id: 'a1' } } as const;
    await crm.customers.register(shop, { customerId: 'c1', name: '王小明', phone: '13800138000', channel: 'ownSite' });
    console.log((await crm.projections.customer360.get('shop1', 'c1'))?.profile.name); // 王小明, also in the next run
    await crm.close();
    // #endregion
  };

  /** The ids of every event in ./.rapport, in order. */
  const eventIds = async (): Promise<string[]> => {
    const crm = await createEmbeddedCrm();
    try {
      const ids: string[] = [];
      for await (const e of crm.stores.eventStore.readAll({ raw: true })) ids.push(e.metadata.eventId);
      return ids;
    } finally {
      await crm.close();
    }
  };

  it('runs its example twice: the second run finds the first run’s customer in ./.rapport', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await example();
      expect(existsSync(join(work, '.rapport'))).toBe(true);
      expect(existsSync(join(work, '.rapport.master-key'))).toBe(true);
      const afterFirst = await eventIds();
      expect(afterFirst.length).toBeGreaterThan(0);
      await example(); // registering c1 again is a refusal (an Either): the first run's events are all there is
      expect(await eventIds()).toEqual(afterFirst);
      expect(log.mock.calls).toEqual([['王小明'], ['王小明']]);
    } finally {
      log.mockRestore();
    }
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(thisFile, 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    expect(readFileSync(docPath, 'utf8')).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
