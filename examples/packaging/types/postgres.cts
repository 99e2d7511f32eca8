// CJS consumer of @rapport/postgres: resolves through the "require" condition (dist/*.d.cts).
import { eventRegistry, tagged, Fen, ShortText, type EventStore, type ReadModelStore } from '@rapport/core';
import { openEmbeddedRapport, type RapportStores } from '@rapport/postgres';

const registry = eventRegistry(tagged('PointsEarned', { customerId: ShortText, points: Fen }));
// the postgres stores fit the ports core declares
export const open = async (): Promise<{ eventStore: EventStore; readModels: ReadModelStore }> => {
  const stores: RapportStores = await openEmbeddedRapport({ registry, dataDir: 'memory://' });
  return { eventStore: stores.eventStore, readModels: stores.readModels };
};

// @ts-expect-error the types are real: a registry is required
void openEmbeddedRapport({ dataDir: 'memory://' });
