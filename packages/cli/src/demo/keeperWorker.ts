/**
 * The keeper thread (built as `dist/demo-keeper.js`): {@link startKeeping} in a worker, so
 * that PGlite, which runs on the thread that opened it, imports the history on the other
 * core while the main thread replays it in memory, then tells the story from the store it
 * has open and warm.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startKeeping } from './keeping.js';
import type { FromKeeper, ToKeeper } from './keeperProtocol.js';

const port = parentPort;
if (!port) throw new Error('the demo keeper runs as a worker thread');
const answer = (m: FromKeeper): void => port.postMessage(m);
const keeping = startKeeping((workerData as { dataDir: string }).dataDir);

port.on('message', (m: ToKeeper) => {
  if (m.kind === 'events') return keeping.keep(m.events);
  if (m.kind === 'end') return keeping.end(m.events);
  if (m.kind === 'readModel') return keeping.keepReadModel(m.copy);
  const { kind: _, ...finish } = m;
  keeping
    .finish(finish, { kept: (k) => answer({ kind: 'kept', ...k }), print: (line = '') => answer({ kind: 'line', line }) })
    .then(
      (erasure) => answer({ kind: 'done', erasure }),
      (e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        const code = (err as { code?: unknown }).code;
        answer({ kind: 'failed', name: err.name, code: typeof code === 'string' ? code : undefined, message: err.message, stack: err.stack });
      },
    );
});
