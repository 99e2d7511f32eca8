import type { CommandHandlerDefinition } from '../../kernel/commandHandler.js';
import { streamName } from '../../kernel/streams.js';
import { defaultServicePolicy, type ServicePolicy } from '../policy.js';
import { ServiceCustomerCommand } from './commands.js';
import { serviceCustomerDecider, type ServiceCustomer } from './decider.js';
import type { ServiceCustomerEvent } from './events.js';

/** Stream category of a customer's service ledger: `serviceCustomer-<tenantId>.<customerId>`. */
export const SERVICE_CUSTOMER_CATEGORY = 'serviceCustomer';
export const serviceCustomerStream = (tenantId: string, customerId: string): string => streamName(SERVICE_CUSTOMER_CATEGORY, tenantId, customerId);

export const serviceCustomerHandler = (
  policy: ServicePolicy = defaultServicePolicy,
): CommandHandlerDefinition<ServiceCustomer, ServiceCustomerCommand, ServiceCustomerEvent, unknown> => ({
  name: 'service.customer',
  commands: ServiceCustomerCommand,
  decider: serviceCustomerDecider(policy),
  streamOf: (c, tenantId) => serviceCustomerStream(tenantId, c.data.customerId),
});
