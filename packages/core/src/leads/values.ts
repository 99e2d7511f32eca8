import * as t from 'io-ts';

/** Why a lead was lost. */
export const LossReason = t.keyof(
  { noBudget: null, noResponse: null, unreachable: null, boughtElsewhere: null, notInterested: null, duplicate: null, other: null },
  'LossReason',
);
export type LossReason = t.TypeOf<typeof LossReason>;

/** Where a lead stands: captured → qualified → converted, or lost on the way. */
export type LeadStage = 'captured' | 'qualified' | 'converted' | 'lost';

/** `{ type, data }` whose data has required and optional fields. */
export const taggedWith = <T extends string, R extends t.Props, O extends t.Props>(type: T, required: R, optional: O) =>
  t.type({ type: t.literal(type), data: t.intersection([t.type(required), t.partial(optional)]) }, type);
