import { parseArgs } from 'node:util';
import { isRapportError } from '@rapport/core';
import { explain, timeline, verify } from './commands/audit.js';
import { erase, exportCustomer } from './commands/privacy.js';
import { dump, replay } from './commands/replay.js';
import { report } from './commands/report.js';
import { runDemo } from './demo/run.js';
import { TENANT } from './demo/catalogue.js';
import { CliError, EXIT, usage, type ExitCode } from './errors.js';
import { consoleOutput, toJson, type Output } from './output.js';
import { DEFAULT_STORE, openStore, type OpenedStore } from './store.js';

export const HELP = `rapport — the Rapport CRM from the command line

  rapport demo [--customers N] [--seed S] [--memory] [--store pglite:<dir>]
  rapport replay --from <file|pglite:<dir>|postgres://…> [--as-of T] [--by occurredAt]
  rapport dump --out <file>                       every event as JSON lines (for replay --from)
  rapport audit timeline <customer> [--limit N] [--after P]
  rapport audit explain <points|tier|creditScore|commission|complaintBreach> <id> [seller|buyer] [--as-of T]
  rapport audit verify
  rapport export <customer> [--out file.json]
  rapport erase <customer> [--reason text]
  rapport report --out report.html [--as-of T]

Options: --store <pglite:<dir>|postgres://…> (default ${DEFAULT_STORE}), --tenant <shop> (default ${TENANT}),
--json (one JSON document on stdout). Exit codes: 0 done, 1 failed, 2 bad arguments, 3 unknown id, 4 store unreachable.`;

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  store: { type: 'string' },
  tenant: { type: 'string' },
  customers: { type: 'string' },
  seed: { type: 'string' },
  memory: { type: 'boolean' },
  from: { type: 'string' },
  'as-of': { type: 'string' },
  by: { type: 'string' },
  out: { type: 'string' },
  limit: { type: 'string' },
  after: { type: 'string' },
  reason: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

const wholeNumber = (name: string, v: string | undefined, fallback: number): number => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1) throw usage(`--${name} needs a whole number ≥ 1, got "${v}"`);
  return n;
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const instant = (v: string | undefined): string | undefined => {
  if (v !== undefined && (!ISO.test(v) || Number.isNaN(Date.parse(v)))) throw usage(`--as-of ${v}: expected an ISO instant (YYYY-MM-DDTHH:mm:ss.sssZ)`);
  return v;
};

const arity = (command: string, positionals: string[], min: number, max: number, shape: string): void => {
  if (positionals.length < min || positionals.length > max) throw usage(`${command}: expected ${shape}`);
};

/** Run a command on an opened store and close it whatever happens. */
const withStore = async <T>(values: Values, work: (store: OpenedStore) => Promise<T>): Promise<T> => {
  const store = await openStore(values.store ?? DEFAULT_STORE);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
};

