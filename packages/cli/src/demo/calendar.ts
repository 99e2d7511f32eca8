/** When the demo history starts: 2025-05-01 00:00 in Asia/Shanghai. */
export const START = '2025-04-30T16:00:00.000Z';
/** 18 months: 2025-05-01 to 2026-11-01, local time. */
export const DAYS = 549;
/** The history's last instant (local midnight after its last day). */
export const END = new Date(Date.parse(START) + DAYS * 86_400_000).toISOString();
