import type { Projection } from '../../kernel/projection.js';
import type { ReferralNetworkEvent } from '../events.js';

/** One customer's place in the network: their referrer and everyone below them, by level. */
export interface ReferralTree {
  readonly customerId: string;
  readonly referrerId: string | null;
  readonly joinedAt: string;
  /** `levels[0]` = direct referrals, `levels[1]` = theirs, `levels[2]` = the next; in joining order. */
  readonly levels: readonly (readonly string[])[];
}

const empty: ReferralTree = { customerId: '', referrerId: null, joinedAt: '', levels: [[], [], []] };

/**
 * `referrals.tree`, keyed by customer: each join updates the newcomer's document and those
 * of its upline (the level it lands on is its position in the upline). A referrer has
 * always joined before its referrals, so an untouched document is the newcomer's own.
 */
export const referralTree: Projection<ReferralTree, ReferralNetworkEvent> = {
  name: 'referrals.tree',
  version: 1,
  events: ['ReferralNetworkJoined'],
  init: () => empty,
  keyOf: (e) => (e.type === 'ReferralNetworkJoined' ? [e.data.customerId, ...e.data.upline] : undefined),
  apply: (doc, e) => {
    if (e.type !== 'ReferralNetworkJoined') return doc;
    const { customerId, referrerId, upline, at } = e.data;
    if (doc.customerId === '' || doc.customerId === customerId) return { ...doc, customerId, referrerId, joinedAt: at };
    const level = upline.indexOf(doc.customerId as (typeof upline)[number]);
    if (level < 0) return doc;
    return { ...doc, levels: doc.levels.map((ids, i) => (i === level ? [...ids, customerId] : ids)) };
  },
};
