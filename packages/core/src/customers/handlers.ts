import type * as t from 'io-ts';
import type { CommandHandlerDefinition } from '../kernel/commandHandler.js';
import { CustomerCommand } from './commands.js';
import { customerDecider, type Customer } from './decider.js';
import type { CustomerEvent } from './events.js';
import { ContactClaimCommand } from './contactClaims/commands.js';
import { contactClaimDecider, type ContactClaim } from './contactClaims/decider.js';
import type { ContactClaimEvent } from './contactClaims/events.js';
import { contactClaimStream, customerStream } from './streams.js';

/** The customer aggregate for the command bus: stream `customer-<tenant>.<customerId>`. */
export const customerHandler: CommandHandlerDefinition<Customer, CustomerCommand, CustomerEvent, t.OutputOf<typeof CustomerCommand>> = {
  name: 'customers.customer',
  commands: CustomerCommand,
  decider: customerDecider,
  streamOf: (c, tenantId) => customerStream(tenantId, c.data.customerId),
};

/** The contact-claim aggregate for the command bus: stream `customer_contact-<tenant>.<blindIndex>`. */
export const contactClaimHandler: CommandHandlerDefinition<ContactClaim, ContactClaimCommand, ContactClaimEvent, t.OutputOf<typeof ContactClaimCommand>> = {
  name: 'customers.contactClaim',
  commands: ContactClaimCommand,
  decider: contactClaimDecider,
  streamOf: (c, tenantId) => contactClaimStream(tenantId, c.data.index),
};
