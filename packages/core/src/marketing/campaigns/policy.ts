import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { make } from '../../kernel/codecs.js';
import type { ValidationError } from '../../kernel/errors.js';
import { policyWithOverrides } from '../../kernel/policyOverrides.js';
import { Days } from '../../orders/policy.js';

/** The campaigns slice of the shop's CrmPolicy. */
export const CampaignsPolicy = t.type(
  {
    /** An order is attributed to a campaign when paid at most this many × 24 h after the send (both ends inclusive). */
    attributionWindowDays: Days,
  },
  'CampaignsPolicy',
);
export type CampaignsPolicy = t.TypeOf<typeof CampaignsPolicy>;

/** DOMAIN §12: a recipient's first paid order within 7 × 24 h of the send. */
export const defaultCampaignsPolicy: CampaignsPolicy = make(CampaignsPolicy)({ attributionWindowDays: 7 });

/** What a shop may override: any subset of {@link CampaignsPolicy}. */
export const CampaignsPolicyInput = t.partial(CampaignsPolicy.props, 'CampaignsPolicyInput');

/** The defaults with a shop's overrides, or a ValidationError naming the bad field. */
export const campaignsPolicy: (overrides?: unknown) => E.Either<ValidationError, CampaignsPolicy> = policyWithOverrides(CampaignsPolicyInput, defaultCampaignsPolicy, 'campaigns policy');
