import { InvalidArgument } from '../../kernel/errors.js';
import { localDateOf } from '../../calendar/localDate.js';
import type { ReadModelStore } from '../../kernel/readModelStore.js';
import { CalendarDate } from '../../customers/input.js';
import { customerProfile, type CustomerProfileDoc } from '../../customers/projections/customerProfile.js';
import type { ConsentChannel } from '../../customers/values.js';
import type { PersonalDataVault } from '../../privacy/vault.js';
import type { Holiday } from '../policy.js';

/** A greeting to send on a date (关怀): to whom, by which channel, for what. */
export interface GreetingDue {
  readonly tenantId: string;
  readonly customerId: string;
  readonly occasion: 'birthday' | 'holiday';
  /** `birthday`, or the holiday's name (`春节`). */
  readonly name: string;
  readonly channel: ConsentChannel;
  /** The local date `YYYY-MM-DD` it is due on. */
  readonly date: string;
}

/** The local date (policy time zone) greetings are due on at an instant: `2026-08-14T16:00:00.000Z` is 15 August in Shanghai. */
export const greetingDateAt = (now: string, policy: { readonly timeZone: string }): string => localDateOf(now, policy.timeZone);

/** Which channels greetings may go by, in order of preference. */
export interface GreetingOptions {
  readonly greetingChannels: readonly ConsentChannel[];
}

const checkDate = (date: string): void => {
  if (!CalendarDate.is(date)) throw new InvalidArgument(`date ${JSON.stringify(date)}: expected a calendar date YYYY-MM-DD`);
};

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The first preferred channel the customer currently consents to; none for an erased or unregistered customer. */
const channelFor = (doc: CustomerProfileDoc, options: GreetingOptions): ConsentChannel | undefined =>
  doc.erased || doc.registeredAt === null ? undefined : options.greetingChannels.find((c) => doc.consent[c]?.given === true);

const byCustomer = (a: GreetingDue, b: GreetingDue): number => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Whether a birthday `YYYY-MM-DD` is celebrated on `date`: the same month and day; 29 February on 28 February in other years. */
export const isBirthdayOn = (birthday: string, date: string): boolean => {
  const md = birthday.slice(5);
  if (md === date.slice(5)) return true;
  return md === '02-29' && date.slice(5) === '02-28' && !isLeap(Number(date.slice(0, 4)));
};

/**
 * Birthday greetings due on a local date: customers who currently consent to one of the
 * greeting channels (the first such channel is used), are not erased, and were born on
 * that day. Birthdays are sealed: only the consenting customers' birthdays are opened with
 * the vault (no more personal data is read than needed); a key the vault no longer holds
 * reads as erased and the customer is skipped. Sorted by customer id.
 */
export const birthdayGreetingsDue = async (
  date: string,
  profiles: Iterable<CustomerProfileDoc>,
  vault: PersonalDataVault,
  options: GreetingOptions,
): Promise<GreetingDue[]> => {
  checkDate(date);
  const out: GreetingDue[] = [];
  for (const doc of profiles) {
    const channel = channelFor(doc, options);
    if (!channel || doc.birthday === undefined) continue;
    const birthday = await vault.decrypt(doc.tenantId, doc.customerId, doc.birthday);
    if (birthday === undefined || !isBirthdayOn(birthday, date)) continue;
    out.push({ tenantId: doc.tenantId, customerId: doc.customerId, occasion: 'birthday', name: 'birthday', channel, date });
  }
  return out.sort(byCustomer);
};

/** The holidays of the policy that fall on a local date. */
export const holidaysOn = (date: string, holidays: readonly Holiday[]): Holiday[] => {
  checkDate(date);
  return holidays.filter((h) => h.dates.includes(date) || h.everyYear === date.slice(5));
};

/**
 * Holiday greetings due on a local date: one per holiday on that date and consenting,
 * non-erased customer, by the first greeting channel they consent to. Sorted by customer id.
 */
export const holidayGreetingsDue = (
  date: string,
  profiles: Iterable<CustomerProfileDoc>,
  options: GreetingOptions & { readonly holidays: readonly Holiday[] },
): GreetingDue[] => {
  const today = holidaysOn(date, options.holidays);
  if (today.length === 0) return [];
  const out: GreetingDue[] = [];
  for (const doc of profiles) {
    const channel = channelFor(doc, options);
    if (!channel) continue;
    for (const h of today) out.push({ tenantId: doc.tenantId, customerId: doc.customerId, occasion: 'holiday', name: h.name, channel, date });
  }
  return out.sort(byCustomer);
};

/**
 * Every greeting due on a local date for one shop, from its `customers.profile` documents:
 * birthdays first, then holidays. Send each through `sendMarketingMessage` when the shop
 * counts greetings as marketing: it re-checks consent and the cap at send time.
 */
export const readGreetingsDue = async (
  date: string,
  context: { readonly tenantId: string; readonly readModels: ReadModelStore; readonly vault: PersonalDataVault },
  options: GreetingOptions & { readonly holidays: readonly Holiday[] },
): Promise<GreetingDue[]> => {
  checkDate(date);
  const docs: CustomerProfileDoc[] = [];
  for await (const d of context.readModels.query<CustomerProfileDoc>(customerProfile.name, context.tenantId, { where: { erased: false } })) docs.push(d);
  return [...(await birthdayGreetingsDue(date, docs, context.vault, options)), ...holidayGreetingsDue(date, docs, options)];
};
