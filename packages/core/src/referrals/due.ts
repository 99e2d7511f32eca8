import type { Command } from '../kernel/command.js';
import { deriveId } from '../kernel/ids.js';
import type { ReadModelStore } from '../kernel/readModelStore.js';
import { localMonthOf } from '../calendar/localDate.js';
import { instantAtLocal } from '../calendar/zoned.js';
import { commissionLedger, type CommissionLedger } from './projections/commissionLedger.js';

/** The command `runDue` sends at month end for one beneficiary and month. */
export type IssueStatementCommand = Command<
  'IssuePayoutStatement',
  { readonly beneficiaryId: string; readonly month: string; readonly commissions: number; readonly clawbacks: number; readonly at: string }
>;

const monthAfter = (month: string): { year: number; month: number } => {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? { year: y + 1, month: 1 } : { year: y, month: m + 1 };
};
const monthBefore = (month: string): string => {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${String(y - 1).padStart(4, '0')}-12` : `${month.slice(0, 4)}-${String(m - 1).padStart(2, '0')}`;
};

/** The first instant of the month after `month` in the zone: when `month`'s statement falls due. */
export const statementDueAt = (month: string, timeZone: string): string =>
  new Date(instantAtLocal({ ...monthAfter(month), day: 1 }, 0, timeZone)).toISOString();

/**
 * The statements due at `now`: for each beneficiary, every closed month (before `now`'s
 * local month) after its last statement in which it had a commission or clawback, in
 * order. A statement covers what its month holds plus anything dated in an already
 * stated month that no statement covered yet (a late, back-dated fact), so nothing is
 * stated twice or never. CommandIds come from the shop, beneficiary and month, so
 * running this twice issues nothing new.
 */
export const duePayoutStatements = (now: string, tenantId: string, ledgers: Iterable<CommissionLedger>, timeZone: string): IssueStatementCommand[] => {
  const current = localMonthOf(now, timeZone);
  const lastClosed = monthBefore(current);
  const out: IssueStatementCommand[] = [];
  const sorted = [...ledgers].sort((a, b) => (a.beneficiaryId < b.beneficiaryId ? -1 : a.beneficiaryId > b.beneficiaryId ? 1 : 0));
  for (const l of sorted) {
    const issue = (month: string, commissions: number, clawbacks: number) => {
      const at = statementDueAt(month, timeZone);
      out.push({
        type: 'IssuePayoutStatement',
        data: { beneficiaryId: l.beneficiaryId, month, commissions, clawbacks, at },
        metadata: { commandId: deriveId('referrals.payoutStatement', tenantId, l.beneficiaryId, month), tenantId, actor: { kind: 'system', id: 'runDue' }, occurredAt: at },
      });
    };
    const last = l.lastStatementMonth;
    let covered = { ...l.stated };
    const cum = { commissions: 0, clawbacks: 0 };
    for (const month of Object.keys(l.months).filter((m) => m < current).sort()) {
      cum.commissions += l.months[month]!.commissions;
      cum.clawbacks += l.months[month]!.clawbacks;
      if (last !== null && month <= last) continue;
      issue(month, cum.commissions - covered.commissions, cum.clawbacks - covered.clawbacks);
      covered = { ...cum };
    }
    const stated = out.length > 0 && out[out.length - 1]!.data.beneficiaryId === l.beneficiaryId ? out[out.length - 1]!.data.month : last;
    const pending = cum.commissions > covered.commissions || cum.clawbacks > covered.clawbacks;
    if (pending && (stated === null || lastClosed > stated)) issue(lastClosed, cum.commissions - covered.commissions, cum.clawbacks - covered.clawbacks);
  }
  return out;
};

/** {@link duePayoutStatements} over one shop's ledger documents (a module's `due`). */
export const readDuePayoutStatements = async (
  now: string,
  context: { readonly tenantId: string; readonly readModels: ReadModelStore },
  timeZone: string,
): Promise<IssueStatementCommand[]> => {
  const docs: CommissionLedger[] = [];
  for await (const d of context.readModels.query<CommissionLedger>(commissionLedger.name, context.tenantId)) docs.push(d);
  return duePayoutStatements(now, context.tenantId, docs, timeZone);
};
