/**
 * The top-level fields of event data that name a customer: the customer themself, the
 * buyer of an order line, the beneficiary and referrer of a referral commission.
 */
export const customerReferenceFields: readonly string[] = ['customerId', 'buyerId', 'beneficiaryId', 'referrerId'];

/** The customers an event's data names in the given fields (each once, in field order). */
export const customersNamedIn = (data: unknown, fields: readonly string[] = customerReferenceFields): string[] => {
  if (typeof data !== 'object' || data === null) return [];
  const named: string[] = [];
  for (const f of fields) {
    const v = (data as Record<string, unknown>)[f];
    if (typeof v === 'string' && v !== '' && !named.includes(v)) named.push(v);
  }
  return named;
};
