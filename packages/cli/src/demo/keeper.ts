import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Erasure } from './story.js';
import { startKeeping, type Keeping } from './keeping.js';
import type { FromKeeper, ToKeeper } from './keeperProtocol.js';

/** Where the keeper thread's script is: beside the built CLI (`dist/demo-keeper.js`), absent when running from sources. */
export const keeperScript = (): URL | undefined => {
  const url = new URL('./demo-keeper.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
};

/** The keeper failed: its store keeps nothing of the history. */
export class KeeperFailed extends Error {
  constructor(dataDir: string, cause: { name: string; code?: string | undefined; message: string }) {
    super(`keeping the demo in ${dataDir}: ${cause.code ?? cause.name}: ${cause.message}`);
    this.name = 'KeeperFailed';
  }
}

/** {@link Keeping}, and where it runs. */
export interface Keeper extends Keeping {
  readonly where: 'worker thread' | 'main thread';
}

/**
 * Keep the history in the embedded store under `dataDir` as it is replayed: in a worker
 * thread when the built script is there (the replay keeps its core, PGlite gets the other),
 * else on this thread, interleaved with the replay.
 */
export const startKeeper = (dataDir: string, script: URL | undefined = keeperScript()): Keeper => {
  if (!script) return { ...startKeeping(dataDir), where: 'main thread' };
  const worker = new Worker(script, { workerData: { dataDir } });
  // heard from the start: a thread that dies while the replay runs is reported by finish
  const ended = new Promise<never>((_, reject) => {
    worker.once('error', (e) => reject(new KeeperFailed(dataDir, e)));
    worker.once('exit', (code) => reject(new KeeperFailed(dataDir, { name: 'Exit', message: `the keeper thread ended (code ${code}) before it was done` })));
  });
  ended.catch(() => undefined);
  const post = (m: ToKeeper): void => worker.postMessage(m);
  return {
    where: 'worker thread',
    keep: (events) => post({ kind: 'events', events }),
    end: (events) => post({ kind: 'end', events }),
    keepReadModel: (copy) => post({ kind: 'readModel', copy }),
    finish: async (f, hooks) => {
      const outcome = new Promise<Erasure>((resolve, reject) => {
        worker.on('message', (m: FromKeeper) => {
          if (m.kind === 'kept') hooks.kept(m);
          else if (m.kind === 'line') hooks.print(m.line);
          else if (m.kind === 'done') resolve(m.erasure);
          else reject(new KeeperFailed(dataDir, m));
        });
      });
      post({ kind: 'finish', ...f });
      try {
        return await Promise.race([outcome, ended]);
      } finally {
        await worker.terminate();
      }
    },
    // a worker must not outlive the replay: ending it rolls its transaction back with it
    abandon: async () => {
      await worker.terminate();
    },
  };
};
