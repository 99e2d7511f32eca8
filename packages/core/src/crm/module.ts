import type * as t from 'io-ts';
import type { Command } from '../kernel/command.js';
import type { CommandHandlerDefinition } from '../kernel/commandHandler.js';
import type { Projection } from '../kernel/projection.js';
import type { Reactor } from '../kernel/reactor.js';
import type { ReadModelStore } from '../kernel/readModelStore.js';
import type { IsoInstant } from '../kernel/codecs.js';

/** What a module's due-work finder reads: one shop's documents, caught up to now. */
export interface DueContext {
  readonly tenantId: string;
  readonly readModels: ReadModelStore;
}

/**
 * One bounded context as `createCrm` assembles it: the events it stores, the deciders
 * that take its commands, its projections and reactors, and the work that falls due.
 */
export interface CrmModule {
  readonly name: string;
  /** Unions of tagged event codecs, registered with the store's registry. */
  readonly events: readonly t.Mixed[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly deciders: readonly CommandHandlerDefinition<any, any, any, any>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly projections: readonly Projection<any, any>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly reactors?: readonly Reactor<any>[];
  /**
   * Commands whose time has come at `now` (auto-completion, SLA breaches, expiry...).
   * Their commandIds must be derived from what is due and `now`'s slot, so running it
   * twice issues nothing new.
   */
  readonly due?: (now: IsoInstant, context: DueContext) => Promise<readonly Command[]>;
}
