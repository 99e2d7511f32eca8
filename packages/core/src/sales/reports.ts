import { localDateOf } from '../calendar/localDate.js';
import { rateOf, type Rate } from '../shared/rate.js';
import type { OpportunityDoc } from './projections/opportunity.js';
import { OPEN_STAGES, type OpenStage, type Stage } from './values.js';

const isOpen = (d: OpportunityDoc): boolean => d.stage !== 'won' && d.stage !== 'lost';
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Whole calendar days from date `a` to date `b` (`YYYY-MM-DD`). */
export const daysBetween = (a: string, b: string): number =>
  (Date.UTC(Number(b.slice(0, 4)), Number(b.slice(5, 7)) - 1, Number(b.slice(8, 10))) -
    Date.UTC(Number(a.slice(0, 4)), Number(a.slice(5, 7)) - 1, Number(a.slice(8, 10)))) /
  86_400_000;

/** ⌊amount × percent ÷ 100⌋ in integers (amounts are safe integers of fen). */
export const weightedAmount = (amount: number, percent: number): number => Math.floor((amount * percent) / 100);

export interface PipelineRow {
  readonly ownerId: string;
  readonly stage: OpenStage;
  readonly count: number;
  /** Σ amount (fen). */
  readonly amount: number;
  /** Σ ⌊amount × probability⌋ (fen). */
  readonly weighted: number;
}

/** Open opportunities by owner and stage (owners by id, stages in pipeline order; empty cells left out). */
export const pipelineOf = (docs: Iterable<OpportunityDoc>): PipelineRow[] => {
  const cells = new Map<string, { ownerId: string; stage: OpenStage; count: number; amount: number; weighted: number }>();
  for (const d of docs) {
    if (!isOpen(d)) continue;
    const key = `${d.ownerId}\u0000${d.stage}`;
    const c = cells.get(key) ?? { ownerId: d.ownerId, stage: d.stage as OpenStage, count: 0, amount: 0, weighted: 0 };
    c.count += 1;
    c.amount += d.amount;
    c.weighted += weightedAmount(d.amount, d.probability);
    cells.set(key, c);
  }
  return [...cells.values()].sort((a, b) => byString(a.ownerId, b.ownerId) || OPEN_STAGES.indexOf(a.stage) - OPEN_STAGES.indexOf(b.stage));
};

export interface ForecastRow {
  /** `YYYY-MM` of the expected close date. */
  readonly month: string;
  /** Σ ⌊amount × probability⌋ over the month's open and won opportunities (won at 100%; lost add 0). */
  readonly weighted: number;
  /** Σ amount of the month's open opportunities. */
  readonly bestCase: number;
  /** Σ amount of the month's won opportunities. */
  readonly won: number;
  readonly open: number;
}

/** The forecast per month of expected close, months in order. */
export const forecastOf = (docs: Iterable<OpportunityDoc>): ForecastRow[] => {
  const months = new Map<string, { month: string; weighted: number; bestCase: number; won: number; open: number }>();
  for (const d of docs) {
    if (d.stage === 'lost') continue;
    const month = d.expectedCloseDate.slice(0, 7);
    const m = months.get(month) ?? { month, weighted: 0, bestCase: 0, won: 0, open: 0 };
    m.weighted += weightedAmount(d.amount, d.probability);
    if (d.stage === 'won') m.won += d.amount;
    else {
      m.bestCase += d.amount;
      m.open += 1;
    }
    months.set(month, m);
  }
  return [...months.values()].sort((a, b) => byString(a.month, b.month));
};

/** won ÷ (won + lost): exact fraction and percentage half-up to 2 decimals; null when nothing closed. */
export const winRateOf = (docs: Iterable<OpportunityDoc>): Rate | null => {
  let won = 0;
  let lost = 0;
  for (const d of docs) {
    if (d.stage === 'won') won++;
    if (d.stage === 'lost') lost++;
  }
  return rateOf(won, won + lost);
};

export interface SalesCycle {
  readonly won: number;
  readonly totalDays: number;
  /** totalDays ÷ won as an exact fraction and rounded half-up to 2 decimals; null when none won. */
  readonly average: { readonly numerator: number; readonly denominator: number; readonly days: number } | null;
}

/** Days from open to won: the difference of their calendar dates in the policy time zone. */
export const salesCycleOf = (docs: Iterable<OpportunityDoc>, timeZone: string): SalesCycle => {
  let won = 0;
  let totalDays = 0;
  for (const d of docs) {
    if (d.stage !== 'won' || d.closedAt === null) continue;
    won++;
    totalDays += daysBetween(localDateOf(d.openedAt, timeZone), localDateOf(d.closedAt, timeZone));
  }
  if (won === 0) return { won, totalDays, average: null };
  // hundredths of a day rounded half-up, in integers: ⌊(total × 100 + won/2) ÷ won⌋
  const hundredths = Math.floor((totalDays * 200 + won) / (2 * won));
  return { won, totalDays, average: { numerator: totalDays, denominator: won, days: hundredths / 100 } };
};

export interface StageAgeingRow {
  readonly opportunityId: string;
  readonly ownerId: string;
  readonly stage: Stage;
  readonly since: string;
  /** Calendar days (policy zone) from entering the stage to `asOf`. */
  readonly days: number;
}

/** How long each open opportunity has been in its stage as of a date, oldest first (ties by id). */
export const stageAgeingOf = (docs: Iterable<OpportunityDoc>, asOf: string, timeZone: string): StageAgeingRow[] => {
  const today = localDateOf(asOf, timeZone);
  return [...docs]
    .filter((d) => isOpen(d) && d.stageSince <= asOf)
    .map((d) => ({ opportunityId: d.opportunityId, ownerId: d.ownerId, stage: d.stage, since: d.stageSince, days: daysBetween(localDateOf(d.stageSince, timeZone), today) }))
    .sort((a, b) => b.days - a.days || byString(a.opportunityId, b.opportunityId));
};
