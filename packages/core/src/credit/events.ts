import * as t from 'io-ts';
import { OrderLineRated, OrderPaid } from '../orders/events.js';

/**
 * The events credit ratings read, both recorded by the orders context: `OrderPaid` (the
 * paid lines that form the 14-day groups) and `OrderLineRated` (the ratings).
 */
export const CreditEvent = t.union([OrderPaid, OrderLineRated]);
export type CreditEvent = t.TypeOf<typeof CreditEvent>;
