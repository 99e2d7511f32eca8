import * as E from 'fp-ts/lib/Either.js';
import { PersonalDataUnreadable, type PersonalDataVault } from '../../privacy/vault.js';
import type { SealedText } from '../../privacy/sealedText.js';
import { Address } from '../input.js';
import type { CustomerProfileDoc } from './customerProfile.js';

/** What a personal field reads as once the customer's data was erased. */
export const ERASED = 'erased' as const;
export type Erased = typeof ERASED;

/** A customer profile opened for display: personal fields in the clear, or `'erased'`. */
export interface CustomerProfileView extends Omit<CustomerProfileDoc, 'name' | 'phone' | 'email' | 'addresses' | 'birthday'> {
  readonly name: string | Erased;
  /** `null` when the customer gave none. */
  readonly phone: string | null | Erased;
  readonly email: string | null | Erased;
  readonly addresses: readonly Address[] | Erased;
  /** `YYYY-MM-DD`, `null` when not given. */
  readonly birthday: string | null | Erased;
}

/**
 * Open the sealed fields of a `customers.profile` document with the vault. Once the
 * document marks the customer erased, or the vault no longer holds the key, every
 * personal field reads `'erased'`; the rest of the profile reads as stored.
 */
export const readCustomerProfile = async (doc: CustomerProfileDoc, vault: PersonalDataVault): Promise<CustomerProfileView> => {
  const { name, phone, email, addresses, birthday, ...rest } = doc;
  if (doc.erased) return { ...rest, name: ERASED, phone: ERASED, email: ERASED, addresses: ERASED, birthday: ERASED };
  let gone = false;
  const open = async (s: SealedText | undefined): Promise<string | null> => {
    if (s === undefined) return null;
    const plain = await vault.decrypt(doc.tenantId, doc.customerId, s);
    if (plain === undefined) gone = true;
    return plain ?? null;
  };
  const view = {
    name: await open(name),
    phone: await open(phone),
    email: await open(email),
    birthday: await open(birthday),
    addresses: [] as Address[],
  };
  for (const a of addresses ?? []) {
    const json = await open(a);
    if (json === null) continue;
    const decoded = Address.decode(JSON.parse(json));
    if (E.isLeft(decoded))
      throw new PersonalDataUnreadable(doc.tenantId, doc.customerId, 'a sealed address is not an address');
    view.addresses.push(decoded.right);
  }
  // the key is gone (erased before the event was recorded, or by the vault's owner): nothing personal reads back
  if (gone) return { ...rest, name: ERASED, phone: ERASED, email: ERASED, addresses: ERASED, birthday: ERASED };
  return { ...rest, ...view, name: view.name ?? '' };
};
