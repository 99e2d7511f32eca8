import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { reportFigures, reportHtml } from './commands/report.js';
import { runDemo } from './demo/run.js';
import type { OpenedStore } from './store.js';

// Debian's chromium (.ci/run installs it when missing): the test fails, never skips, without it
const CHROMIUM = '/usr/bin/chromium';
interface Canvas {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}
const screenshot = fileURLToPath(new URL('../../../docs/img/report.png', import.meta.url));

describe('report.html in headless Chromium', () => {
  it('renders all six charts with no console error, offline; the screenshot goes to docs/img', async () => {
    const demo = await runDemo({ customers: 60, seed: 11, store: 'memory', print: () => undefined });
    const figures = await reportFigures({ crm: demo.crm } as unknown as OpenedStore, 'tea-house', '2026-11-10T00:00:00.000Z');
    const file = join(mkdtempSync(join(tmpdir(), 'rapport-report-')), 'report.html');
    writeFileSync(file, reportHtml(figures));

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      // no network: any request but the file itself fails the test
      await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : (problems.push(`fetched ${route.request().url()}`), route.abort())));
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction(() => (globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body.dataset['rendered'] === '6');
      const painted = await page.$$eval('canvas', (canvases) =>
        canvases.map((element) => {
          // runs in the page: a canvas, typed by what is used of it
          const c = element as unknown as Canvas;
          const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
          let inked = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
          return { id: c.id, inked };
        }),
      );
      expect(painted.map((p) => p.id)).toEqual(['rfm', 'churn', 'tiers', 'kpis', 'sla', 'csat']);
      for (const p of painted) expect(p.inked, `chart ${p.id} drew nothing`).toBeGreaterThan(500);
      expect(problems).toEqual([]);
      await page.screenshot({ path: screenshot, fullPage: true });
    } finally {
      await browser.close();
    }
  }, 120_000);
});
