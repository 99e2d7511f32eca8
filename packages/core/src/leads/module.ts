import type { CrmModule } from '../crm/module.js';
import { LeadEvent } from './events.js';
import { leadHandler } from './handlers.js';
import { leadFunnel } from './projections/leadFunnel.js';

/** The leads context as `createCrm` assembles it. */
export const leadsModule: CrmModule = {
  name: 'leads',
  events: [LeadEvent],
  deciders: [leadHandler],
  projections: [leadFunnel],
};
