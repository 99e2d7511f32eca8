import * as t from 'io-ts';

/** 心 / 钻 / 冠 / 金冠, or none below the first heart. */
export type LevelKind = 'none' | 'heart' | 'diamond' | 'crown' | 'goldenCrown';

/** A credit level: a kind and a rank 1–5 within it (`{ kind: 'none', rank: 0 }` below the table). */
export interface CreditLevel {
  readonly kind: LevelKind;
  readonly rank: number;
}

/** One step of the level table: from this score on, this level. */
export const LevelStep = t.type(
  {
    kind: t.keyof({ heart: null, diamond: null, crown: null, goldenCrown: null }, 'LevelKind'),
    rank: t.union([t.literal(1), t.literal(2), t.literal(3), t.literal(4), t.literal(5)], 'LevelRank'),
    from: t.number,
  },
  'LevelStep',
);
export type LevelStep = t.TypeOf<typeof LevelStep>;

export interface AscendingBrand {
  readonly AscendingLevels: unique symbol;
}
/** The level table: non-empty, `from` safe integers strictly ascending. */
export const LevelTable = t.brand(
  t.array(LevelStep),
  (steps): steps is t.Branded<LevelStep[], AscendingBrand> =>
    steps.length > 0 && steps.every((s, i) => Number.isSafeInteger(s.from) && (i === 0 || s.from > steps[i - 1]!.from)),
  'AscendingLevels',
);
export type LevelTable = t.TypeOf<typeof LevelTable>;

const kinds = ['heart', 'diamond', 'crown', 'goldenCrown'] as const;
const starts = [
  [4, 11, 41, 91, 151],
  [251, 501, 1001, 2001, 5001],
  [10001, 20001, 50001, 100001, 200001],
  [500001, 1000001, 2000001, 5000001, 10000001],
];

/** Taobao's table: hearts from 4, diamonds from 251, crowns from 10001, golden crowns from 500001. */
export const defaultLevelTable = kinds.flatMap((kind, k) =>
  starts[k]!.map((from, r) => ({ kind, rank: (r + 1) as LevelStep['rank'], from })),
) as LevelTable;

/** The level of a score: the last step whose `from` is ≤ score; none below the first (negatives too). */
export const levelOf = (score: number, table: readonly LevelStep[] = defaultLevelTable): CreditLevel => {
  let level: CreditLevel = { kind: 'none', rank: 0 };
  for (const step of table) {
    if (score < step.from) break;
    level = { kind: step.kind, rank: step.rank };
  }
  return level;
};
