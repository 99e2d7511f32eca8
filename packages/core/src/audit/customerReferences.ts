/**
 * The top-level fields of event data that say whom an event is about: the customer, and
 * the beneficiary of a referral commission. A referrer or a buyer named beside them is a
 * party to someone else's fact (their timeline and export do not get it).
 */
export const customerReferenceFields: readonly string[] = ['customerId', 'beneficiaryId'];

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
