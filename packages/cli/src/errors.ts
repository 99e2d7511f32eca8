/** How `rapport` ends: 0 done; 1 the work failed; 2 bad arguments; 3 an unknown id; 4 the store cannot be reached. */
export const EXIT = { ok: 0, failed: 1, usage: 2, notFound: 3, unreachable: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the command line reports in one line (and in `--json` as `{ error: { code, message } }`). */
export class CliError extends Error {
  constructor(
    readonly code: 'usage' | 'notFound' | 'unreachable' | 'failed',
    message: string,
    readonly exitCode: ExitCode = EXIT[code],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usage = (message: string): CliError => new CliError('usage', message);
export const notFound = (message: string): CliError => new CliError('notFound', message);
