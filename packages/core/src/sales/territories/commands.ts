import * as t from 'io-ts';
import { IsoInstant, ShortText, tagged } from '../../kernel/codecs.js';
import { AgentId } from '../../shared/ids.js';
import { nullable } from '../../customers/values.js';
import { TerritoryId } from '../ids.js';
import { TerritoryDefined } from './events.js';
import { TerritoryCriteria, TerritoryItemKind, TerritorySubject } from './values.js';

export const DefineTerritory = tagged('DefineTerritory', TerritoryDefined.props.data.props);
/** Change what the territory covers; move open items with {@link redefineTerritory}. */
export const RedefineTerritory = tagged('RedefineTerritory', { territoryId: TerritoryId, criteria: TerritoryCriteria, at: IsoInstant });
export const AssignTerritoryReps = tagged('AssignTerritoryReps', { territoryId: TerritoryId, reps: t.array(AgentId), at: IsoInstant });
/** Give an item to the rep after the last one assigned here (sent by the territory workflows). */
export const AssignTerritoryItem = tagged('AssignTerritoryItem', {
  territoryId: TerritoryId,
  kind: TerritoryItemKind,
  itemId: ShortText,
  subject: TerritorySubject,
  previousTerritoryId: nullable(TerritoryId),
  previousRepId: nullable(AgentId),
  at: IsoInstant,
});

export const TerritoryCommand = t.union([DefineTerritory, RedefineTerritory, AssignTerritoryReps, AssignTerritoryItem]);
export type TerritoryCommand = t.TypeOf<typeof TerritoryCommand>;
