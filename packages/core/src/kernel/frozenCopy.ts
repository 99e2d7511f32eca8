import { types } from 'node:util';
import { deepFreeze } from './deepFreeze.js';

const { isProxy } = types;

/**
 * `deepFreeze(structuredClone(data))`, faster for the usual event data: a tree of plain
 * objects, arrays and primitives is copied directly. Anything else (class instances, holes,
 * shared or exotic objects...) goes through structuredClone itself, so the result, and any
 * DataCloneError, is the same.
 */
export const frozenCopy = (data: unknown, options: FrozenCopyOptions = {}): unknown => {
  if (typeof data !== 'object' || data === null) return typeof data === 'function' || typeof data === 'symbol' ? structuredClone(data) : data;
  const copy = plainCopy(data, undefined, options.reuse === true ? produced : undefined);
  return copy === NOT_PLAIN ? deepFreeze(structuredClone(data)) : copy;
};

export interface FrozenCopyOptions {
  /**
   * Share the subtrees an earlier `reuse` copy produced (deeply frozen, owned by nobody)
   * instead of copying them again: a read-model document one event changes is then copied
   * only where it changed. Off by default: event data is copied once and never updated,
   * and tracking every stored event would only weigh on the garbage collector.
   */
  readonly reuse?: boolean;
}

const NOT_PLAIN = Symbol('not plain');

/**
 * Marks every tree a `reuse` copy produced: deeply frozen and owned by nobody. A private,
 * non-enumerable symbol (invisible to JSON, `Object.keys`, structuredClone and equality
 * checks) rather than a WeakSet: a WeakSet holding every document a long replay wrote makes
 * each garbage collection walk it.
 */
const PRODUCED = Symbol('rapport.frozenCopy.produced');

const produced = {
  has: (v: object): boolean => (v as { [PRODUCED]?: true })[PRODUCED] === true,
  add: (v: object): void => {
    Object.defineProperty(v, PRODUCED, { value: true });
  },
};

/** A frozen copy of a plain tree, or NOT_PLAIN. `seen` (made on first nesting) spots shared objects. */
const plainCopy = (value: object, seen: Set<object> | undefined, reuse: typeof produced | undefined): unknown => {
  if (reuse?.has(value)) return value;
  if (isProxy(value)) return NOT_PLAIN;
  const proto: unknown = Object.getPrototypeOf(value);
  const keys = Object.keys(value);
  let out: Record<string, unknown> | unknown[];
  if (Array.isArray(value)) {
    if (proto !== Array.prototype || keys.length !== value.length) return NOT_PLAIN; // holes or extra properties
    out = new Array<unknown>(value.length);
  } else {
    if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
    out = {};
  }
  for (const k of keys) {
    if (k === '__proto__') return NOT_PLAIN;
    const v = (value as Record<string, unknown>)[k];
    let c: unknown = v;
    if (typeof v === 'object' && v !== null && reuse?.has(v)) c = v; // frozen and shared already: keep it
    else if (typeof v === 'object' && v !== null) {
      seen ??= new Set([value]);
      if (seen.has(v)) return NOT_PLAIN;
      seen.add(v);
      c = plainCopy(v, seen, reuse);
      if (c === NOT_PLAIN) return NOT_PLAIN;
    } else if (typeof v === 'function' || typeof v === 'symbol') return NOT_PLAIN;
    (out as Record<string, unknown>)[k] = c;
  }
  reuse?.add(out);
  return Object.freeze(out);
};
