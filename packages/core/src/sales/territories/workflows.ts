import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { Command, CommandMetadataInput, Handled } from '../../kernel/command.js';
import { IsoInstant, ShortText, validate } from '../../kernel/codecs.js';
import { fold } from '../../kernel/decider.js';
import { domainError, type CrmError } from '../../kernel/errors.js';
import type { EventStore } from '../../kernel/eventStore.js';
import { deriveId } from '../../kernel/ids.js';
import { leadDecider } from '../../leads/decider.js';
import type { LeadEvent } from '../../leads/events.js';
import { leadStream } from '../../leads/streams.js';
import { opportunityDeciderFor } from '../decider.js';
import type { OpportunityEvent } from '../events.js';
import { TerritoryId } from '../ids.js';
import { defaultSalesPolicy } from '../policy.js';
import { opportunityStream } from '../streams.js';
import type { TerritoryEvent } from './events.js';
import { matchTerritory } from './match.js';
import { readTerritoryMap } from './streams.js';
import { TerritoryCriteria, TerritoryItemKind, TerritorySubject } from './values.js';

export interface TerritoryDeps {
  readonly handle: (command: Command) => Promise<E.Either<CrmError, Handled>>;
  readonly eventStore: EventStore;
}
interface Input {
  readonly data: unknown;
  readonly metadata: CommandMetadataInput;
}

/** Whether a lead (captured or qualified) or an opportunity (in an open stage) is still open, from its own stream. */
const isOpen = async (eventStore: EventStore, tenantId: string, kind: TerritoryItemKind, itemId: string): Promise<boolean> => {
  if (kind === 'lead') {
    const events: LeadEvent[] = [];
    for await (const e of eventStore.readStream<LeadEvent>(leadStream(tenantId, itemId))) events.push({ type: e.type, data: e.data } as LeadEvent);
    const s = fold(leadDecider, leadDecider.initialState(), events);
    return s.status === 'captured' || s.status === 'qualified';
  }
  // only evolve is used: the probabilities do not matter here
  const d = opportunityDeciderFor(defaultSalesPolicy.stageProbabilities);
  const events: OpportunityEvent[] = [];
  for await (const e of eventStore.readStream<OpportunityEvent>(opportunityStream(tenantId, itemId))) events.push({ type: e.type, data: e.data } as OpportunityEvent);
  const s = fold(d, d.initialState(), events);
  return s.status !== 'none' && s.status !== 'won' && s.status !== 'lost';
};

/** Give the item to its new rep on its own stream: AssignLead, or ReassignOpportunity with the territory. */
const ownerCommand = (kind: TerritoryItemKind, itemId: string, repId: string, territoryId: string, at: string, metadata: CommandMetadataInput): Command =>
  kind === 'lead'
    ? { type: 'AssignLead', data: { leadId: itemId, agentId: repId }, metadata }
    : { type: 'ReassignOpportunity', data: { opportunityId: itemId, ownerId: repId, territoryId, at }, metadata };

const repOf = (h: Handled): string => (h.events[0] as TerritoryEvent & { type: 'TerritoryItemAssigned' }).data.repId;

export const TerritoryAssignment = t.type({ kind: TerritoryItemKind, itemId: ShortText, subject: TerritorySubject, at: IsoInstant }, 'TerritoryAssignment');

/**
 * Auto-assign a new lead or opportunity: find the most specific territory for its subject,
 * give it to the rep after the last one assigned there (an event on the territory's
 * stream) and record the new holder on the item's own stream. Refused, with nothing
 * written, when the item is not open (`['data', 'itemId']`) or no territory matches
 * (`['data', 'subject']`). CommandIds derive from the input's, so a retry repeats nothing.
 */
