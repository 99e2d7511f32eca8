/**
 * Streams the package writes for its own bookkeeping. They are ordinary (not `$`-prefixed)
 * streams, because a secured server lets only admins write system streams, and they never
 * reach the kernel's readAll/subscribe consumers.
 */
export const DOCUMENT_PREFIX = 'rapport_rm-';
export const CHECKPOINT_PREFIX = 'rapport_checkpoint-';

/** Whether a stream is EventStoreDB's own (`$`) or one of this package's internal streams. */
export const isHiddenStream = (stream: string): boolean =>
  stream.startsWith('$') || stream.startsWith(DOCUMENT_PREFIX) || stream.startsWith(CHECKPOINT_PREFIX);

/** A server-side stream-name regex that keeps every stream except the hidden ones. */
export const VISIBLE_STREAMS_REGEX = '^(?!\\$|rapport_rm-|rapport_checkpoint-)';
