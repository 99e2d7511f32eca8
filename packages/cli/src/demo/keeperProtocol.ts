import type { Checkpoint, DocumentChange, StoredEvent, VaultKeys } from '@rapport/core';
import type { Cast } from './history.js';
import type { Erasure } from './story.js';

/** One projection's read models as the replay left them, for one commit in the kept store. */
export interface ReadModelCopy {
  readonly projection: string;
  readonly checkpoint: Checkpoint;
  readonly changes: readonly DocumentChange[];
}

/** The end of a replay: the vault's keys, and who the story is about. */
export interface Finish {
  readonly vaultKeys: VaultKeys;
  readonly cast: Cast;
}

/** What was kept. */
export interface Kept {
  readonly events: number;
  readonly streams: number;
  readonly documents: number;
  readonly projections: number;
  readonly customerKeys: number;
}

/** What the keeper tells as it goes. */
export interface FinishHooks {
  /** Everything is kept; the story is next. */
  kept(k: Kept): void;
  /** A line of the story. */
  print(line?: string): void;
}

/** What the replaying thread tells the keeper thread, in this order: events…, end, read models…, finish. */
export type ToKeeper =
  | { readonly kind: 'events'; readonly events: readonly StoredEvent[] }
  | { readonly kind: 'end'; readonly events: number }
  | { readonly kind: 'readModel'; readonly copy: ReadModelCopy }
  | ({ readonly kind: 'finish' } & Finish);

/** What the keeper thread answers: `kept` once, lines, then `done` or `failed`. */
export type FromKeeper =
  | ({ readonly kind: 'kept' } & Kept)
  | { readonly kind: 'line'; readonly line: string }
  | { readonly kind: 'done'; readonly erasure: Erasure }
  | { readonly kind: 'failed'; readonly name: string; readonly code?: string | undefined; readonly message: string; readonly stack?: string | undefined };
