/** High or low on one of R, F, M. */
export type Level = 'H' | 'L';

/** The 8 RFM segments of DOMAIN §6, named by R, F, M in that order. */
export const RFM_SEGMENTS = {
  HHH: { segment: 'importantValue', zh: '重要价值客户', en: 'important-value' },
  HLH: { segment: 'importantDevelop', zh: '重要发展客户', en: 'important-develop' },
  LHH: { segment: 'importantRetain', zh: '重要保持客户', en: 'important-retain' },
  LLH: { segment: 'importantWinBack', zh: '重要挽留客户', en: 'important-win-back' },
  HHL: { segment: 'generalValue', zh: '一般价值客户', en: 'general-value' },
  HLL: { segment: 'generalDevelop', zh: '一般发展客户', en: 'general-develop' },
  LHL: { segment: 'generalRetain', zh: '一般保持客户', en: 'general-retain' },
  LLL: { segment: 'generalWinBack', zh: '一般挽留客户', en: 'general-win-back' },
} as const;

export type RfmCode = keyof typeof RFM_SEGMENTS;
export type RfmSegment = (typeof RFM_SEGMENTS)[RfmCode]['segment'];

/** Segments in DOMAIN §6's order. */
export const RFM_SEGMENT_ORDER: readonly RfmCode[] = ['HHH', 'HLH', 'LHH', 'LLH', 'HHL', 'HLL', 'LHL', 'LLL'];

export const segmentOf = (r: Level, f: Level, m: Level): RfmSegment => RFM_SEGMENTS[`${r}${f}${m}` as RfmCode].segment;
