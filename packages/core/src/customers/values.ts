import * as t from 'io-ts';
import { ShortText } from '../kernel/codecs.js';

/** Value codecs of the customers context, shared by its events, commands and inputs. */

/** Where a customer came from. */
export const AcquisitionChannel = t.keyof(
  { ownSite: null, partnerSite: null, marketplaceStore: null, campusAgent: null, offlineStore: null, referral: null },
  'AcquisitionChannel',
);
export type AcquisitionChannel = t.TypeOf<typeof AcquisitionChannel>;

/** A channel the shop may reach the customer by, each with its own consent. */
export const ConsentChannel = t.keyof({ sms: null, email: null, phone: null, push: null }, 'ConsentChannel');
export type ConsentChannel = t.TypeOf<typeof ConsentChannel>;
export const CONSENT_CHANNELS: readonly ConsentChannel[] = ['sms', 'email', 'phone', 'push'];

/** How an interaction in the contact log happened. */
export const ContactType = t.keyof({ call: null, chat: null, visit: null, email: null, sms: null }, 'ContactType');
export type ContactType = t.TypeOf<typeof ContactType>;

export const Gender = t.keyof({ female: null, male: null, other: null, undisclosed: null }, 'Gender');
export type Gender = t.TypeOf<typeof Gender>;

/**
 * `c` or `null`. Unlike `t.union([c, t.null])`, a bad value reports only `c`'s problems,
 * at their own paths (`data.bodySize.heightCm`), not an extra "expected null" above them.
 */
export const nullable = <C extends t.Mixed>(c: C) =>
  new t.Type<t.TypeOf<C> | null, t.OutputOf<C> | null, unknown>(
    `${c.name} | null`,
    (u): u is t.TypeOf<C> | null => u === null || c.is(u),
    (u, ctx) => (u === null ? t.success(null) : c.validate(u, ctx)),
    (a) => (a === null ? null : c.encode(a)),
  );

/** An integer in [min, max]. */
export const intBetween = (name: string, min: number, max: number) =>
  t.refinement(t.number, (n) => Number.isInteger(n) && n >= min && n <= max, `${name} (integer ${min}-${max})`);

/** A text of 0–`max` characters. */
export const textUpTo = (name: string, max: number) => t.refinement(t.string, (s) => s.length <= max, `${name} (at most ${max} characters)`);

/** Body size for apparel: height in cm, weight in kg, the usual size label (`M`, `170/92A`). */
export const BodySize = t.partial({ heightCm: intBetween('HeightCm', 30, 260), weightKg: intBetween('WeightKg', 1, 400), size: ShortText }, 'BodySize');
export type BodySize = t.TypeOf<typeof BodySize>;

/**
 * Someone in the customer's household the shop buys for (a child's size, a parent's
 * birth year). No names: a household member is described, not identified.
 */
export const HouseholdMember = t.intersection(
  [
    t.type({ relation: t.keyof({ spouse: null, child: null, parent: null, sibling: null, other: null }, 'Relation') }),
    t.partial({ gender: Gender, birthYear: intBetween('BirthYear', 1900, 2200), bodySize: BodySize }),
  ],
  'HouseholdMember',
);
export type HouseholdMember = t.TypeOf<typeof HouseholdMember>;

/** A tag or a group name (`vip`, `bought in 2026-05`). */
export const Label = ShortText;
export const Notes = textUpTo('Notes', 4000);
export const Summary = t.refinement(t.string, (s) => s.length > 0 && s.length <= 4000, 'Summary (1-4000 characters)');
