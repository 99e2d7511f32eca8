/** Where a command writes: human lines, or one JSON document with `--json`. */
export interface Output {
  readonly json: boolean;
  line(text?: string): void;
  /** The command's result: printed as JSON with `--json`, else given to `human`. */
  result(value: unknown, human: () => void): void;
}

/** bigints as decimal strings, so every result is plain JSON. */
export const toJson = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);

export const consoleOutput = (json: boolean, write: (s: string) => void = (s) => process.stdout.write(s)): Output => ({
  json,
  line: (text = '') => {
    if (!json) write(`${text}\n`);
  },
  result: (value, human) => (json ? write(`${toJson(value)}\n`) : human()),
});
