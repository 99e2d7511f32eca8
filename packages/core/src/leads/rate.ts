/** Rates are shared arithmetic (DOMAIN §10): the lead funnel's come from `shared/rate`. */
export { rateOf, type Rate } from '../shared/rate.js';
