import { InvalidArgument } from './errors.js';

/**
 * Stream names are `<category>-<tenantId>.<id>`: EventStoreDB's `$ce-<category>` and
 * category filters work, and tenants never share a stream.
 */
const CATEGORY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const PART = /^[A-Za-z0-9_-]{1,64}$/;

export interface StreamNameParts {
  readonly category: string;
  readonly tenantId: string;
  readonly id: string;
}

export const streamName = (category: string, tenantId: string, id: string): string => {
  if (!CATEGORY.test(category)) throw new InvalidArgument(`category ${JSON.stringify(category)}: expected [A-Za-z][A-Za-z0-9_]*`);
  if (!PART.test(tenantId)) throw new InvalidArgument(`tenantId ${JSON.stringify(tenantId)}: expected 1-64 of [A-Za-z0-9_-]`);
  if (!PART.test(id)) throw new InvalidArgument(`id ${JSON.stringify(id)}: expected 1-64 of [A-Za-z0-9_-]`);
  return `${category}-${tenantId}.${id}`;
};

/** The parts of a stream name, or undefined when it does not follow the convention. */
export const parseStreamName = (name: string): StreamNameParts | undefined => {
  const dash = name.indexOf('-');
  if (dash < 0) return undefined;
  const category = name.slice(0, dash);
  const rest = name.slice(dash + 1);
  const dot = rest.indexOf('.');
  if (dot < 0) return undefined;
  const tenantId = rest.slice(0, dot);
  const id = rest.slice(dot + 1);
  return CATEGORY.test(category) && PART.test(tenantId) && PART.test(id) ? { category, tenantId, id } : undefined;
};

/** The category of a stream: everything before the first `-` (as EventStoreDB's `$by_category`). */
export const categoryOf = (name: string): string => {
  const dash = name.indexOf('-');
  return dash < 0 ? name : name.slice(0, dash);
};

/** Stream names a caller may append to: non-empty, at most 200 characters, not `$`-prefixed. */
export const assertStreamName = (name: string): void => {
  if (typeof name !== 'string' || name.length === 0 || name.length > 200 || name.startsWith('$'))
    throw new InvalidArgument(`stream name ${JSON.stringify(name)}: expected 1-200 characters, not starting with $`);
};
