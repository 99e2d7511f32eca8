import { InvalidArgument, type DocumentQuery } from '@rapport/core';

/**
 * A {@link DocumentQuery} pushed down to SQL with the same meaning as the in-memory
 * `runQuery`: equality on (dotted) fields, where a JSON null matches `null` and a missing
 * field matches nothing; ordering by numbers, strings (by code point, `COLLATE "C"`) or
 * booleans with missing and null values last in both directions; ties in the order the
 * documents were first written.
 */
export const querySql = (
  query: DocumentQuery,
  params: unknown[],
): { where: string[]; orderBy: string } => {
  const where: string[] = [];
  for (const [field, value] of Object.entries(query.where ?? {})) {
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value))
      throw new InvalidArgument(`query where ${field}: expected a string, number, boolean or null`);
    params.push(field.split('.'), JSON.stringify(value));
    where.push(`document #> $${params.length - 1}::text[] = $${params.length}::jsonb`);
  }
  if (!query.orderBy) return { where, orderBy: 'seq' };
  const { field, direction = 'asc' } = query.orderBy;
  if (direction !== 'asc' && direction !== 'desc') throw new InvalidArgument(`query orderBy direction ${String(direction)}: expected asc or desc`);
  params.push(field.split('.'));
  const v = `(document #> $${params.length}::text[])`;
  const dir = direction === 'asc' ? 'ASC' : 'DESC';
  return {
    where,
    orderBy: [
      `(${v} IS NULL OR jsonb_typeof(${v}) = 'null')`,
      `CASE WHEN jsonb_typeof(${v}) = 'number' THEN (${v} #>> '{}')::numeric END ${dir} NULLS LAST`,
      `(CASE WHEN jsonb_typeof(${v}) = 'string' THEN ${v} #>> '{}' END) COLLATE "C" ${dir} NULLS LAST`,
      `CASE WHEN jsonb_typeof(${v}) = 'boolean' THEN (${v} #>> '{}')::boolean END ${dir} NULLS LAST`,
      'seq',
    ].join(', '),
  };
};
