import type { CrmModule } from '../crm/module.js';
import { PartnerAccessEvent, PartnerEvent } from './events.js';
import { partnerScope } from './projections/scope.js';
import { partnerAccessHandler, partnerHandler } from './streams.js';

/**
 * The partners context (合作伙伴) as `createCrm` assembles it: one stream per partner with
 * its grants, one access-log stream per partner, and the `partners.scope` projection.
 * Reads through a partner's access go through `crm.as(partner)`. No policy, no due work.
 */
export const partnersModule: CrmModule = {
  name: 'partners',
  events: [PartnerEvent, PartnerAccessEvent],
  deciders: [partnerHandler, partnerAccessHandler],
  projections: [partnerScope],
};