const run = async (args: string[], out: Output, values: Values, positionals: string[]): Promise<ExitCode> => {
  const [command, ...rest] = positionals;
  const tenantId = values.tenant ?? TENANT;
  switch (command) {
    case 'demo': {
      arity('demo', rest, 0, 0, 'no arguments');
      if (values.memory && values.store) throw usage('demo: --memory and --store exclude each other');
      const store = values.store ?? DEFAULT_STORE;
      if (!store.startsWith('pglite:')) throw usage(`demo: --store ${store}: the demo writes an embedded store (pglite:<dir>)`);
      const lines: string[] = [];
      const r = await runDemo({
        customers: wholeNumber('customers', values.customers, 2000),
        seed: wholeNumber('seed', values.seed, 20260501),
        store: values.memory ? 'memory' : 'embedded',
        dataDir: store.slice('pglite:'.length),
        print: (l = '') => (out.json ? lines.push(l) : out.line(l)),
      });
      out.result({ store: values.memory ? 'memory' : store, commands: r.commands, dueIssued: r.dueIssued, events: r.events, refusals: Object.fromEntries(r.refusals) }, () => undefined);
      return EXIT.ok;
    }
    case 'replay': {
      arity('replay', rest, 0, 0, '--from <file|store-url>, no other arguments');
      if (!values.from) throw usage('replay: --from <file|pglite:<dir>|postgres://…> is required');
      const by = values.by ?? 'recordedAt';
      if (by !== 'recordedAt' && by !== 'occurredAt') throw usage(`--by ${by}: expected recordedAt or occurredAt`);
      await replay(out, values.from, tenantId, instant(values['as-of']), by);
      return EXIT.ok;
    }
    case 'dump':
      arity('dump', rest, 0, 0, '--out <file>');
      if (!values.out) throw usage('dump: --out <file> is required');
      await dump(values.store, out, values.out);
      return EXIT.ok;
    case 'audit': {
      const [sub, ...more] = rest;
      if (sub === 'timeline') {
        arity('audit timeline', more, 1, 1, '<customer>');
        await withStore(values, (s) => timeline(s, out, tenantId, more[0]!, { ...(values.after ? { after: values.after } : {}), limit: wholeNumber('limit', values.limit, 100) }));
        return EXIT.ok;
      }
      if (sub === 'explain') {
        arity('audit explain', more, 2, 3, '<projection> <id> [field]');
        await withStore(values, (s) => explain(s, out, tenantId, more[0]!, more[1]!, more[2], instant(values['as-of'])));
        return EXIT.ok;
      }
      if (sub === 'verify') {
        arity('audit verify', more, 0, 0, 'no arguments');
        const intact = await withStore(values, (s) => verify(s, out));
        return intact ? EXIT.ok : EXIT.failed;
      }
      throw usage(`audit: expected timeline, explain or verify, got ${sub === undefined ? 'nothing' : `"${sub}"`}`);
    }
    case 'export':
      arity('export', rest, 1, 1, '<customer>');
      await withStore(values, (s) => exportCustomer(s, out, tenantId, rest[0]!, values.out));
      return EXIT.ok;
    case 'erase':
      arity('erase', rest, 1, 1, '<customer>');
      await withStore(values, (s) => erase(s, out, tenantId, rest[0]!, values.reason));
      return EXIT.ok;
    case 'report': {
      arity('report', rest, 0, 0, '--out <file.html>');
      if (!values.out) throw usage('report: --out <file.html> is required');
      const asOf = instant(values['as-of']);
      await withStore(values, async (s) => {
        let last = asOf;
        if (!last) for await (const e of s.eventStore.readAll({ raw: true })) if (!last || e.metadata.recordedAt > last) last = e.metadata.recordedAt;
        await report(s, out, tenantId, values.out!, last ?? new Date().toISOString());
      });
      return EXIT.ok;
    }
    case undefined:
      out.line(HELP);
      return args.length === 0 ? EXIT.usage : EXIT.ok;
    default:
      throw usage(`unknown command "${command}" (rapport --help lists them)`);
  }
};

/**
 * The `rapport` command line: parse `args`, run the command, and give the exit code. Errors
 * are one line on stderr (with `--json`, `{ "error": { code, message } }` on stdout too).
 */
export const main = async (args: readonly string[], write: (s: string) => void = (s) => process.stdout.write(s), writeError: (s: string) => void = (s) => process.stderr.write(s)): Promise<ExitCode> => {
  const json = args.includes('--json');
  const out = consoleOutput(json, write);
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
    } catch (e) {
      throw usage((e as Error).message);
    }
    if (parsed.values.help) {
      write(`${HELP}\n`);
      return EXIT.ok;
    }
    return await run([...args], out, parsed.values, parsed.positionals);
  } catch (e) {
    const err =
      e instanceof CliError
        ? e
        : isRapportError(e, 'RAPPORT_INVALID_ARGUMENT')
          ? usage((e as Error).message)
          : isRapportError(e, 'RAPPORT_STORE_UNAVAILABLE')
            ? new CliError('unreachable', (e as Error).message)
            : new CliError('failed', e instanceof Error ? e.message : String(e));
    if (json) write(`${toJson({ error: { code: err.code, message: err.message } })}\n`);
    writeError(`rapport: ${err.message}\n`);
    return err.exitCode;
  }
};
