import { describe, expect, it } from 'vitest';
import { fieldOf, runQuery } from './readModelStore.js';

describe('runQuery and fieldOf', () => {
  const docs = [
    { id: 'a', tier: 'gold', points: 30, address: { city: 'Hangzhou' } },
    { id: 'b', tier: 'silver', points: 10, address: { city: 'Shanghai' } },
    { id: 'c', tier: 'gold', points: 20, address: { city: 'Hangzhou' } },
    { id: 'd', tier: 'gold', address: { city: 'Hangzhou' } },
  ];
  it('fieldOf follows dotted paths', () => {
    expect(fieldOf(docs[0], 'address.city')).toBe('Hangzhou');
    expect(fieldOf(docs[0], 'address.zip')).toBeUndefined();
    expect(fieldOf(docs[0], 'points.x')).toBeUndefined();
  });
  it('filters on equality, orders (missing values last) and limits', () => {
    expect(runQuery(docs, { where: { 'address.city': 'Hangzhou' }, orderBy: { field: 'points' } }).map((d) => d.id)).toEqual(['c', 'a', 'd']);
    expect(runQuery(docs, { where: { tier: 'gold' }, orderBy: { field: 'points', direction: 'desc' }, limit: 2 }).map((d) => d.id)).toEqual(['a', 'c']);
    expect(runQuery(docs).map((d) => d.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(runQuery(docs, { limit: 0 })).toEqual([]);
  });
});
