import type { IsoInstant } from '../kernel/codecs.js';
import type { Command } from '../kernel/command.js';
import { deriveId } from '../kernel/ids.js';
import type { ReadModelStore } from '../kernel/readModelStore.js';
import type { LoyaltyPolicy } from './policy.js';
import { loyaltyAccount, type LoyaltyAccountView } from './projections/account.js';
import { loyaltyScoreFacts } from './projections/scoreFacts.js';
import { memberScoreAt, scoreDayAt, type ScoreFacts } from './score.js';

/**
 * Loyalty's due work: lots past their expiry, memberships past their paid time, and the
 * monthly score on the policy day. Every commandId derives from the shop and what is due
 * (customer + order, customer + paid-until, customer + month), never from `now`, so any
 * number of runs at any `now` issue each command once.
 */

/**
 * The documents that pass `due`, in customer id order (so the commands come out in the same
 * order on every run). Filtered before sorting: a daily run over thousands of accounts
 * usually finds a handful due.
 */
const dueBy = <T extends { customerId: string }>(docs: Iterable<T>, due: (doc: T) => boolean): T[] => {
  const out: T[] = [];
  for (const d of docs) if (due(d)) out.push(d);
  return out.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
};

const system = (tenantId: string, commandId: string, occurredAt: string) => ({
  commandId,
  tenantId,
  actor: { kind: 'system' as const, id: 'runDue' },
  occurredAt,
});

/** `ExpirePoints` for every lot holding points whose expiry instant is at or before `now`. */
export const duePointsExpiries = (now: string, tenantId: string, accounts: Iterable<LoyaltyAccountView>): Command[] =>
  dueBy(accounts, (a) => a.nextExpiresAt !== null && a.nextExpiresAt <= now).flatMap((a) =>
    a.lots
      .filter((l) => l.expiresAt <= now)
      .map((l) => ({
        type: 'ExpirePoints',
        data: { customerId: a.customerId, orderId: l.orderId, at: l.expiresAt },
        metadata: system(tenantId, deriveId('loyalty.expirePoints', tenantId, a.customerId, l.orderId), l.expiresAt),
      })),
  );

/** `ExpireMembership` for every active membership paid until `now` or earlier. */
export const dueMembershipExpiries = (now: string, tenantId: string, accounts: Iterable<LoyaltyAccountView>): Command[] =>
  dueBy(accounts, (a) => a.membership?.active === true && a.membership.paidUntil <= now).map((a) => {
    const paidUntil = a.membership!.paidUntil;
    return {
      type: 'ExpireMembership',
      data: { customerId: a.customerId, paidUntil, at: paidUntil },
      metadata: system(tenantId, deriveId('loyalty.expireMembership', tenantId, a.customerId, paidUntil), paidUntil),
    };
  });

/**
 * `RecordMonthlyScore` for the latest score day at or before `now`, for every customer with
 * a fact dated at or before it and no score for that month or a later one yet.
 */
export const dueMonthlyScores = (now: string, tenantId: string, facts: Iterable<ScoreFacts>, policy: LoyaltyPolicy): Command[] => {
  const { month, at } = scoreDayAt(now, policy);
  return dueBy(facts, (f) => f.firstFactAt !== null && f.firstFactAt <= at && (f.lastScoredMonth === null || f.lastScoredMonth < month)).map((f) => {
    const s = memberScoreAt(f, at as IsoInstant, policy);
    return {
      type: 'RecordMonthlyScore',
      data: { customerId: f.customerId, month, at, windowFrom: s.windowFrom, score: s.score, components: s.components, spend12m: s.spend12m, clean: s.clean },
      metadata: system(tenantId, deriveId('loyalty.monthlyScore', tenantId, f.customerId, month), at),
    };
  });
};

const all = async <T>(readModels: ReadModelStore, projection: string, tenantId: string): Promise<T[]> => {
  const out: T[] = [];
  for await (const d of readModels.query<T>(projection, tenantId)) out.push(d);
  return out;
};

/** Everything loyalty has due at `now` for one shop (a module's `due`). */
export const readLoyaltyDue = async (
  now: string,
  context: { readonly tenantId: string; readonly readModels: ReadModelStore },
  policy: LoyaltyPolicy,
): Promise<Command[]> => {
  const accounts = await all<LoyaltyAccountView>(context.readModels, loyaltyAccount.name, context.tenantId);
  const facts = await all<ScoreFacts>(context.readModels, loyaltyScoreFacts.name, context.tenantId);
  return [
    ...duePointsExpiries(now, context.tenantId, accounts),
    ...dueMembershipExpiries(now, context.tenantId, accounts),
    ...dueMonthlyScores(now, context.tenantId, facts, policy),
  ];
};
