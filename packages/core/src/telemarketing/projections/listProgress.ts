import type { StoredEvent } from '../../kernel/envelope.js';
import type { Projection } from '../../kernel/projection.js';
import { TelemarketingEvent } from '../events.js';
import { CALL_OUTCOMES, type CallOutcome } from '../values.js';

/** One customer's line on a list: their agent, how often they were called, the last outcome. */
export interface CallListLine {
  readonly agentId: string;
  readonly calls: number;
  readonly lastOutcome: CallOutcome | null;
  readonly lastCallAt: string | null;
}

/** A call list's progress (`telemarketing.listProgress`, keyed by listId). */
export interface CallListProgressDoc {
  readonly tenantId: string;
  readonly listId: string;
  readonly name: string;
  readonly agents: readonly string[];
  readonly builtAt: string;
  /** Customers on the list (those with phone consent at build time). */
  readonly size: number;
  /** Candidates left off for want of phone consent. */
  readonly excluded: number;
  /** Customers called at least once. */
  readonly called: number;
  /** Customers not called yet: size − called. */
  readonly remaining: number;
  /** Every call made. */
  readonly calls: number;
  /** Calls by outcome (every outcome present, 0 when none). */
  readonly outcomes: Readonly<Record<CallOutcome, number>>;
  readonly lines: Readonly<Record<string, CallListLine>>;
}

const noOutcomes = (): Record<CallOutcome, number> => Object.fromEntries(CALL_OUTCOMES.map((o) => [o, 0])) as Record<CallOutcome, number>;

const EMPTY: CallListProgressDoc = {
  tenantId: '',
  listId: '',
  name: '',
  agents: [],
  builtAt: '',
  size: 0,
  excluded: 0,
  called: 0,
  remaining: 0,
  calls: 0,
  outcomes: noOutcomes(),
  lines: {},
};

const apply = (d: CallListProgressDoc, e: StoredEvent<TelemarketingEvent>): CallListProgressDoc => {
  switch (e.type) {
    case 'CallListBuilt': {
      const { listId, name, agents, excluded, at } = e.data;
      return { ...EMPTY, outcomes: noOutcomes(), tenantId: e.metadata.tenantId, listId, name, agents, builtAt: at, excluded: excluded.length };
    }
    case 'CallListEntryAdded': {
      if (d.lines[e.data.customerId]) return d;
      const lines = { ...d.lines, [e.data.customerId]: { agentId: e.data.agentId, calls: 0, lastOutcome: null, lastCallAt: null } };
      return { ...d, size: d.size + 1, remaining: d.remaining + 1, lines };
    }
    case 'CallRecorded': {
      const line = d.lines[e.data.customerId];
      if (!line) return d;
      const first = line.calls === 0;
      // the last outcome is the latest call's by time (a tie: the one recorded later)
      const later = line.lastCallAt === null || e.data.at >= line.lastCallAt;
      const next: CallListLine = later ? { ...line, calls: line.calls + 1, lastOutcome: e.data.outcome, lastCallAt: e.data.at } : { ...line, calls: line.calls + 1 };
      const called = d.called + (first ? 1 : 0);
      return {
        ...d,
        called,
        remaining: d.size - called,
        calls: d.calls + 1,
        outcomes: { ...d.outcomes, [e.data.outcome]: d.outcomes[e.data.outcome] + 1 },
        lines: { ...d.lines, [e.data.customerId]: next },
      };
    }
  }
};

/** Per call list: size, called, remaining, calls by outcome, and each customer's line. */
export const callListProgress: Projection<CallListProgressDoc, TelemarketingEvent> = {
  name: 'telemarketing.listProgress',
  version: 1,
  events: TelemarketingEvent,
  init: () => EMPTY,
  keyOf: (e) => e.data.listId,
  apply,
};
