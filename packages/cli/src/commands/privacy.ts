import * as E from 'fp-ts/lib/Either.js';
import { writeFileSync } from 'node:fs';
import { CliError, notFound } from '../errors.js';
import type { Output } from '../output.js';
import { toJson } from '../output.js';
import type { OpenedStore } from '../store.js';

/** `rapport export <customer>`: every fact about the customer as JSON (PIPL Art. 45, GDPR Art. 15 & 20). */
export const exportCustomer = async (store: OpenedStore, out: Output, tenantId: string, customerId: string, file: string | undefined) => {
  const data = await store.crm.privacy.export(tenantId, customerId);
  if (!data) throw notFound(`no customer ${customerId} in shop ${tenantId}`);
  if (file) {
    writeFileSync(file, `${toJson(data)}\n`);
    out.result({ customerId, events: data.events.length, file }, () => out.line(`exported ${data.events.length} facts about ${customerId} to ${file}`));
    return;
  }
  // the export is JSON in both modes: it is meant for machines
  out.result(data, () => out.line(toJson(data)));
};

/** `rapport erase <customer>`: delete the customer's key and record the erasure; history stays and verifies. */
export const erase = async (store: OpenedStore, out: Output, tenantId: string, customerId: string, reason: string | undefined) => {
  const before = await store.crm.projections.customer360.get(tenantId, customerId);
  if (!before) throw notFound(`no customer ${customerId} in shop ${tenantId}`);
  const r = await store.crm.privacy.erase({ tenantId, actor: { kind: 'user', id: 'rapport-cli' } }, { customerId, ...(reason ? { reason } : {}) });
  if (E.isLeft(r)) throw new CliError('failed', `erasure of ${customerId} refused: ${r.left.message}`);
  const after = await store.crm.projections.customer360.get(tenantId, customerId);
  const result = { customerId, erased: true, duplicate: r.right.duplicate, events: r.right.events.length, name: after?.profile.name ?? null, orders: after?.orders?.orderCount ?? 0 };
  out.result(result, () => out.line(`erased ${customerId}: personal fields now read "${String(result.name)}"; ${result.orders} orders and their history kept`));
};
