import type { CrmModule } from '../crm/module.js';
import { CustomerEvent } from './events.js';
import { ContactClaimEvent } from './contactClaims/events.js';
import { contactClaimHandler, customerHandler } from './handlers.js';
import { customerProfile } from './projections/customerProfile.js';

/** The customers context as `createCrm` assembles it. */
export const customersModule: CrmModule = {
  name: 'customers',
  events: [CustomerEvent, ContactClaimEvent],
  deciders: [customerHandler, contactClaimHandler],
  projections: [customerProfile],
};
