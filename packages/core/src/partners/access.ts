import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { TenantId, validate } from '../kernel/codecs.js';
import type { Command, Handled } from '../kernel/command.js';
import type { Clock } from '../kernel/clock.js';
import { formatPath, RapportError, type CrmError, type ValidationError, type ValidationIssue } from '../kernel/errors.js';
import type { IdGenerator } from '../kernel/ids.js';
import { PartnerId } from './ids.js';
import { MAX_ACCESSED_ID_LENGTH, type AccessOutcome } from './values.js';

/** Whose access a read goes through: one partner of one shop. */
export const PartnerAccess = t.type({ tenantId: TenantId, partnerId: PartnerId }, 'PartnerAccess');
export interface PartnerAccess {
  readonly tenantId: string;
  readonly partnerId: string;
}

/** `crm.as(partner)` was given something that names no partner (a field path says what). Nothing was read or written. */
export class InvalidPartnerAccess extends RapportError {
  static readonly code = 'PARTNERS_INVALID_ACCESS';
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(InvalidPartnerAccess.code, `partner access: ${issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}`);
  }
}

/** A read's access record could not be written, so nothing read was handed out. */
export class PartnerAccessNotRecorded extends RapportError {
  static readonly code = 'PARTNERS_ACCESS_NOT_RECORDED';
  constructor(readonly error: CrmError) {
    super(PartnerAccessNotRecorded.code, `partner access not recorded: ${error.message}`);
  }
}

/** Check a partner access: `Right` with it, or `Left` naming each bad field (`['partnerId']`...). */
export const validatePartnerAccess = (partner: unknown): E.Either<ValidationError, PartnerAccess> => validate(PartnerAccess, partner, 'PartnerAccess');

/** What one read through a partner's access did. */
export interface AccessRecord {
  /** The read, e.g. `customer360.get`. */
  readonly read: string;
  /** The id asked for; `null` for a list. */
  readonly id: string | null;
  readonly outcome: AccessOutcome;
  /** Ids of the documents handed out. */
  readonly returned: readonly string[];
}

export interface AccessRecorderDeps {
  readonly handle: (command: Command) => Promise<E.Either<CrmError, Handled>>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * Append one `PartnerAccessRecorded` to the partner's access log, the partner as actor, at
 * the clock's now. Rejects with {@link PartnerAccessNotRecorded} if the log refuses it, so a
 * caller never hands out what was not recorded. A requested id longer than 200 characters is
 * kept cut to 200.
 */
export const partnerAccessRecorder =
  ({ handle, clock, ids }: AccessRecorderDeps, partner: PartnerAccess) =>
  async (record: AccessRecord): Promise<void> => {
    const r = await handle({
      type: 'RecordPartnerAccess',
      data: {
        partnerId: partner.partnerId,
        read: record.read,
        id: record.id === null ? null : String(record.id).slice(0, MAX_ACCESSED_ID_LENGTH),
        outcome: record.outcome,
        returned: record.returned,
        at: clock.now(),
      },
      metadata: { tenantId: partner.tenantId, actor: { kind: 'partner', id: partner.partnerId }, commandId: ids.next() },
    });
    if (E.isLeft(r)) throw new PartnerAccessNotRecorded(r.left);
  };
