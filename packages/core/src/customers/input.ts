import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { issuesOf, ShortText } from '../kernel/codecs.js';
import { CommandMetadata, type CommandMetadataInput } from '../kernel/command.js';
import { validationError, type ValidationError, type ValidationIssue } from '../kernel/errors.js';
import { CustomerId } from '../shared/ids.js';
import { AcquisitionChannel, BodySize, Gender, HouseholdMember, Label, Notes, nullable } from './values.js';

/**
 * Plain (unsealed) inputs of the customer workflows, validated before anything is
 * claimed, sealed or sent. Field paths are those of the command: `['data', 'phone']`.
 */

/** A person's name: 1–100 characters, not blank. */
export const PersonName = t.refinement(t.string, (s) => s.trim().length > 0 && s.length <= 100, 'PersonName (1-100 characters, not blank)');

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A calendar date `YYYY-MM-DD` that exists (a birthday). */
export const CalendarDate = t.refinement(
  t.string,
  (s) => {
    const m = CALENDAR_DATE.exec(s);
    if (!m) return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return Number(m[1]) >= 1900 && d.toISOString().slice(0, 10) === s;
  },
  'CalendarDate (YYYY-MM-DD)',
);

/** A postal address, sealed as one field. */
export const Address = t.intersection(
  [
    t.type({ province: ShortText, city: ShortText, street: ShortText }),
    t.partial({ label: ShortText, recipient: ShortText, phone: ShortText, district: ShortText, postcode: ShortText }),
  ],
  'Address',
);
export type Address = t.TypeOf<typeof Address>;

const optional = <C extends t.Mixed>(c: C) => t.union([c, t.null, t.undefined]);

export const CustomerRegistrationData = t.intersection(
  [
    t.type({ customerId: CustomerId, name: PersonName, channel: AcquisitionChannel }),
    t.partial({ phone: optional(t.string), email: optional(t.string), referrerId: optional(CustomerId) }),
  ],
  'CustomerRegistrationData',
);

/** What `registerCustomer` takes: plain personal fields, at least one of phone and email. */
export interface CustomerRegistrationInput {
  readonly data: {
    readonly customerId: string;
    readonly name: string;
    readonly phone?: string | null;
    readonly email?: string | null;
    readonly channel: AcquisitionChannel;
    readonly referrerId?: string | null;
  };
  readonly metadata: CommandMetadataInput;
}

export const CustomerProfileData = t.intersection(
  [
    t.type({ customerId: CustomerId }),
    t.partial({
      addresses: t.array(Address),
      birthday: nullable(CalendarDate),
      gender: nullable(Gender),
      bodySize: nullable(BodySize),
      household: t.array(HouseholdMember),
      tags: t.array(Label),
      groups: t.array(Label),
      notes: Notes,
    }),
  ],
  'CustomerProfileData',
);

/** What `updateCustomerProfile` takes: the fields to change, plain; left out = unchanged. */
export interface CustomerProfileInput {
  readonly data: { readonly customerId: string } & Partial<{
    readonly addresses: readonly t.OutputOf<typeof Address>[];
    readonly birthday: string | null;
    readonly gender: Gender | null;
    readonly bodySize: t.OutputOf<typeof BodySize> | null;
    readonly household: readonly t.OutputOf<typeof HouseholdMember>[];
    readonly tags: readonly string[];
    readonly groups: readonly string[];
    readonly notes: string;
  }>;
  readonly metadata: CommandMetadataInput;
}

export const CustomerErasureData = t.intersection(
  [t.type({ customerId: CustomerId }), t.partial({ reason: optional(ShortText) })],
  'CustomerErasureData',
);

/** What `eraseCustomer` takes. */
export interface CustomerErasureInput {
  readonly data: { readonly customerId: string; readonly reason?: string | null };
  readonly metadata: CommandMetadataInput;
}

/**
 * Validate `data` and `metadata` of a workflow input together, so one answer names every
 * bad field; `extra` adds checks on the decoded data (normalisation and the like).
 */
export const validateInput = <A>(
  codec: t.Decoder<unknown, A>,
  input: unknown,
  extra: (data: A) => readonly ValidationIssue[] = () => [],
): E.Either<ValidationError, { data: A; metadata: CommandMetadata }> => {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as { data?: unknown; metadata?: unknown };
  const data = codec.decode(raw.data);
  const metadata = CommandMetadata.decode(raw.metadata);
  const issues = [
    ...(E.isLeft(data) ? issuesOf(data.left, ['data']) : extra(data.right)),
    ...(E.isLeft(metadata) ? issuesOf(metadata.left, ['metadata']) : []),
  ];
  if (issues.length > 0 || E.isLeft(data) || E.isLeft(metadata)) return E.left(validationError(issues, 'command'));
  return E.right({ data: data.right, metadata: metadata.right });
};
