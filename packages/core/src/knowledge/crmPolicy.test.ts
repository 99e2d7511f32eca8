import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { memoryStores } from '@rapport/memory';
import { steppingClock } from '../kernel/clock.js';
import { sequentialIds } from '../kernel/ids.js';
import { createCrm, InvalidCrmConfiguration } from '../crm/crm.js';
import { FIXTURE_ARTICLES } from './articles.fixture.js';
import { ok, shop, T0 } from './testSetup.fixture.js';

const crmWith = (knowledge: Record<string, unknown>) => {
  const stores = memoryStores({ clock: steppingClock(T0, 1000) });
  return { ...stores, crm: createCrm({ ...stores, clock: steppingClock(T0, 1000), ids: sequentialIds('cmd'), policy: { knowledge } }) };
};

describe("createCrm's knowledge policy section", () => {
  it('reaches the decider (tags per version) and the reads (default result count)', async () => {
    const { crm, eventStore } = crmWith({ maxTags: 1, searchLimit: 2 });
    const returns = FIXTURE_ARTICLES.filter((a) => a.tags.length >= 1);
    const twoTags = returns.find((a) => a.tags.length >= 2)!;
    const before = eventStore.size;
    const refused = await crm.knowledge.publish(shop, { ...twoTags, tags: [...twoTags.tags], by: 'ed-1', at: '2026-03-01T01:00:00.000Z' });
    expect(E.isLeft(refused)).toBe(true);
    expect(eventStore.size).toBe(before);
    for (const [i, a] of FIXTURE_ARTICLES.entries())
      ok(await crm.knowledge.publish(shop, { ...a, tags: a.tags.slice(0, 1), by: 'ed-1', at: `2026-03-01T02:${String(i).padStart(2, '0')}:00.000Z` }));
    expect(await crm.projections.knowledge.search('shop1', '退货')).toHaveLength(2);
  });

  it('refuses a bad or unknown setting by its path', () => {
    expect(() => crmWith({ searchLimit: 0 })).toThrow(InvalidCrmConfiguration);
    expect(() => crmWith({ searchLimit: 0 })).toThrow(/knowledge\.searchLimit/);
    expect(() => crmWith({ maxTag: 3 })).toThrow(/knowledge\.maxTag: unknown setting/);
  });
});
