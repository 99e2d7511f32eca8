import cliProgress from 'cli-progress';

/** A progress bar on stderr with events/s, shown only on a terminal (never with `--json`). */
export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

export const progressBar = (label: string, enabled: boolean): Progress => {
  if (!enabled || !process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const started = performance.now();
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} events  {rate} events/s`, stream: process.stderr, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0, { rate: 0 });
  return {
    update: (done, total) => {
      if (total !== undefined) bar.setTotal(Math.max(total, 1));
      const seconds = (performance.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0 });
    },
    stop: () => bar.stop(),
  };
};
