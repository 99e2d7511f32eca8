import { isRapportError } from '../kernel/errors.js';
import { SealedText } from '../privacy/sealedText.js';
import { PersonalDataUnreadable, type PersonalDataVault } from '../privacy/vault.js';
import type { CrmReadApi } from '../crm/readApi.js';
import { ERASED } from '../customers/projections/readCustomerProfile.js';
import { readCustomerEvents, type TimelineDeps } from './timeline.js';
import { timelineEntryOf } from './timelineEntry.js';
import type { CustomerExport } from './types.js';

/** What a sealed field reads as when it does not open with this customer's key (sealed for someone else). */
export const SEALED_FOR_ANOTHER = 'sealed for another party';

/** A copy of `value` with every sealed field opened with the customer's key (or marked erased). */
export const openSealedFields = async (vault: PersonalDataVault, tenantId: string, customerId: string, value: unknown): Promise<unknown> => {
  if (Array.isArray(value)) return Promise.all(value.map((v) => openSealedFields(vault, tenantId, customerId, v)));
  if (typeof value !== 'object' || value === null) return value;
  if (SealedText.is(value)) {
    try {
      return (await vault.decrypt(tenantId, customerId, value)) ?? ERASED;
    } catch (err) {
      if (isRapportError(err, PersonalDataUnreadable.code)) return SEALED_FOR_ANOTHER;
      throw err;
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = await openSealedFields(vault, tenantId, customerId, v);
  return out;
};

export interface ExportDeps extends TimelineDeps {
  readonly vault: PersonalDataVault;
  readonly reads: CrmReadApi;
  readonly now: () => string;
}

/**
 * Every fact about a customer (PIPL Art. 45, GDPR Art. 15 and 20): the profile as it reads
 * now and every event of their timeline, sealed fields opened where the key exists.
 * Undefined when no event names the customer.
 */
export const exportCustomer = async (deps: ExportDeps, tenantId: string, customerId: string): Promise<CustomerExport | undefined> => {
  // the profile read catches the projections (and so the stream index) up first
  const profile = await deps.reads.customer360.get(tenantId, customerId);
  const events = await readCustomerEvents(deps, tenantId, customerId);
  if (!profile && events.length === 0) return undefined;
  const entries = [];
  for (const e of events) {
    const entry = timelineEntryOf(e);
    entries.push({ ...entry, data: await openSealedFields(deps.vault, tenantId, customerId, entry.data) });
  }
  return { format: 'rapport.customerExport', version: 1, tenantId, customerId, exportedAt: deps.now(), profile, events: entries };
};
