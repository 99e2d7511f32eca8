import type { Actor } from '../kernel/envelope.js';
import type { CommandMetadataInput } from '../kernel/command.js';
import type { IdGenerator } from '../kernel/ids.js';

/**
 * Who sends a command for which shop. `commandId` makes a retry safe: send the same one
 * again and nothing is appended twice. Left out, a fresh id is drawn (no retry safety).
 */
export interface CommandContext {
  readonly tenantId: string;
  readonly actor: { readonly kind: Actor['kind']; readonly id: string };
  readonly commandId?: string;
  /** Business time of the fact; the CRM's clock when left out. */
  readonly occurredAt?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
}

export const metadataOf = (ctx: CommandContext, ids: IdGenerator): CommandMetadataInput => ({
  ...ctx,
  commandId: ctx.commandId ?? ids.next(),
});
