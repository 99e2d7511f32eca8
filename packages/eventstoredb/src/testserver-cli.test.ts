import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const cli = fileURLToPath(new URL('./testserver-cli.ts', import.meta.url));

it('rapport-esdb-testserver prints a connection string that the client uses, and stops promptly on SIGTERM', async () => {
  const child = spawn(tsx, [cli], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
  expect(url).toMatch(/^esdb:\/\/127\.0\.0\.1:\d+\?tls=false$/);
  const client = EventStoreDBClient.connectionString(url);
  const r = await client.appendToStream('order-cli', jsonEvent({ type: 'Placed', data: { ok: true } }));
  expect(r.nextExpectedRevision).toBe(0n);
  await client.dispose();
  const started = Date.now();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(Date.now() - started).toBeLessThan(3000);
}, 30_000);
