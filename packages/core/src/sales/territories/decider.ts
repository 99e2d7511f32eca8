import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import type { Decider } from '../../kernel/decider.js';
import { domainError, type DomainError, type FieldPath } from '../../kernel/errors.js';
import type { AgentId } from '../../shared/ids.js';
import type { TerritoryCommand } from './commands.js';
import type { TerritoryEvent } from './events.js';
import { hasCriteria, type TerritoryCriteria } from './values.js';

export const TERRITORY_ERROR_CODES = ['TERRITORY_EXISTS', 'TERRITORY_NOT_FOUND', 'TERRITORY_NO_CRITERIA', 'TERRITORY_NO_REPS', 'TERRITORY_DUPLICATE_REP'] as const;
export type TerritoryErrorCode = (typeof TERRITORY_ERROR_CODES)[number];

export type Territory =
  | { readonly status: 'none' }
  | { readonly status: 'defined'; readonly criteria: TerritoryCriteria; readonly reps: readonly AgentId[]; readonly lastRepId: AgentId | null };

type Decision = E.Either<DomainError<TerritoryErrorCode>, readonly TerritoryEvent[]>;
const no = (code: TerritoryErrorCode, message: string, path: FieldPath): Decision => E.left(domainError(code, message, path));

/** The rep after `last` in `reps` (the first when `last` is none or no longer a rep). */
export const nextRep = <A extends string>(reps: readonly A[], last: string | null): A | undefined => {
  const i = last === null ? -1 : reps.indexOf(last as A);
  return reps[(i + 1) % reps.length];
};

const decide = (c: TerritoryCommand, s: Territory): Decision => {
  const { territoryId } = c.data;
  if (c.type === 'DefineTerritory') {
    if (s.status !== 'none') return no('TERRITORY_EXISTS', `territory ${territoryId} is already defined`, ['data', 'territoryId']);
    if (!hasCriteria(c.data.criteria)) return no('TERRITORY_NO_CRITERIA', 'give at least one province, city, postcode prefix or industry', ['data', 'criteria']);
    return E.right([{ type: 'TerritoryDefined', data: c.data }]);
  }
  if (s.status === 'none') return no('TERRITORY_NOT_FOUND', `territory ${territoryId} was never defined`, ['data', 'territoryId']);
  switch (c.type) {
    case 'RedefineTerritory':
      if (!hasCriteria(c.data.criteria)) return no('TERRITORY_NO_CRITERIA', 'give at least one province, city, postcode prefix or industry', ['data', 'criteria']);
      return E.right([{ type: 'TerritoryRedefined', data: { ...c.data, previousCriteria: s.criteria } }]);
    case 'AssignTerritoryReps': {
      const twice = c.data.reps.findIndex((r, i) => c.data.reps.indexOf(r) !== i);
      if (twice >= 0) return no('TERRITORY_DUPLICATE_REP', `${c.data.reps[twice]} is listed twice`, ['data', 'reps', twice]);
      return E.right([{ type: 'TerritoryRepsAssigned', data: c.data }]);
    }
    case 'AssignTerritoryItem': {
      const repId = nextRep(s.reps, s.lastRepId);
      if (repId === undefined) return no('TERRITORY_NO_REPS', `territory ${territoryId} has no reps`, ['data', 'territoryId']);
      return E.right([{ type: 'TerritoryItemAssigned', data: { ...c.data, repId } }]);
    }
    default:
      return absurd(c);
  }
};

const evolve = (s: Territory, e: TerritoryEvent): Territory => {
  if (e.type === 'TerritoryDefined') return { status: 'defined', criteria: e.data.criteria, reps: [], lastRepId: null };
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'TerritoryRedefined':
      return { ...s, criteria: e.data.criteria };
    case 'TerritoryRepsAssigned':
      return { ...s, reps: e.data.reps };
    case 'TerritoryItemAssigned':
      return { ...s, lastRepId: e.data.repId };
    default:
      return absurd(e);
  }
};

/** One territory: its criteria, its reps in turn, and who got the last item. */
export const territoryDecider: Decider<Territory, TerritoryCommand, TerritoryEvent, DomainError<TerritoryErrorCode>> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};
