import type * as t from 'io-ts';
import type { CommandHandlerDefinition } from '../../kernel/commandHandler.js';
import type { EventStore } from '../../kernel/eventStore.js';
import { streamName } from '../../kernel/streams.js';
import { TerritoryCommand } from './commands.js';
import { territoryDecider, type Territory } from './decider.js';
import type { TerritoryEvent } from './events.js';
import type { TerritoryCriteria, TerritoryItemKind, TerritorySubject } from './values.js';

/** `territory-<tenant>.<territoryId>`: a territory's definition, reps and every item handed out. */
export const TERRITORY_CATEGORY = 'territory';
export const territoryStream = (tenantId: string, territoryId: string): string => streamName(TERRITORY_CATEGORY, tenantId, territoryId);

export const territoryHandler: CommandHandlerDefinition<Territory, TerritoryCommand, TerritoryEvent, t.OutputOf<typeof TerritoryCommand>> = {
  name: 'sales.territory',
  commands: TerritoryCommand,
  decider: territoryDecider,
  streamOf: (c, tenantId) => territoryStream(tenantId, c.data.territoryId),
};

/** Where an item stands: the territory and rep that hold it. */
export interface TerritoryItem {
  readonly kind: TerritoryItemKind;
  readonly itemId: string;
  readonly territoryId: string;
  readonly repId: string;
  readonly subject: TerritorySubject;
}

/** Every territory of a shop and where each item stands, folded from the territory streams in global order. */
export interface TerritoryMap {
  readonly territories: ReadonlyMap<string, { readonly territoryId: string; readonly criteria: TerritoryCriteria }>;
  readonly items: ReadonlyMap<string, TerritoryItem>;
}

export const itemKey = (kind: string, itemId: string): string => `${kind}:${itemId}`;

/** Read the shop's territory map straight from the store (not a projection), so it is never behind. */
export const readTerritoryMap = async (eventStore: EventStore, tenantId: string): Promise<TerritoryMap> => {
  const territories = new Map<string, { territoryId: string; criteria: TerritoryCriteria }>();
  const items = new Map<string, TerritoryItem>();
  for await (const e of eventStore.readAll<TerritoryEvent>({ filter: { categories: [TERRITORY_CATEGORY], tenantId } })) {
    switch (e.type) {
      case 'TerritoryDefined':
      case 'TerritoryRedefined':
        territories.set(e.data.territoryId, { territoryId: e.data.territoryId, criteria: e.data.criteria });
        break;
      case 'TerritoryItemAssigned': {
        const { kind, itemId, territoryId, repId, subject } = e.data;
        items.set(itemKey(kind, itemId), { kind, itemId, territoryId, repId, subject });
        break;
      }
      default:
        break;
    }
  }
  return { territories, items };
};
