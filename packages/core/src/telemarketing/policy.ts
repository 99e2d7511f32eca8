import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { make } from '../kernel/codecs.js';
import type { ValidationError } from '../kernel/errors.js';
import { policyWithOverrides } from '../kernel/policyOverrides.js';
import { Days } from '../orders/policy.js';

const Minutes = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1 && n <= 1440, 'Minutes (integer 1-1440)');
const ListSize = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1 && n <= 100_000, 'ListSize (integer 1-100000)');

/** The telemarketing (电话营销) slice of the shop's CrmPolicy. */
export const TelemarketingPolicy = t.type(
  {
    /** A reached call converts when its customer pays an order within this many × 24 h (both ends inclusive). */
    conversionWindowDays: Days,
    /** The call activity a callback books lasts this long. */
    callbackMinutes: Minutes,
    /** At most this many candidates per list. */
    maxListSize: ListSize,
  },
  'TelemarketingPolicy',
);
export type TelemarketingPolicy = t.TypeOf<typeof TelemarketingPolicy>;

/** DOMAIN §12: converted = paid order within 7 × 24 h of the call. */
export const defaultTelemarketingPolicy: TelemarketingPolicy = make(TelemarketingPolicy)({ conversionWindowDays: 7, callbackMinutes: 15, maxListSize: 10_000 });

/** What a shop may override: any subset of {@link TelemarketingPolicy}. */
export const TelemarketingPolicyInput = t.partial(TelemarketingPolicy.props, 'TelemarketingPolicyInput');

/** The defaults with a shop's overrides, or a ValidationError naming the bad field. */
export const telemarketingPolicy: (overrides?: unknown) => E.Either<ValidationError, TelemarketingPolicy> = policyWithOverrides(TelemarketingPolicyInput, defaultTelemarketingPolicy, 'telemarketing policy');
