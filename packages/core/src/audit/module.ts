import { typesOf } from '../kernel/codecs.js';
import type { CrmModule } from '../crm/module.js';
import { customerStreamsProjection } from './customerStreams.js';

/** Every event type the modules register. */
export const eventTypesOf = (modules: readonly CrmModule[]): string[] => {
  const types = new Set<string>();
  for (const m of modules) for (const codec of m.events) for (const t of typesOf(codec) ?? []) types.add(t);
  return [...types];
};

/**
 * The audit module: the `audit.customerStreams` index over every event the other modules
 * register (assemble it after them). It decides nothing and reacts to nothing.
 */
export const auditModuleFor = (modules: readonly CrmModule[]): CrmModule => ({
  name: 'audit',
  events: [],
  deciders: [],
  projections: [customerStreamsProjection(eventTypesOf(modules))],
});
