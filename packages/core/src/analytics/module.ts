import type { CrmModule } from '../crm/module.js';
import { customerFacts } from './projections/customerFacts.js';

/** Analytics as `createCrm` assembles it: one projection of dated facts; reports are reads over it. */
export const analyticsModule: CrmModule = {
  name: 'analytics',
  events: [],
  deciders: [],
  projections: [customerFacts],
};
