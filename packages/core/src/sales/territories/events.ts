import * as t from 'io-ts';
import { IsoInstant, ShortText, tagged } from '../../kernel/codecs.js';
import { AgentId } from '../../shared/ids.js';
import { nullable } from '../../customers/values.js';
import { TerritoryId } from '../ids.js';
import { TerritoryCriteria, TerritoryItemKind, TerritorySubject } from './values.js';

/** Events of one territory (地域), stream `territory-<tenant>.<territoryId>`. */
export const TerritoryDefined = tagged('TerritoryDefined', { territoryId: TerritoryId, name: ShortText, criteria: TerritoryCriteria, at: IsoInstant });
export const TerritoryRedefined = tagged('TerritoryRedefined', { territoryId: TerritoryId, criteria: TerritoryCriteria, previousCriteria: TerritoryCriteria, at: IsoInstant });
/** The territory's reps, in round-robin order. */
export const TerritoryRepsAssigned = tagged('TerritoryRepsAssigned', { territoryId: TerritoryId, reps: t.array(AgentId), at: IsoInstant });
/**
 * A lead or opportunity given to a rep of this territory (the next in turn). A move from
 * another territory after a redefinition is this one event, naming where it came from.
 */
export const TerritoryItemAssigned = tagged('TerritoryItemAssigned', {
  territoryId: TerritoryId,
  kind: TerritoryItemKind,
  itemId: ShortText,
  subject: TerritorySubject,
  repId: AgentId,
  previousTerritoryId: nullable(TerritoryId),
  previousRepId: nullable(AgentId),
  at: IsoInstant,
});

export const TerritoryEvent = t.union([TerritoryDefined, TerritoryRedefined, TerritoryRepsAssigned, TerritoryItemAssigned]);
export type TerritoryEvent = t.TypeOf<typeof TerritoryEvent>;
