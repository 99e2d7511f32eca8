import type { StoredEvent } from '../../kernel/envelope.js';
import type { Projection } from '../../kernel/projection.js';
import { TerritoryEvent } from './events.js';
import type { TerritoryCriteria, TerritoryItemKind } from './values.js';

/** A territory's book (`sales.territoryBook`, keyed by territoryId): its criteria, reps and the items it holds. */
export interface TerritoryBookDoc {
  readonly territoryId: string;
  readonly name: string;
  readonly criteria: TerritoryCriteria;
  readonly reps: readonly string[];
  readonly lastRepId: string | null;
  /** Items held now, by `<kind>:<itemId>` (an item moved away leaves the book). */
  readonly items: Readonly<Record<string, { readonly kind: TerritoryItemKind; readonly itemId: string; readonly repId: string }>>;
}

const EMPTY: TerritoryBookDoc = { territoryId: '', name: '', criteria: {}, reps: [], lastRepId: null, items: {} };

const apply = (d: TerritoryBookDoc, e: StoredEvent<TerritoryEvent>): TerritoryBookDoc => {
  switch (e.type) {
    case 'TerritoryDefined':
      return { ...EMPTY, territoryId: e.data.territoryId, name: e.data.name, criteria: e.data.criteria };
    case 'TerritoryRedefined':
      return { ...d, criteria: e.data.criteria };
    case 'TerritoryRepsAssigned':
      return { ...d, reps: e.data.reps };
    case 'TerritoryItemAssigned': {
      const key = `${e.data.kind}:${e.data.itemId}`;
      if (d.territoryId === e.data.territoryId)
        return { ...d, lastRepId: e.data.repId, items: { ...d.items, [key]: { kind: e.data.kind, itemId: e.data.itemId, repId: e.data.repId } } };
      const { [key]: _, ...rest } = d.items; // the territory it moved from
      return { ...d, items: rest };
    }
  }
};

export const territoryBook: Projection<TerritoryBookDoc, TerritoryEvent> = {
  name: 'sales.territoryBook',
  version: 1,
  events: TerritoryEvent,
  init: () => EMPTY,
  keyOf: (e) =>
    e.type === 'TerritoryItemAssigned' && e.data.previousTerritoryId !== null && e.data.previousTerritoryId !== e.data.territoryId
      ? [e.data.territoryId, e.data.previousTerritoryId]
      : e.data.territoryId,
  apply,
};
