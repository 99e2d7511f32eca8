import { streamName } from '../kernel/streams.js';

/** `lead-<tenant>.<leadId>`: one lead's life. */
export const LEAD_CATEGORY = 'lead';
export const leadStream = (tenantId: string, leadId: string): string => streamName(LEAD_CATEGORY, tenantId, leadId);
