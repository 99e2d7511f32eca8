import type * as t from 'io-ts';
import { idCodec } from '../kernel/codecs.js';

/** A call list (外呼名单): the customers to phone and the agent who phones each. */
export const CallListId = idCodec('CallListId');
export type CallListId = t.TypeOf<typeof CallListId>;

/** One call made from a list, named by the caller (so a retry records it once). */
export const CallId = idCodec('CallId');
export type CallId = t.TypeOf<typeof CallId>;
