import type { EventStore } from '../kernel/eventStore.js';
import type { PartnerAccessEvent } from './events.js';
import { partnerAccessStream } from './streams.js';

/** One read through a partner's access, as its access log holds it. */
export interface PartnerAccessEntry {
  readonly read: string;
  readonly id: string | null;
  readonly outcome: 'granted' | 'denied';
  readonly returned: readonly string[];
  readonly at: string;
  /** The log's event, for the audit trail. */
  readonly eventId: string;
}

/** A partner's access log, oldest first, read from its stream (empty when it never read anything). */
export const readPartnerAccessLog = async (eventStore: EventStore, tenantId: string, partnerId: string): Promise<PartnerAccessEntry[]> => {
  const out: PartnerAccessEntry[] = [];
  for await (const e of eventStore.readStream<PartnerAccessEvent>(partnerAccessStream(tenantId, partnerId)))
    out.push({ read: e.data.read, id: e.data.id, outcome: e.data.outcome, returned: e.data.returned, at: e.data.at, eventId: e.metadata.eventId });
  return out;
};
