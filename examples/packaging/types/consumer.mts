// ESM consumer: resolves @rapport/* through the "import" condition (dist/*.d.ts).
import { eventRegistry, fixedClock, isRapportError, streamName, tagged, Fen, ShortText, type EventStore, type StoredEvent } from '@rapport/core';
import type { EventStoreConformanceOptions } from '@rapport/core/testing';
import { MemoryEventStore, MemoryReadModelStore } from '@rapport/memory';

const Earned = tagged('PointsEarned', { customerId: ShortText, points: Fen });
const registry = eventRegistry(Earned);
// the memory store's declarations must name the same EventStore type core declares
const store: EventStore = new MemoryEventStore({ registry, clock: fixedClock('2026-05-01T08:00:00.000Z') });
const readModels = new MemoryReadModelStore();

export const firstEvent = async (): Promise<StoredEvent | undefined> => {
  for await (const e of store.readStream(streamName('points', 'shop-1', 'ann'))) return e;
  return undefined;
};
export const isConflict = (e: unknown): boolean => isRapportError(e, 'RAPPORT_WRONG_EXPECTED_VERSION');
export const balance = (): Promise<number | undefined> => readModels.get<number>('loyalty.balance', 'shop-1', 'ann');
export type Options = EventStoreConformanceOptions;

// @ts-expect-error the types are real: expectedVersion must be a version, not a number
void store.appendToStream('points-shop-1.ann', [], { expectedVersion: 3 });
