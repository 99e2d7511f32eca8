import type { PaidLineFact, RatingFact } from './score.js';

/** Fixtures for the credit tests (not exported from the package). */

export const T = '2026-03-01T02:00:00.000Z'; // 10:00 on 1 March in Asia/Shanghai
const DAY = 24 * 60 * 60 * 1000;
export const at = (days: number, seconds = 0, from = T): string => new Date(Date.parse(from) + days * DAY + seconds * 1000).toISOString();

export const paid = (orderId: string, productId: string, paidAt: string, over: Partial<PaidLineFact> = {}): PaidLineFact => ({
  raterId: 'c-ann',
  ratedId: 's-shop',
  orderId,
  line: 1,
  productId,
  paidAt,
  ...over,
});

export const rated = (l: PaidLineFact, rating: RatingFact['rating'], received: string, placedAt = l.paidAt): RatingFact => ({
  ...l,
  rating,
  at: received,
  placedAt,
});
