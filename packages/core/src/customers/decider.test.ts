import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { IsoInstant, make, ShortText } from '../kernel/codecs.js';
import { fold } from '../kernel/decider.js';
import { AgentId, CustomerId } from '../shared/ids.js';
import type { CustomerCommand } from './commands.js';
import { customerDecider as d, type Customer } from './decider.js';
import { CustomerEvent } from './events.js';
import { fakeIndex, fakeSealed } from './fixtures.js';
import { CONSENT_CHANNELS, type ConsentChannel } from './values.js';

const ann = make(CustomerId)('c-ann');
const bo = make(CustomerId)('c-bo');
const at = make(IsoInstant);
const t0 = at('2026-05-01T02:00:00.000Z');

const register = (over: Partial<Extract<CustomerCommand, { type: 'RegisterCustomer' }>['data']> = {}): CustomerCommand => ({
  type: 'RegisterCustomer',
  data: {
    customerId: ann,
    name: fakeSealed(1),
    phone: { sealed: fakeSealed(2), index: fakeIndex(2) },
    email: null,
    channel: 'ownSite',
    referrerId: null,
    ...over,
  },
});
const consent = (give: boolean, channel: ConsentChannel, when = t0): CustomerCommand => ({
  type: give ? 'GiveCustomerConsent' : 'WithdrawCustomerConsent',
  data: { customerId: ann, channel, at: when },
});
const logContact: CustomerCommand = {
  type: 'LogCustomerContact',
  data: { customerId: ann, contactType: 'call', at: t0, agentId: make(AgentId)('agent-1'), summary: 'asked about sizes' },
};
const erase: CustomerCommand = { type: 'EraseCustomerPersonalData', data: { customerId: ann, reason: null } };
const update: CustomerCommand = { type: 'UpdateCustomerProfile', data: { customerId: ann, changes: { tags: [make(ShortText)('vip')] } } };

/** Decide each command on the state the earlier accepted ones left. */
const run = (commands: readonly CustomerCommand[]) => {
  let s: Customer = d.initialState();
  const decisions = commands.map((c) => {
    const r = d.decide(c, s);
    if (E.isRight(r)) s = fold(d, s, r.right);
    return r;
  });
  return { s, decisions, last: decisions[decisions.length - 1]! };
};
const refusal = (r: E.Either<{ code: string; path: readonly (string | number)[] }, unknown>) =>
  E.isLeft(r) ? { code: r.left.code, path: r.left.path } : 'accepted';

