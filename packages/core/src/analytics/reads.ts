import * as E from 'fp-ts/lib/Either.js';
import { IsoInstant } from '../kernel/codecs.js';
import { InvalidArgument } from '../kernel/errors.js';
import type { ReadModelStore } from '../kernel/readModelStore.js';
import type { AsOfBasis } from './asOf.js';
import { churnReport, type ChurnReport } from './churn.js';
import { coreCustomersReport, type CoreCustomersReport } from './coreCustomers.js';
import { shopKpis, type KpiPeriod, type ShopKpiRow } from './kpis.js';
import { defaultAnalyticsPolicy, type AnalyticsPolicy } from './policy.js';
import { customerFacts, type CustomerFactsDoc } from './projections/customerFacts.js';
import { rfmReport, type RfmMethod, type RfmReport } from './rfm.js';

/** As of an instant: what was known then (default), or everything that had happened (`by: 'occurredAt'`). */
export interface AsOfOptions {
  readonly asOf: string;
  readonly by?: AsOfBasis;
}

export interface AnalyticsReads {
  /** RFM segments over the 365-day window ending at `asOf`: mean method (default) or quintiles. */
  rfm(tenantId: string, options: AsOfOptions & { readonly method?: RfmMethod }): Promise<RfmReport>;
  /** Active / at risk / churned, from each customer's own mean gap (or 90/180 days with one order). */
  churn(tenantId: string, options: AsOfOptions): Promise<ChurnReport>;
  /** The fewest customers whose net spend makes 80% of the window's revenue. */
  coreCustomers(tenantId: string, options: AsOfOptions): Promise<CoreCustomersReport>;
  /** Shop KPIs per local day or month between two local dates (inclusive). */
  kpis(tenantId: string, options: { readonly from: string; readonly to: string; readonly by: KpiPeriod; readonly asOf?: string; readonly basis?: AsOfBasis }): Promise<ShopKpiRow[]>;
}

const instant = (what: string, value: unknown): string => {
  if (typeof value !== 'string' || !E.isRight(IsoInstant.decode(value)))
    throw new InvalidArgument(`analytics.${what} ${JSON.stringify(value)} is not an ISO instant (YYYY-MM-DDTHH:mm:ss.sssZ)`);
  return new Date(value).toISOString();
};
const basis = (what: string, by: unknown): AsOfBasis => {
  if (by === undefined) return 'recordedAt';
  if (by !== 'recordedAt' && by !== 'occurredAt') throw new InvalidArgument(`analytics.${what}: by ${JSON.stringify(by)}: expected recordedAt or occurredAt`);
  return by;
};
const localDate = (what: string, value: unknown): string => {
  if (typeof value !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new InvalidArgument(`analytics.kpis: ${what} ${JSON.stringify(value)}: expected a local date YYYY-MM-DD`);
  return value;
};

/** Analytics over the `analytics.customerFacts` documents of one shop (all of them are read per report). */
export const analyticsReads = (readModels: ReadModelStore, policy: AnalyticsPolicy = defaultAnalyticsPolicy): AnalyticsReads => {
  const docs = async (tenantId: string): Promise<CustomerFactsDoc[]> => {
    const out: CustomerFactsDoc[] = [];
    for await (const d of readModels.query<CustomerFactsDoc>(customerFacts.name, tenantId)) out.push(d);
    return out;
  };
  return {
    async rfm(tenantId, options) {
      const asOf = instant('rfm: asOf', options?.asOf);
      const method = options.method ?? 'mean';
      if (method !== 'mean' && method !== 'quantile') throw new InvalidArgument(`analytics.rfm: method ${JSON.stringify(method)}: expected mean or quantile`);
      return rfmReport(await docs(tenantId), { asOf, method, by: basis('rfm', options.by) }, policy);
    },
    async churn(tenantId, options) {
      const asOf = instant('churn: asOf', options?.asOf);
      return churnReport(await docs(tenantId), { asOf, by: basis('churn', options.by) }, policy);
    },
    async coreCustomers(tenantId, options) {
      const asOf = instant('coreCustomers: asOf', options?.asOf);
      return coreCustomersReport(await docs(tenantId), { asOf, by: basis('coreCustomers', options.by) }, policy);
    },
    async kpis(tenantId, options) {
      const from = localDate('from', options?.from);
      const to = localDate('to', options.to);
      if (to < from) throw new InvalidArgument(`analytics.kpis: to ${to} is before from ${from}`);
      if (options.by !== 'day' && options.by !== 'month') throw new InvalidArgument(`analytics.kpis: by ${JSON.stringify(options.by)}: expected day or month`);
      const asOf = options.asOf === undefined ? undefined : instant('kpis: asOf', options.asOf);
      return shopKpis(await docs(tenantId), { from, to, by: options.by, ...(asOf ? { asOf, basis: basis('kpis', options.basis) } : {}) }, policy);
    },
  };
};
