import { describe, expect, it } from 'vitest';
import { KeyedLock } from './keyedLock.js';

/** A promise to settle by hand. */
const deferred = <T = void>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('KeyedLock', () => {
  it('runs work for one key one after another, in call order', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const first = deferred();
    const a = lock.run('k', async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
      return 'a';
    });
    const b = lock.run('k', async () => {
      log.push('b start');
      return 'b';
    });
    const c = lock.run('k', async () => {
      log.push('c start');
      return 'c';
    });
    await tick();
    expect(log).toEqual(['a start']);
    first.resolve();
    expect(await Promise.all([a, b, c])).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'c start']);
  });

  it('runs work for different keys at the same time', async () => {
    const lock = new KeyedLock();
    const gate = deferred();
    const started: string[] = [];
    const a = lock.run('a', async () => {
      started.push('a');
      await gate.promise;
    });
    const b = lock.run('b', async () => {
      started.push('b');
      await gate.promise;
    });
    await tick();
    expect(started).toEqual(['a', 'b']);
    gate.resolve();
    await Promise.all([a, b]);
  });

  it('a failure goes to its caller and does not block the next work', async () => {
    const lock = new KeyedLock();
    const failing = lock.run('k', async () => {
      throw new Error('boom');
    });
    const next = lock.run('k', async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });

  it('never has two runs of one key overlapping, under load', async () => {
    const lock = new KeyedLock();
    const inside = new Map<string, number>();
    let worst = 0;
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        lock.run(`k${i % 3}`, async () => {
          const key = `k${i % 3}`;
          inside.set(key, (inside.get(key) ?? 0) + 1);
          worst = Math.max(worst, inside.get(key)!);
          await tick();
          inside.set(key, inside.get(key)! - 1);
        }),
      ),
    );
    expect(worst).toBe(1);
  });

  it('a key can be used again once idle', async () => {
    const lock = new KeyedLock();
    await lock.run('k', async () => 1);
    await expect(lock.run('k', async () => 2)).resolves.toBe(2);
  });
});
