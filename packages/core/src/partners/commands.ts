import * as t from 'io-ts';
import { tagged } from '../kernel/codecs.js';
import { PartnerAccessRecorded, PartnerCustomerGranted, PartnerGrantRevoked, PartnerOpportunityAssigned, PartnerRegistered } from './events.js';

export const RegisterPartner = tagged('RegisterPartner', PartnerRegistered.props.data.props);
/** Open a customer (profile, orders, loyalty account, complaints) to a partner. */
export const GrantPartnerCustomer = tagged('GrantPartnerCustomer', PartnerCustomerGranted.props.data.props);
/** Open one opportunity to a partner (it works the deal). */
export const AssignPartnerOpportunity = tagged('AssignPartnerOpportunity', PartnerOpportunityAssigned.props.data.props);
export const RevokePartnerGrant = tagged('RevokePartnerGrant', PartnerGrantRevoked.props.data.props);

export const PartnerCommand = t.union([RegisterPartner, GrantPartnerCustomer, AssignPartnerOpportunity, RevokePartnerGrant]);
export type PartnerCommand = t.TypeOf<typeof PartnerCommand>;

/** Sent by the scoped read API after each read; never by hand. */
export const RecordPartnerAccess = tagged('RecordPartnerAccess', PartnerAccessRecorded.props.data.props);
export const PartnerAccessCommand = RecordPartnerAccess;
export type PartnerAccessCommand = t.TypeOf<typeof PartnerAccessCommand>;
