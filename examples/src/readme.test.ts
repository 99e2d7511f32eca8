import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The README's usage example and every ```ts snippet of the docs are programs: this test
 * extracts them, typechecks them against the sources with the repository's tsconfig, runs
 * them with tsx, and compares the README example's output with the output the README shows.
 * Docs snippets check their own claims with node:assert, so running them is the check.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const tsxCli = join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');

/** Every fenced block of `lang` in a markdown file, with the line its code starts on. */
const blocks = (file: string, lang: string): { code: string; line: number }[] => {
  const text = readFileSync(join(root, file), 'utf8');
  const out: { code: string; line: number }[] = [];
  const fence = new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'gm');
  for (const m of text.matchAll(fence)) out.push({ code: m[1]!, line: text.slice(0, m.index).split('\n').length + 1 });
  return out;
};

/** The section of a markdown file under a `## title` heading, up to the next `## `. */
const section = (file: string, title: string): string => {
  const text = readFileSync(join(root, file), 'utf8');
  const start = text.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`${file} has no "## ${title}" section`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
};

const docs = ['docs/kernel.md', 'docs/errors.md', 'docs/crm.md'];

interface Snippet {
  readonly name: string;
  readonly file: string;
}

let dir: string;
const snippets: Snippet[] = [];
let diagnostics: Map<string, string>;

beforeAll(() => {
  // inside the repo, so tsconfig paths and node_modules resolve as for any source file
  dir = mkdtempSync(join(root, 'examples', '.snippets-'));
  const sources = [{ doc: 'README.md', ...blocks('README.md', 'ts')[0]! }, ...docs.flatMap((doc) => blocks(doc, 'ts').map((b) => ({ doc, ...b })))];
  for (const [i, s] of sources.entries()) {
    if (s.code === undefined) continue;
    const file = join(dir, `snippet${i}.ts`);
    writeFileSync(file, s.code);
    snippets.push({ name: `${s.doc}:${s.line}`, file });
  }
  // a control: the same checker must reject a snippet with a type error
  writeFileSync(join(dir, 'broken.ts'), `import { streamName } from '@rapport/core';\nexport const s: number = streamName('points', 'shop-1', 'ann');\n`);

  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!config) throw new Error('cannot read tsconfig.json');
  const files = [...snippets.map((s) => s.file), join(dir, 'broken.ts')];
  const program = ts.createProgram(files, config.options);
  const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  diagnostics = new Map();
  for (const f of files) {
    const sf = program.getSourceFile(f);
    if (!sf) throw new Error(`the program did not load ${f}`);
    // only the snippet's own errors: the sources are the typecheck step's business
    diagnostics.set(f, ts.formatDiagnostics([...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)], host));
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (file: string): { status: number | null; stdout: string; stderr: string } =>
  spawnSync(process.execPath, [tsxCli, file], { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe('README.md', () => {
  it('has exactly two set-up commands: npm ci && npm run demo, and npm test', () => {
    const commands = blocks('README.md', 'sh')
      .filter((b) => section('README.md', 'Set up').includes(b.code))
      .flatMap((b) => b.code.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#')));
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
  });

  it('usage example typechecks', () => {
    const readme = snippets[0]!;
    expect(readme.name).toMatch(/^README\.md:/);
    expect(diagnostics.get(readme.file)).toBe('');
  });

  it('usage example prints what the README says it prints', () => {
    const expected = blocks('README.md', 'text')[0]?.code;
    expect(expected, 'README.md shows the output in a ```text block').toBeDefined();
    const r = run(snippets[0]!.file);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(expected);
  });

  it.each(['README.md', 'docs/index.md', 'packages/core/README.md', 'packages/memory/README.md'])('%s links only to files that exist', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const links = [...text.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => !existsSync(join(root, dirname(file), l)))).toEqual([]);
  });
});

describe('docs snippets', () => {
  it('the checker is live: a snippet with a type error is reported', () => {
    expect(diagnostics.get(join(dir, 'broken.ts'))).toMatch(/TS2322/);
  });

  it('there are snippets to check in every doc that promises them', () => {
    for (const doc of docs) expect(snippets.filter((s) => s.name.startsWith(`${doc}:`)).length, doc).toBeGreaterThan(0);
  });

  it('every ```ts snippet typechecks and runs to completion', () => {
    const failures: string[] = [];
    for (const s of snippets.slice(1)) {
      const errors = diagnostics.get(s.file);
      if (errors) {
        failures.push(`${s.name} does not typecheck:\n${errors}`);
        continue;
      }
      const r = run(s.file);
      if (r.status !== 0) failures.push(`${s.name} exited with ${r.status}:\n${r.stderr}`);
    }
    expect(failures).toEqual([]);
  });
});
