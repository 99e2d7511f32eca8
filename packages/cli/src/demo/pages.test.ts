import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Pages } from './pages.js';

const drain = async <T>(pages: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const p of pages) out.push(p);
  return out;
};

describe('Pages', () => {
  it('gives every page pushed, in order, however pushes and reads interleave', () =>
    fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer(), fc.boolean()), { maxLength: 30 }), async (pushes) => {
        const pages = new Pages<number>();
        const read = drain(pages);
        for (const [page, pause] of pushes) {
          pages.push(page);
          if (pause) await new Promise((r) => setTimeout(r, 0)); // let the reader catch up now and then
        }
        pages.end();
        expect(await read).toEqual(pushes.map(([p]) => p));
      }),
      { numRuns: 50 },
    ));

  it('fail ends the reading with the error given, and no page comes after a failure or an end', async () => {
    const pages = new Pages<number>();
    const read = drain(pages);
    pages.push(1);
    pages.fail(new Error('the replay stopped'));
    await expect(read).rejects.toThrow('the replay stopped');
    expect(() => pages.push(2)).toThrow(/push after the end/);
  });
});
