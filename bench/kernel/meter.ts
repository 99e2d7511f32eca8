/**
 * Timing loops shared by every implementation, so each pays the same per-command
 * bookkeeping: a counter, a mark at 10 % and 90 % of the commands, and every 1,024
 * commands an RSS sample and a look at the time cap.
 */

export interface RunTiming {
  /** Commands (or events, for S3) completed. */
  readonly done: number;
  /** Of `total`: less than it when the run hit its time cap. */
  readonly total: number;
  readonly seconds: number;
  /** Seconds spent on the first 10 % of commands, when the run got that far. */
  readonly firstTenthSeconds: number | undefined;
  /** Seconds spent on the last 10 % of commands, when the run finished. */
  readonly lastTenthSeconds: number | undefined;
  /** Highest RSS sampled during the run (bytes). */
  readonly peakRss: number;
}

const SAMPLE_EVERY = 1024;

interface Clock {
  readonly start: number;
  tenth: number | undefined;
  ninth: number | undefined;
  peakRss: number;
}

const finish = (c: Clock, done: number, total: number, end: number): RunTiming => ({
  done,
  total,
  seconds: (end - c.start) / 1000,
  firstTenthSeconds: c.tenth === undefined ? undefined : (c.tenth - c.start) / 1000,
  lastTenthSeconds: done === total && c.ninth !== undefined ? (end - c.ninth) / 1000 : undefined,
  peakRss: Math.max(c.peakRss, process.memoryUsage.rss()),
});

/** Issue `total` commands one at a time, each awaited; stop early once `capMs` have passed. */
export const timeAsync = async (total: number, send: (i: number) => Promise<unknown>, capMs: number): Promise<RunTiming> => {
  const tenth = Math.floor(total / 10);
  const ninth = total - tenth;
  const c: Clock = { start: performance.now(), tenth: undefined, ninth: undefined, peakRss: 0 };
  const deadline = c.start + capMs;
  let i = 0;
  while (i < total) {
    await send(i);
    i++;
    if (i === tenth) c.tenth = performance.now();
    if (i === ninth) c.ninth = performance.now();
    if (i % SAMPLE_EVERY === 0) {
      const rss = process.memoryUsage.rss();
      if (rss > c.peakRss) c.peakRss = rss;
      if (performance.now() > deadline) break;
    }
  }
  return finish(c, i, total, performance.now());
};

/** The same loop without awaits, for the baseline: a bare synchronous loop. */
export const timeSync = (total: number, send: (i: number) => void, capMs: number): RunTiming => {
  const tenth = Math.floor(total / 10);
  const ninth = total - tenth;
  const c: Clock = { start: performance.now(), tenth: undefined, ninth: undefined, peakRss: 0 };
  const deadline = c.start + capMs;
  let i = 0;
  while (i < total) {
    send(i);
    i++;
    if (i === tenth) c.tenth = performance.now();
    if (i === ninth) c.ninth = performance.now();
    if (i % SAMPLE_EVERY === 0) {
      const rss = process.memoryUsage.rss();
      if (rss > c.peakRss) c.peakRss = rss;
      if (performance.now() > deadline) break;
    }
  }
  return finish(c, i, total, performance.now());
};

/** Time one whole rebuild of `events` events (S3). */
export const timeRebuild = async (events: number, rebuild: () => Promise<unknown> | unknown): Promise<RunTiming> => {
  const c: Clock = { start: performance.now(), tenth: undefined, ninth: undefined, peakRss: 0 };
  await rebuild();
  return finish(c, events, events, performance.now());
};
