import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { make } from '../../kernel/codecs.js';
import { fold } from '../../kernel/decider.js';
import { CustomerId } from '../../shared/ids.js';
import { BlindIndex } from '../../privacy/sealedText.js';
import { contactClaimDecider as d, type ContactClaim } from './decider.js';
import type { ContactClaimCommand } from './commands.js';
import type { ContactClaimEvent } from './events.js';

const index = make(BlindIndex)('Zm9vYmFyYmF6cXV4cXV1eA');
const cid = make(CustomerId);
const claim = (who: string): ContactClaimCommand => ({ type: 'ClaimCustomerContact', data: { index, kind: 'phone', customerId: cid(who) } });
const release = (who: string): ContactClaimCommand => ({ type: 'ReleaseCustomerContact', data: { index, kind: 'phone', customerId: cid(who) } });

/** Run commands in order, keeping the state and every decision. */
const run = (commands: readonly ContactClaimCommand[]) => {
  let s: ContactClaim = d.initialState();
  const decisions = commands.map((c) => {
    const r = d.decide(c, s);
    if (E.isRight(r)) s = fold(d, s, r.right as ContactClaimEvent[]);
    return r;
  });
  return { s, decisions };
};

describe('contact claim', () => {
  it('a free contact is claimed; claiming it again for the same customer changes nothing', () => {
    const { s, decisions } = run([claim('c-ann'), claim('c-ann')]);
    expect(s.holder).toBe('c-ann');
    expect(decisions[0]).toEqual(E.right([{ type: 'CustomerContactClaimed', data: { index, kind: 'phone', customerId: 'c-ann' } }]));
    expect(decisions[1]).toEqual(E.right([]));
  });

  it('a claim by another customer is refused with the holder as existingCustomerId', () => {
    const { decisions } = run([claim('c-ann'), claim('c-bo')]);
    expect(decisions[1]).toEqual(
      E.left({
        kind: 'DomainError',
        code: 'CUSTOMER_DUPLICATE_CONTACT',
        message: 'this phone belongs to customer c-ann',
        path: ['data', 'index'],
        details: { existingCustomerId: 'c-ann', contact: 'phone' },
      }),
    );
  });

  it('a released contact can be claimed by someone else; only the holder releases', () => {
    const { s, decisions } = run([claim('c-ann'), release('c-bo'), release('c-ann'), release('c-ann'), claim('c-bo')]);
    expect(E.isLeft(decisions[1]!) && decisions[1].left.code).toBe('CUSTOMER_CONTACT_NOT_HELD');
    expect(decisions[2]).toEqual(E.right([{ type: 'CustomerContactReleased', data: { index, kind: 'phone', customerId: 'c-ann' } }]));
    expect(decisions[3]).toEqual(E.right([]));
    expect(s.holder).toBe('c-bo');
  });

  it('property: the holder is whoever claimed a free contact last and has not released it; never two', () =>
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.constantFrom('c-1', 'c-2', 'c-3')), { maxLength: 40 }), (ops) => {
        const { s, decisions } = run(ops.map(([isClaim, who]) => (isClaim ? claim(who) : release(who))));
        // an independent model of the rule
        let holder: string | null = null;
        ops.forEach(([isClaim, who], i) => {
          const ok = isClaim ? holder === null || holder === who : holder === null || holder === who;
          expect(E.isRight(decisions[i]!)).toBe(ok);
          if (ok) holder = isClaim ? who : null;
        });
        expect(s.holder).toBe(holder);
      }),
    ));
});
