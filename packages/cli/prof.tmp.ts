import { MemoryReadModelStore } from '../core/src/index.ts';
import { runDemo } from './src/demo/run.ts';
const orig = MemoryReadModelStore.prototype.commit;
const stats = new Map();
MemoryReadModelStore.prototype.commit = async function (projection, changes, cp) {
  const t0 = performance.now();
  await orig.call(this, projection, changes, cp);
  const s = stats.get(projection) ?? { ms: 0, commits: 0, docs: 0, bytes: 0 };
  s.ms += performance.now() - t0; s.commits++; s.docs += changes.length;
  if (s.commits % 500 === 1 && changes[0]?.document) s.bytes = JSON.stringify(changes[0].document).length;
  stats.set(projection, s);
};
await runDemo({ customers: +process.argv[2] || 500, seed: 20260501, store: 'memory', print: (l) => l?.startsWith('Replayed') && console.log(l) });
for (const [p, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) console.log(p.padEnd(40), Math.round(s.ms), 'ms', s.commits, 'commits', s.docs, 'docs', s.bytes, 'bytes(sample)');