export const assignToTerritory = async (deps: TerritoryDeps, input: Input): Promise<E.Either<CrmError, { readonly territoryId: string; readonly repId: string }>> => {
  const v = validate(TerritoryAssignment, input.data, 'TerritoryAssignment', ['data']);
  if (E.isLeft(v)) return v;
  const { kind, itemId, subject, at } = v.right;
  const tenantId = input.metadata.tenantId;
  if (!(await isOpen(deps.eventStore, tenantId, kind, itemId))) return E.left(domainError('TERRITORY_ITEM_NOT_OPEN', `${kind} ${itemId} is not open`, ['data', 'itemId']));
  const map = await readTerritoryMap(deps.eventStore, tenantId);
  const territoryId = matchTerritory(map.territories.values(), subject);
  if (territoryId === undefined) return E.left(domainError('TERRITORY_NO_MATCH', 'no territory covers this subject', ['data', 'subject']));
  const previous = map.items.get(`${kind}:${itemId}`);
  const assigned = await deps.handle({
    type: 'AssignTerritoryItem',
    data: { territoryId, kind, itemId, subject, previousTerritoryId: previous?.territoryId ?? null, previousRepId: previous?.repId ?? null, at },
    metadata: { ...input.metadata, commandId: deriveId('territories.assign', input.metadata.commandId) },
  });
  if (E.isLeft(assigned)) return assigned;
  const repId = repOf(assigned.right);
  const owner = await deps.handle(ownerCommand(kind, itemId, repId, territoryId, at, { ...input.metadata, commandId: deriveId('territories.owner', input.metadata.commandId) }));
  if (E.isLeft(owner)) return owner;
  return E.right({ territoryId, repId });
};

export const TerritoryRedefinition = t.type({ territoryId: TerritoryId, criteria: TerritoryCriteria, at: IsoInstant }, 'TerritoryRedefinition');

/** One item moved by a redefinition. */
export interface TerritoryMove {
  readonly kind: TerritoryItemKind;
  readonly itemId: string;
  readonly from: string;
  readonly to: string;
  readonly repId: string;
}

/**
 * Redefine a territory and move every open item whose subject now matches another
 * territory best (in and out of the redefined one): one `TerritoryItemAssigned` per move
 * on the receiving territory's stream, naming where the item came from, plus the new
 * holder on the item's own stream. Items that match no territory any more stay where they
 * are. Moves go in item order (kind, then id), so the round-robin is deterministic.
 */
export const redefineTerritory = async (deps: TerritoryDeps, input: Input): Promise<E.Either<CrmError, readonly TerritoryMove[]>> => {
  const v = validate(TerritoryRedefinition, input.data, 'TerritoryRedefinition', ['data']);
  if (E.isLeft(v)) return v;
  const { territoryId, criteria, at } = v.right;
  const redefined = await deps.handle({ type: 'RedefineTerritory', data: { territoryId, criteria, at }, metadata: input.metadata });
  if (E.isLeft(redefined)) return redefined;
  const tenantId = input.metadata.tenantId;
  const map = await readTerritoryMap(deps.eventStore, tenantId);
  const moves: TerritoryMove[] = [];
  const items = [...map.items.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [, item] of items) {
    const to = matchTerritory(map.territories.values(), item.subject);
    if (to === undefined || to === item.territoryId) continue;
    if (!(await isOpen(deps.eventStore, tenantId, item.kind, item.itemId))) continue;
    const ids = [input.metadata.commandId, item.kind, item.itemId];
    const moved = await deps.handle({
      type: 'AssignTerritoryItem',
      data: { territoryId: to, kind: item.kind, itemId: item.itemId, subject: item.subject, previousTerritoryId: item.territoryId, previousRepId: item.repId, at },
      metadata: { ...input.metadata, commandId: deriveId('territories.move', ...ids) },
    });
    if (E.isLeft(moved)) return moved;
    const repId = repOf(moved.right);
    const owner = await deps.handle(ownerCommand(item.kind, item.itemId, repId, to, at, { ...input.metadata, commandId: deriveId('territories.moveOwner', ...ids) }));
    if (E.isLeft(owner)) return owner;
    moves.push({ kind: item.kind, itemId: item.itemId, from: item.territoryId, to, repId });
  }
  return E.right(moves);
};
