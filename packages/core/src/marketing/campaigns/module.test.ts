import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { memoryStores } from '@rapport/memory';
import { createCrm, InvalidCrmConfiguration } from '../../crm/crm.js';
import { resolveCrmPolicy } from '../../crm/policy.js';
import { createCrmKernel } from '../../crm/createCrm.js';
import { customersModule } from '../../customers/module.js';
import { marketingModuleFor } from '../module.js';
import { campaignsModuleFor } from './module.js';
import { campaignsPolicy, defaultCampaignsPolicy } from './policy.js';
import { sendCampaign } from './sendCampaign.js';
import type { CampaignResultsDoc } from './projections/results.js';

const meta = (commandId: string) => ({ commandId, tenantId: 'shop1', actor: { kind: 'agent' as const, id: 'a-1' } });

describe('campaignsPolicy', () => {
  it('defaults to a 7-day attribution window, takes overrides and refuses bad values with their paths', () => {
    expect(defaultCampaignsPolicy).toEqual({ attributionWindowDays: 7 });
    expect(campaignsPolicy({ attributionWindowDays: 14 })).toEqual(E.right({ attributionWindowDays: 14 }));
    const bad = campaignsPolicy({ attributionWindowDays: 0 });
    expect(E.isLeft(bad) ? bad.left.issues.map((i) => i.path) : []).toEqual([['attributionWindowDays']]);
  });

  it('is the `campaigns` section of the shop’s policy: unknown keys and bad values refused with their paths', () => {
    expect(E.map((p: { campaigns: unknown }) => p.campaigns)(resolveCrmPolicy({ campaigns: { attributionWindowDays: 3 } }))).toEqual(E.right({ attributionWindowDays: 3 }));
    const unknown = resolveCrmPolicy({ campaigns: { attributionWindow: 3 } as never });
    expect(E.isLeft(unknown) ? unknown.left.issues.map((i) => i.path) : []).toEqual([['campaigns', 'attributionWindow']]);
    const bad = resolveCrmPolicy({ campaigns: { attributionWindowDays: 1.5 } });
    expect(E.isLeft(bad) ? bad.left.issues.map((i) => i.path) : []).toEqual([['campaigns', 'attributionWindowDays']]);
    expect(() => createCrm({ ...memoryStores(), policy: { campaigns: { attributionWindowDays: -1 } } })).toThrow(InvalidCrmConfiguration);
  });
});

describe('campaignsModuleFor', () => {
  it('assembles with the customers and marketing modules on a bare kernel (no orders: no attribution)', async () => {
    const { registry, eventStore, readModels } = memoryStores();
    const kernel = createCrmKernel({ registry, eventStore, readModels, modules: [customersModule, marketingModuleFor(), campaignsModuleFor()] });
    await kernel.handle({ type: 'GiveCustomerConsent', data: { customerId: 'c-ann', channel: 'sms', at: '2026-08-01T00:00:00.000Z' }, metadata: meta('yes') });
    const defined = await kernel.handle({
      type: 'DefineCampaign',
      data: { campaignId: 'qixi', name: '七夕', channel: 'sms', audience: ['c-ann'], cost: 5_000, scheduledAt: '2026-08-02T00:00:00.000Z', at: '2026-08-01T00:00:00.000Z' },
      metadata: meta('define'),
    });
    expect(E.isRight(defined)).toBe(true);
    const report = await sendCampaign({ handle: kernel.handle, eventStore }, { data: { campaignId: 'qixi', at: '2026-08-02T00:00:00.000Z' }, metadata: meta('send') });
    // no registration: the consent alone does not make a customer
    expect(report).toMatchObject({ right: { sent: [], refused: [{ customerId: 'c-ann', reason: 'unknownCustomer' }] } });
    await kernel.settle();
    expect(await readModels.get<CampaignResultsDoc>('marketing.campaignResults', 'shop1', 'qixi')).toMatchObject({ status: 'sent', refused: 1, roi: { numerator: -5_000, denominator: 5_000, percent: -100 } });
  });
});
