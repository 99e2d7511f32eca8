import * as E from 'fp-ts/lib/Either.js';
import { memoryStores } from '@rapport/memory';
import { steppingClock } from '../kernel/clock.js';
import { sequentialIds } from '../kernel/ids.js';
import { createCrm } from '../crm/crm.js';
import { FIXTURE_ARTICLES } from './articles.fixture.js';

export const shop = { tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'ed-1' } };
export const T0 = '2026-03-01T00:00:00.000Z';

/** A whole CRM on memory stores (knowledge and complaints wired by createCrm). */
export const setupCrm = () => {
  const stores = memoryStores({ clock: steppingClock(T0, 1000) });
  const crm = createCrm({ ...stores, clock: steppingClock(T0, 1000), ids: sequentialIds('cmd') });
  return { crm, ...stores };
};

export const ok = <T>(r: E.Either<unknown, T>): T => {
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

/** A CRM with the 22 fixture articles published. */
export const crmWithArticles = async () => {
  const s = setupCrm();
  for (const [i, x] of FIXTURE_ARTICLES.entries())
    ok(await s.crm.knowledge.publish(shop, { ...x, tags: [...x.tags], by: 'ed-1', at: `2026-03-01T01:${String(i).padStart(2, '0')}:00.000Z` }));
  return s;
};
