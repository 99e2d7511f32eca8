import { describe, expect, it } from 'vitest';
import {
  ConcurrencyRetriesExhausted,
  CorruptEvent,
  domainError,
  formatPath,
  InvalidArgument,
  InvalidEvent,
  isRapportError,
  ProjectionFailed,
  RapportError,
  StoreUnavailable,
  validationError,
  WrongExpectedVersion,
} from './errors.js';

const cause = new Error('socket hang up');
const all = [
  new WrongExpectedVersion('account-shop_a.a1', '3', 5n),
  new StoreUnavailable('pool exhausted', { cause }),
  new CorruptEvent('account-shop_a.a1', 7n, [{ path: ['data', 'points'], message: 'expected Points' }]),
  new InvalidEvent('account-shop_a.a1', [{ path: ['events', 0, 'data', 'points'], message: 'expected Points' }]),
  new InvalidArgument('limit -1'),
  new ConcurrencyRetriesExhausted('account-shop_a.a1', 11),
  new ProjectionFailed('loyalty.pointsBalance', 42n),
];

describe('isRapportError', () => {
  it.each(all.map((e) => [e.name, e] as const))('recognises %s by its code', (_name, e) => {
    expect(isRapportError(e)).toBe(true);
    expect(isRapportError(e, e.code)).toBe(true);
    expect(isRapportError(e, 'RAPPORT_SOMETHING_ELSE')).toBe(false);
  });

  it('codes are stable, distinct and prefixed', () => {
    const codes = all.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^RAPPORT_[A-Z_]+$/);
    expect(WrongExpectedVersion.code).toBe('RAPPORT_WRONG_EXPECTED_VERSION');
    expect(all[0]!.code).toBe(WrongExpectedVersion.code);
  });

  it('is false for other errors and non-errors', () => {
    for (const x of [new Error('x'), new TypeError('x'), { code: 'RAPPORT_INVALID_ARGUMENT' }, null, undefined, 'RAPPORT_X', 42])
      expect(isRapportError(x)).toBe(false);
  });

  it('recognises an error from another copy of the package by its registered symbol', () => {
    // what the CJS copy of this module would construct: another class, the same global symbol
    const OTHER_COPY_SYMBOL = Symbol.for('rapport.error');
    class OtherCopyError extends Error {
      readonly code = 'RAPPORT_WRONG_EXPECTED_VERSION';
      constructor(message: string) {
        super(message);
        Object.defineProperty(this, OTHER_COPY_SYMBOL, { value: true });
      }
    }
    const e = new OtherCopyError('stream x: expected version 1, actual 2');
    expect(e instanceof RapportError).toBe(false);
    expect(isRapportError(e, WrongExpectedVersion.code)).toBe(true);
    expect(isRapportError({ [Symbol.for('rapport.error')]: true, code: 'RAPPORT_STORE_UNAVAILABLE' }, StoreUnavailable.code)).toBe(true);
    expect(isRapportError({ [Symbol('rapport.error')]: true, code: 'RAPPORT_STORE_UNAVAILABLE' })).toBe(false);
  });
});

describe('RapportError subclasses', () => {
  it('name themselves and keep the native cause', () => {
    const e = new StoreUnavailable('pool exhausted', { cause });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('StoreUnavailable');
    expect(e.cause).toBe(cause);
  });

  it('say what was wrong and where', () => {
    const [wrong, , corrupt, invalid, , exhausted, failed] = all;
    expect(wrong!.message).toBe('stream account-shop_a.a1: expected version 3, actual 5');
    expect(wrong).toMatchObject({ stream: 'account-shop_a.a1', expected: '3', actual: 5n });
    expect(new WrongExpectedVersion('s', 'no_stream', 'no_stream').message).toBe('stream s: expected version no_stream, actual no_stream');
    expect(corrupt!.message).toBe('stream account-shop_a.a1 position 7: data.points: expected Points');
    expect(corrupt).toMatchObject({ stream: 'account-shop_a.a1', position: 7n });
    expect(invalid!.message).toBe('append to account-shop_a.a1 refused: events[0].data.points: expected Points');
    expect(exhausted!.message).toBe('stream account-shop_a.a1: still conflicting after 11 attempts');
    expect(exhausted).toMatchObject({ stream: 'account-shop_a.a1', attempts: 11 });
    expect(failed!.message).toBe('projection loyalty.pointsBalance failed at global position 42');
    expect(failed).toMatchObject({ projection: 'loyalty.pointsBalance', position: 42n });
  });
});

describe('validation and domain errors', () => {
  it('formatPath writes fields with dots and indexes in brackets', () => {
    expect(formatPath(['data', 'lines', 1, 'quantity'])).toBe('data.lines[1].quantity');
    expect(formatPath([0, 'a'])).toBe('[0].a');
    expect(formatPath([])).toBe('(root)');
  });

  it('a validation error names every path in its message', () => {
    const e = validationError(
      [
        { path: ['data', 'lines', 1, 'quantity'], message: 'expected Quantity, got -1' },
        { path: ['metadata', 'tenantId'], message: 'expected TenantId' },
      ],
      'command',
    );
    expect(e).toMatchObject({ kind: 'ValidationError', code: 'RAPPORT_VALIDATION' });
    expect(e.message).toBe('invalid command: data.lines[1].quantity: expected Quantity, got -1; metadata.tenantId: expected TenantId');
  });

  it('a domain error carries code, path and (only when given) details', () => {
    expect(domainError('POINTS_INSUFFICIENT', '50 > 20', ['data', 'points'])).toEqual({
      kind: 'DomainError',
      code: 'POINTS_INSUFFICIENT',
      message: '50 > 20',
      path: ['data', 'points'],
    });
    expect('details' in domainError('X', 'm')).toBe(false);
    expect(domainError('X', 'm').path).toEqual([]);
    expect(domainError('CUSTOMER_PHONE_TAKEN', 'm', ['data', 'phone'], { existingCustomerId: 'c-1' }).details).toEqual({ existingCustomerId: 'c-1' });
  });
});
