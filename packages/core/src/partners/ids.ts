import type * as t from 'io-ts';
import { idCodec } from '../kernel/codecs.js';

/** A partner of the shop (合作伙伴): a reseller, a campus agent or a partner site. */
export const PartnerId = idCodec('PartnerId');
export type PartnerId = t.TypeOf<typeof PartnerId>;
/** The id a grant opens: a customerId or an opportunityId (as {@link GrantSubject} says). */
export const GrantedId = idCodec('GrantedId');
export type GrantedId = t.TypeOf<typeof GrantedId>;
