import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { Fen, issuesOf, make } from '../kernel/codecs.js';
import { validationError, type ValidationError, type ValidationIssue } from '../kernel/errors.js';
import { TimeZone } from '../credit/policy.js';

export interface BasisPointsBrand {
  readonly BasisPoints: unique symbol;
}
/** A rate in basis points: a whole number from 0 to 10,000 (10,000 = 100%). No floats touch money. */
export const BasisPoints = t.brand(
  t.number,
  (n): n is t.Branded<number, BasisPointsBrand> => Number.isSafeInteger(n) && n >= 0 && n <= 10_000,
  'BasisPoints',
);
export type BasisPoints = t.TypeOf<typeof BasisPoints>;

/** The most levels Chinese rules allow, counting the direct referrer (DOMAIN §7). */
export const MAX_REFERRAL_LEVELS = 3;
/** Tax + fee + retained credit may take at most half of a statement, so paid out never goes below 0. */
export const MAX_DEDUCTIONS_BP = 5_000;

/** The referrals slice of the shop's CrmPolicy (三级分销). */
export const ReferralPolicy = t.type(
  {
    /** Statement months are calendar months in this zone. */
    timeZone: TimeZone,
    /**
     * Commission rates by level, in basis points: `levels[0]` is level 1's share of the
     * order's net paid; every further level is a share of level 1's commission.
     */
    levels: t.array(BasisPoints),
    /** A fee to join the programme: must be 0 (anti-pyramid; present so a shop cannot set it unnoticed). */
    entryFee: Fen,
    /** A bonus per recruit: must be 0 (anti-pyramid: pay only on real sales). */
    recruitBonus: Fen,
    /** Deducted from a positive statement, half up. */
    taxRate: BasisPoints,
    feeRate: BasisPoints,
    /** Kept as repeat-purchase credit (复购), half up. */
    retainedRate: BasisPoints,
  },
  'ReferralPolicy',
);
export type ReferralPolicy = t.TypeOf<typeof ReferralPolicy>;

export const defaultReferralPolicy: ReferralPolicy = make(ReferralPolicy)({
  timeZone: 'Asia/Shanghai',
  levels: [1_000, 2_000, 1_000],
  entryFee: 0,
  recruitBonus: 0,
  taxRate: 500,
  feeRate: 500,
  retainedRate: 1_000,
});

/** What a shop may override: any subset of {@link ReferralPolicy}. */
export const ReferralPolicyInput = t.partial(ReferralPolicy.props, 'ReferralPolicyInput');

const LAW = '《禁止传销条例》 (Regulations on Prohibition of Pyramid Selling) allow pay only on real sales';

/** Why a valid-looking policy is still refused: the anti-pyramid limits and the deduction cap. */
const refusals = (p: ReferralPolicy): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  if (p.levels.length > MAX_REFERRAL_LEVELS)
    issues.push({
      path: ['levels'],
      message: `${p.levels.length} levels: at most ${MAX_REFERRAL_LEVELS} levels counting the direct referrer; deeper chains are pyramid selling (${LAW})`,
    });
  if (p.entryFee > 0)
    issues.push({
      path: ['entryFee'],
      message: `an entry fee of ${p.entryFee} fen: a fee to join turns recruits into the product, which is pyramid selling (${LAW}); must be 0`,
    });
  if (p.recruitBonus > 0)
    issues.push({
      path: ['recruitBonus'],
      message: `a bonus of ${p.recruitBonus} fen per recruit: paying for recruiting rather than for sales is pyramid selling (${LAW}); must be 0`,
    });
  const deductions = p.taxRate + p.feeRate + p.retainedRate;
  if (deductions > MAX_DEDUCTIONS_BP)
    for (const field of ['taxRate', 'feeRate', 'retainedRate'] as const)
      issues.push({ path: [field], message: `tax + fee + retained = ${deductions} bp: at most ${MAX_DEDUCTIONS_BP} bp (50%) may be deducted from a statement` });
  return issues;
};

/**
 * The defaults with a shop's overrides, or a ValidationError whose issues name each bad
 * field and why: an unknown setting, a malformed value, more than 3 levels, an entry fee or
 * a per-recruit bonus (paths are relative to the slice: `['levels']`, `['entryFee']`...).
 */
export const referralPolicy = (overrides: unknown = {}): E.Either<ValidationError, ReferralPolicy> => {
  const input = overrides ?? {};
  if (typeof input !== 'object' || Array.isArray(input))
    return E.left(validationError([{ path: [], message: 'expected an object of referral settings' }], 'referrals policy'));
  const unknown = Object.keys(input)
    .filter((k) => !(k in ReferralPolicy.props))
    .map((k): ValidationIssue => ({ path: [k], message: `unknown setting; known: ${Object.keys(ReferralPolicy.props).join(', ')}` }));
  if (unknown.length > 0) return E.left(validationError(unknown, 'referrals policy'));
  const decoded = ReferralPolicyInput.decode(input);
  if (E.isLeft(decoded)) return E.left(validationError(issuesOf(decoded.left), 'referrals policy'));
  const defined = Object.fromEntries(Object.entries(decoded.right).filter(([, v]) => v !== undefined));
  const policy: ReferralPolicy = { ...defaultReferralPolicy, ...defined };
  const refused = refusals(policy);
  return refused.length > 0 ? E.left(validationError(refused, 'referrals policy')) : E.right(policy);
};
