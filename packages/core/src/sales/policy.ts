import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { make } from '../kernel/codecs.js';
import type { ValidationError } from '../kernel/errors.js';
import { policyWithOverrides } from '../kernel/policyOverrides.js';
import { TimeZoneName } from '../calendar/businessHours.js';
import { Percent } from './values.js';

/** The probability of each open stage; won is always 100 and lost 0. */
export const StageProbabilities = t.type(
  { prospecting: Percent, qualification: Percent, proposal: Percent, negotiation: Percent },
  'StageProbabilities',
);
export type StageProbabilities = t.TypeOf<typeof StageProbabilities>;

/** The sales slice of the shop's CrmPolicy. */
export const SalesPolicy = t.type(
  {
    /** Sales cycles and stage ageing count calendar dates in this zone. */
    timeZone: TimeZoneName,
    stageProbabilities: StageProbabilities,
  },
  'SalesPolicy',
);
export type SalesPolicy = t.TypeOf<typeof SalesPolicy>;

/** DOMAIN §12: prospecting 10%, qualification 20%, proposal 50%, negotiation 75%. */
export const defaultSalesPolicy: SalesPolicy = make(SalesPolicy)({
  timeZone: 'Asia/Shanghai',
  stageProbabilities: { prospecting: 10, qualification: 20, proposal: 50, negotiation: 75 },
});

/** What a shop may override: any subset of {@link SalesPolicy} (stage probabilities as a whole). */
export const SalesPolicyInput = t.partial(SalesPolicy.props, 'SalesPolicyInput');

/** The defaults with a shop's overrides, or a ValidationError naming the bad field. */
export const salesPolicy: (overrides?: unknown) => E.Either<ValidationError, SalesPolicy> = policyWithOverrides(SalesPolicyInput, defaultSalesPolicy, 'sales policy');
