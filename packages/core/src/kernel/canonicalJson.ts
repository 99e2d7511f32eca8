/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, bigints as decimal
 * strings, undefined properties dropped. The same value always gives the same bytes,
 * whichever adapter stored it, so hashes can be recomputed anywhere.
 */
export const canonicalJson = (value: unknown): string => {
  switch (typeof value) {
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      // Array.from, not map: a hole in a sparse array is null, as JSON.stringify writes it
      if (Array.isArray(value)) return `[${Array.from(value, (v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const order = orderOf(Object.keys(obj));
      let out = '{';
      let first = true;
      for (let i = 0; i < order.sorted.length; i++) {
        const v = obj[order.sorted[i]!];
        if (v === undefined) continue;
        out += (first ? order.quoted[i]! : order.commaQuoted[i]!) + canonicalJson(v);
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
};

/** The sorted keys of one object shape, each already quoted and followed by `:`. */
interface KeyOrder {
  readonly keys: readonly string[];
  readonly sorted: readonly string[];
  readonly quoted: readonly string[];
  readonly commaQuoted: readonly string[];
}

/*
 * Hashing encodes the same few shapes (envelope, metadata, actor, each event's data) over
 * and over: remember the sorted, quoted keys of recently seen key lists, found by comparing
 * the key list itself, so sorting and quoting happen once per shape, not once per event.
 */
const MAX_CACHED_KEYS = 32;
const SHAPES_PER_LENGTH = 8;
const orders: KeyOrder[][] = [];

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

const orderOf = (keys: string[]): KeyOrder => {
  const n = keys.length;
  const bucket = n <= MAX_CACHED_KEYS ? (orders[n] ??= []) : undefined;
  if (bucket) for (const o of bucket) if (sameKeys(o.keys, keys)) return o;
  const sorted = [...keys].sort();
  const quoted = sorted.map((k) => `${JSON.stringify(k)}:`);
  const order: KeyOrder = { keys, sorted, quoted, commaQuoted: quoted.map((q) => `,${q}`) };
  if (bucket) {
    if (bucket.length >= SHAPES_PER_LENGTH) bucket.pop();
    bucket.unshift(order);
  }
  return order;
};
