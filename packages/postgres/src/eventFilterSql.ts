import type { EventFilter } from '@rapport/core';

/**
 * SQL conditions for an {@link EventFilter}, appended to `params` as it goes. Each
 * criterion has an index led by it and ending in global_position.
 */
export const filterConditions = (filter: EventFilter | undefined, params: unknown[]): string[] => {
  const where: string[] = [];
  if (!filter) return where;
  if (filter.tenantId !== undefined) {
    params.push(filter.tenantId);
    where.push(`tenant_id = $${params.length}`);
  }
  if (filter.categories !== undefined) {
    params.push([...filter.categories]);
    where.push(`category = ANY($${params.length}::text[])`);
  }
  if (filter.eventTypes !== undefined) {
    params.push([...filter.eventTypes]);
    where.push(`type = ANY($${params.length}::text[])`);
  }
  return where;
};
