import type { Readable } from 'node:stream';

/** A client read or subscription: a Readable over a gRPC call that can be cancelled. */
type CallStream = Readable & { cancel?(): Promise<void>; unsubscribe?(): Promise<void> };

/**
 * Iterate a client stream and, however the iteration ends, cancel the gRPC call and let
 * the stream drain. Leaving a read early otherwise pauses the call with data still queued:
 * it never finishes, and the client's `dispose()` waits for it forever.
 */
export async function* cancellable<T>(read: CallStream): AsyncGenerator<T, void, undefined> {
  try {
    for await (const x of read.iterator({ destroyOnReturn: false })) yield x as T;
  } finally {
    await release(read);
  }
}

/** Cancel a client stream's call and keep it flowing until the cancellation lands. */
export const release = async (read: CallStream): Promise<void> => {
  await (read.cancel?.() ?? read.unsubscribe?.())?.catch(() => undefined);
  read.resume();
};
