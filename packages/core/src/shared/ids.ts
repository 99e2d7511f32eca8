import type * as t from 'io-ts';
import { idCodec } from '../kernel/codecs.js';

/**
 * Ids shared by several bounded contexts. Each is 1–64 of `[A-Za-z0-9_-]` (no `.`), so a
 * stream name `<category>-<tenantId>.<id>` always splits cleanly.
 */
export const CustomerId = idCodec('CustomerId');
export type CustomerId = t.TypeOf<typeof CustomerId>;
export const OrderId = idCodec('OrderId');
export type OrderId = t.TypeOf<typeof OrderId>;
export const LeadId = idCodec('LeadId');
export type LeadId = t.TypeOf<typeof LeadId>;
/** A member of the shop's staff: customer-service agent, sales rep, supervisor. */
export const AgentId = idCodec('AgentId');
export type AgentId = t.TypeOf<typeof AgentId>;
/** The selling party rated by buyers (a shop, or a seller on a marketplace). */
export const SellerId = idCodec('SellerId');
export type SellerId = t.TypeOf<typeof SellerId>;
export const ProductId = idCodec('ProductId');
export type ProductId = t.TypeOf<typeof ProductId>;
export const Sku = idCodec('Sku');
export type Sku = t.TypeOf<typeof Sku>;
export const ComplaintId = idCodec('ComplaintId');
export type ComplaintId = t.TypeOf<typeof ComplaintId>;
export const CouponId = idCodec('CouponId');
export type CouponId = t.TypeOf<typeof CouponId>;
