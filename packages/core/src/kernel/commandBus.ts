import * as E from 'fp-ts/lib/Either.js';
import { typesOf } from './codecs.js';
import type { Command, Handled } from './command.js';
import {
  createCommandHandler,
  type CommandHandler,
  type CommandHandlerDefinition,
  type CommandHandlerOptions,
} from './commandHandler.js';
import type { DomainEvent } from './envelope.js';
import { InvalidArgument, validationError, type CrmError } from './errors.js';

/** Routes each command, by its type, to the handler of the decider that takes it. */
export interface CommandBus {
  handle(command: Command): Promise<E.Either<CrmError, Handled>>;
  /** Every command type the bus knows. */
  readonly commandTypes: readonly string[];
  invalidate(stream?: string): void;
}

export const createCommandBus = (
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  definitions: readonly CommandHandlerDefinition<any, any, any, any>[],
  options: CommandHandlerOptions,
): CommandBus => {
  const routes = new Map<string, CommandHandler<DomainEvent, DomainEvent>>();
  const handlers: CommandHandler<DomainEvent, DomainEvent>[] = [];
  for (const d of definitions) {
    const types = typesOf(d.commands);
    if (!types) throw new InvalidArgument(`${d.name}: commands must be a union of tagged({ type, data }) codecs`);
    const h = createCommandHandler(d, options) as unknown as CommandHandler<DomainEvent, DomainEvent>;
    handlers.push(h);
    for (const t of types) {
      if (routes.has(t)) throw new InvalidArgument(`command type ${t} is taken by two deciders`);
      routes.set(t, h);
    }
  }
  const commandTypes = [...routes.keys()].sort();
  return {
    commandTypes,
    async handle(command) {
      const type = (command as { type?: unknown } | null | undefined)?.type;
      const h = typeof type === 'string' ? routes.get(type) : undefined;
      if (!h)
        return E.left(
          validationError([{ path: ['type'], message: `unknown command type ${JSON.stringify(type)}; known: ${commandTypes.join(', ')}` }], 'command'),
        );
      return h.handle(command as never);
    },
    invalidate(stream) {
      for (const h of handlers) h.invalidate(stream);
    },
  };
};
