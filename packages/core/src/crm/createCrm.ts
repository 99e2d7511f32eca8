import * as E from 'fp-ts/lib/Either.js';
import { validate } from '../kernel/codecs.js';
import { IsoInstant } from '../kernel/codecs.js';
import type { Command, Handled } from '../kernel/command.js';
import { createCommandBus, type CommandBus } from '../kernel/commandBus.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import type { CrmError } from '../kernel/errors.js';
import type { EventStore } from '../kernel/eventStore.js';
import { uuidIds, type IdGenerator } from '../kernel/ids.js';
import { ProjectionRunner } from '../kernel/projectionRunner.js';
import { ReactorRunner } from '../kernel/reactorRunner.js';
import type { ReadModelStore } from '../kernel/readModelStore.js';
import type { EventRegistry } from '../kernel/registry.js';
import type { CrmModule } from './module.js';

export interface CrmKernelOptions {
  readonly eventStore: EventStore;
  readonly readModels: ReadModelStore;
  /** The registry the event store was created with; every module's events are registered in it. */
  readonly registry: EventRegistry;
  readonly modules: readonly CrmModule[];
  /** Default: the host's wall clock. */
  readonly clock?: Clock;
  /** Default: random v4 uuids. */
  readonly ids?: IdGenerator;
  /** Attempts after a version conflict (default 10). */
  readonly maxRetries?: number;
}

/** The result of one `runDue` call. */
export interface DueReport {
  readonly issued: number;
  readonly repeated: number;
  readonly refused: readonly { readonly command: Command; readonly error: CrmError }[];
}

/** The assembled kernel behind `createCrm`: command bus, projections, reactors and due work. */
export interface CrmKernel {
  /** Handle one command: `Right` with what was appended, or `Left` with why nothing was. */
  handle(command: Command): Promise<E.Either<CrmError, Handled>>;
  readonly projections: ProjectionRunner;
  readonly reactors: ReactorRunner;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly bus: CommandBus;
  /**
   * Bring projections and reactors up to date: apply every recorded event, run the
   * reactions it causes, repeat until nothing new happens.
   */
  settle(): Promise<void>;
  /** Issue every command whose time has come at `now` for one shop (idempotent for the same `now`). */
  runDue(now: string, tenantId: string): Promise<E.Either<CrmError, DueReport>>;
}

/** Assemble modules into a working kernel on the given stores. */
export const createCrmKernel = (options: CrmKernelOptions): CrmKernel => {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? uuidIds;
  for (const m of options.modules) for (const u of m.events) options.registry.include(u);
  const bus = createCommandBus(
    options.modules.flatMap((m) => m.deciders),
    { eventStore: options.eventStore, registry: options.registry, clock, ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}) },
  );
  const projections = new ProjectionRunner({
    eventStore: options.eventStore,
    readModels: options.readModels,
    projections: options.modules.flatMap((m) => m.projections),
  });
  const reactors = new ReactorRunner({
    eventStore: options.eventStore,
    checkpoints: options.readModels,
    reactors: options.modules.flatMap((m) => m.reactors ?? []),
    dispatch: (c) => bus.handle(c),
  });

  // reactions can cause further reactions: go round until a pass appends nothing new
  const settle = async (): Promise<void> => {
    do await projections.catchUp();
    while ((await reactors.catchUp()) > 0);
    await projections.catchUp();
  };

  const runDue = async (now: string, tenantId: string): Promise<E.Either<CrmError, DueReport>> => {
    const at = validate(IsoInstant, now, 'runDue', ['now']);
    if (E.isLeft(at)) return at;
    await settle();
    let issued = 0;
    let repeated = 0;
    const refused: { command: Command; error: CrmError }[] = [];
    for (const m of options.modules) {
      if (!m.due) continue;
      for (const command of await m.due(at.right, { tenantId, readModels: options.readModels })) {
        const r = await bus.handle(command);
        if (E.isLeft(r)) refused.push({ command, error: r.left });
        else if (r.right.duplicate) repeated++;
        else issued++;
      }
    }
    await settle();
    return E.right({ issued, repeated, refused });
  };

  return { handle: (c) => bus.handle(c), projections, reactors, clock, ids, bus, settle, runDue };
};