describe('customer decider', () => {
  it('registers with a phone, an email or both', () => {
    for (const c of [
      register(),
      register({ phone: null, email: { sealed: fakeSealed(3), index: fakeIndex(3) } }),
      register({ email: { sealed: fakeSealed(3), index: fakeIndex(3) } }),
    ]) {
      const { last, s } = run([c]);
      expect(last).toEqual(E.right([{ type: 'CustomerRegistered', data: c.data }]));
      expect(s.status).toBe('registered');
    }
  });

  it('refuses a registration without phone and email, naming the field', () =>
    expect(refusal(run([register({ phone: null, email: null })]).last)).toEqual({ code: 'CUSTOMER_CONTACT_REQUIRED', path: ['data', 'phone'] }));

  it('refuses self-referral and accepts a referrer', () => {
    expect(refusal(run([register({ referrerId: ann, channel: 'referral' })]).last)).toEqual({
      code: 'CUSTOMER_SELF_REFERRAL',
      path: ['data', 'referrerId'],
    });
    expect(E.isRight(run([register({ referrerId: bo, channel: 'referral' })]).last)).toBe(true);
  });

  it('refuses a second registration of the same customer', () =>
    expect(refusal(run([register(), register()]).last)).toEqual({ code: 'CUSTOMER_ALREADY_REGISTERED', path: ['data', 'customerId'] }));

  it('refuses every other command for a customer never registered', () => {
    for (const c of [update, logContact, consent(true, 'sms'), erase])
      expect(refusal(run([c]).last)).toEqual({ code: 'CUSTOMER_NOT_FOUND', path: ['data', 'customerId'] });
  });

  it('records profile updates, and refuses an update that changes nothing', () => {
    expect(run([register(), update]).last).toEqual(E.right([{ type: 'CustomerProfileUpdated', data: update.data }]));
    const empty: CustomerCommand = { type: 'UpdateCustomerProfile', data: { customerId: ann, changes: {} } };
    expect(refusal(run([register(), empty]).last)).toEqual({ code: 'CUSTOMER_NOTHING_TO_UPDATE', path: ['data', 'changes'] });
  });

  it('logs contacts', () => expect(run([register(), logContact]).last).toEqual(E.right([{ type: 'CustomerContactLogged', data: logContact.data }])));

  it('gives and withdraws consent per channel; a repeat changes nothing', () => {
    const later = at('2026-05-02T02:00:00.000Z');
    const { decisions, s } = run([register(), consent(true, 'sms'), consent(true, 'sms', later), consent(false, 'email'), consent(false, 'sms', later)]);
    expect(decisions[1]).toEqual(E.right([{ type: 'CustomerConsentGiven', data: { customerId: ann, channel: 'sms', at: t0 } }]));
    expect(decisions[2]).toEqual(E.right([])); // given already: still since t0
    expect(decisions[3]).toEqual(E.right([])); // never given: nothing to withdraw
    expect(decisions[4]).toEqual(E.right([{ type: 'CustomerConsentWithdrawn', data: { customerId: ann, channel: 'sms', at: later } }]));
    expect(s.status === 'registered' && s.consent).toEqual({ sms: { given: false, at: later } });
  });

  it('erasure names the claims to release, then every command is refused', () => {
    const email = { sealed: fakeSealed(3), index: fakeIndex(3) };
    const { decisions } = run([register({ email }), erase]);
    expect(decisions[1]).toEqual(
      E.right([
        {
          type: 'CustomerPersonalDataErased',
          data: { customerId: ann, reason: null, contacts: [{ kind: 'phone', index: fakeIndex(2) }, { kind: 'email', index: fakeIndex(3) }] },
        },
      ]),
    );
    for (const c of [update, logContact, consent(true, 'sms'), erase])
      expect(refusal(run([register(), erase, c]).last)).toEqual({ code: 'CUSTOMER_ERASED', path: ['data', 'customerId'] });
    expect(refusal(run([register(), erase, register()]).last)).toEqual({ code: 'CUSTOMER_ALREADY_REGISTERED', path: ['data', 'customerId'] });
  });

  const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => at(new Date(ms).toISOString()));
  const consentCommand = fc.tuple(fc.boolean(), fc.constantFrom(...CONSENT_CHANNELS), instant).map(([g, ch, when]) => consent(g, ch, when));
  const anyCommand = fc.oneof(consentCommand, fc.constantFrom(update, logContact, erase, register()));

  it('property: consent on each channel equals the last give/withdraw on it (since the change took effect)', () =>
    fc.assert(
      fc.property(fc.array(consentCommand, { maxLength: 30 }), (cmds) => {
        const { s } = run([register(), ...cmds]);
        if (s.status !== 'registered') throw new Error('registered');
        for (const ch of CONSENT_CHANNELS) {
          const mine = cmds.filter((c) => c.data.customerId === ann && 'channel' in c.data && c.data.channel === ch);
          const last = mine[mine.length - 1];
          if (!last) {
            expect(s.consent[ch]).toBeUndefined();
            continue;
          }
          const given = last.type === 'GiveCustomerConsent';
          expect(s.consent[ch]?.given ?? false).toBe(given);
          if (s.consent[ch]) {
            // the time is that of the first command of the final run of equal answers
            let i = mine.length - 1;
            while (i > 0 && (mine[i - 1]!.type === 'GiveCustomerConsent') === given) i--;
            expect(s.consent[ch]!.at).toBe((mine[i]!.data as { at: string }).at);
          }
        }
      }),
    ));

  it('property: every event decided is valid, nothing is accepted after erasure, and decide never throws', () =>
    fc.assert(
      fc.property(fc.array(anyCommand, { maxLength: 30 }), (cmds) => {
        const { decisions } = run(cmds);
        let erased = false;
        let registered = false;
        cmds.forEach((c, i) => {
          const r = decisions[i]!;
          if (E.isRight(r)) for (const e of r.right) expect(CustomerEvent.is(e)).toBe(true);
          if (erased || (!registered && c.type !== 'RegisterCustomer')) expect(E.isLeft(r)).toBe(true);
          if (E.isRight(r) && c.type === 'RegisterCustomer') registered = true;
          if (E.isRight(r) && c.type === 'EraseCustomerPersonalData') erased = true;
        });
      }),
    ));
});
