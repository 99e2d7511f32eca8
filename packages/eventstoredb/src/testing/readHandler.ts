import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import type { LogRecord, MemoryLog } from './memoryLog.js';
import { streamsPb } from './generated.js';
import { checkpointResponse, readResponse, streamDeleted, streamIdentifier, streamNameOf } from './wire.js';

type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
type Options = InstanceType<typeof streamsPb.ReadReq.Options>;
export type ReadCall = grpc.ServerWritableStream<ReadReq, ReadResp>;

/** Matches per checkpoint of a filtered subscription: the search window (32 unless given) × the client's multiplier. */
const DEFAULT_WINDOW = 32;

/** A compiled server-side filter, or undefined for none. */
const compileFilter = (o: Options): ((r: LogRecord) => boolean) | undefined => {
  if (!o.hasFilter()) return undefined;
  const f = o.getFilter()!;
  const expr = f.hasStreamIdentifier() ? f.getStreamIdentifier()! : f.getEventType()!;
  const field = f.hasStreamIdentifier() ? (r: LogRecord) => r.stream : (r: LogRecord) => r.type;
  const prefixes = expr.getPrefixList();
  const regex = expr.getRegex() ? new RegExp(expr.getRegex()) : undefined;
  return (r) => {
    const v = field(r);
    if (prefixes.length > 0 && !prefixes.some((p) => v.startsWith(p))) return false;
    return regex ? regex.test(v) : true;
  };
};

const checkpointEvery = (o: Options): number => {
  const f = o.getFilter();
  if (!f) return 0;
  const window = f.hasMax() && f.getMax() > 0 ? f.getMax() : DEFAULT_WINDOW;
  return window * Math.max(1, f.getCheckpointintervalmultiplier());
};

/**
 * Streams.Read: stream and `$all` reads (forward/backward, from/to, count, filters) and
 * catch-up subscriptions that turn live. Every streaming call ends with a status.
 */
export class ReadHandler {
  /** Live subscription calls, so a test can drop them all at once. */
  private readonly live = new Set<{ end(): void; drop(): void }>();

  constructor(private readonly log: MemoryLog) {}

  /** End every live subscription with UNAVAILABLE, as a lost connection or a restarting node would. */
  dropSubscriptions(): void {
    for (const s of [...this.live]) s.drop();
  }

  /** End every live subscription normally (server shutdown). */
  endSubscriptions(): void {
    for (const s of [...this.live]) s.end();
  }

  handle = (call: ReadCall): void => {
    const o = call.request.getOptions();
    if (!o) {
      call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: 'read without options' });
      return;
    }
    if (o.hasSubscription()) this.subscribe(call, o);
    else if (o.hasAll()) this.readAll(call, o);
    else this.readStream(call, o);
  };

  private structured(o: Options): boolean {
    return o.getUuidOption()?.hasStructured() ?? false;
  }

  private readStream(call: ReadCall, o: Options): void {
    const so = o.getStream()!;
    const name = streamNameOf(so.getStreamIdentifier());
    if (this.log.isTombstoned(name)) {
      call.emit('error', streamDeleted(name));
      return;
    }
    const records = this.log.readable(name);
    if (!records) {
      const nf = new streamsPb.ReadResp.StreamNotFound();
      nf.setStreamIdentifier(streamIdentifier(name));
      call.write(new streamsPb.ReadResp().setStreamNotFound(nf));
      call.end();
      return;
    }
    const backward = o.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    const count = o.hasCount() ? Number(BigInt.asUintN(53, BigInt(o.getCount()))) : Number.MAX_SAFE_INTEGER;
    const from = so.hasRevision() ? BigInt(so.getRevision()) : undefined;
    const picked: LogRecord[] = [];
    if (!backward) {
      // forward from the end reads nothing; from a revision includes it
      if (!so.hasEnd()) for (const r of records) {
        if (picked.length >= count) break;
        if (from === undefined || r.revision >= from) picked.push(r);
      }
    } else if (!so.hasStart()) {
      for (let i = records.length - 1; i >= 0 && picked.length < count; i--) {
        const r = records[i]!;
        if (from === undefined || r.revision <= from) picked.push(r);
      }
    } else if (records[0]!.revision === 0n && count > 0) picked.push(records[0]!); // backward from the start: just the first event
    void this.send(call, picked.map((r) => readResponse(r, this.structured(o)))).then(() => call.end());
  }

  private readAll(call: ReadCall, o: Options): void {
    const ao = o.getAll()!;
    const backward = o.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    const count = o.hasCount() ? Number(BigInt.asUintN(53, BigInt(o.getCount()))) : Number.MAX_SAFE_INTEGER;
    const filter = compileFilter(o);
    const all = this.log.all;
    const picked: LogRecord[] = [];
    if (!backward) {
      let i = ao.hasEnd() ? all.length : ao.hasPosition() ? this.log.indexAtOrAfter(BigInt(ao.getPosition()!.getCommitPosition())) : 0;
      for (; i < all.length && picked.length < count; i++) if (!filter || filter(all[i]!)) picked.push(all[i]!);
    } else {
      // backward from a position: the events before it
      let i = ao.hasStart() ? -1 : ao.hasPosition() ? this.log.indexAtOrAfter(BigInt(ao.getPosition()!.getCommitPosition())) - 1 : all.length - 1;
      for (; i >= 0 && picked.length < count; i--) if (!filter || filter(all[i]!)) picked.push(all[i]!);
    }
    void this.send(call, picked.map((r) => readResponse(r, this.structured(o)))).then(() => call.end());
  }

  /** Write messages in order, waiting for the transport to drain when its buffer is full. */
  private async send(call: ReadCall, messages: readonly ReadResp[]): Promise<void> {
    for (const m of messages) {
      if (call.cancelled) return;
      if (!call.write(m)) await new Promise<void>((resolve) => call.once('drain', resolve));
    }
  }

  private subscribe(call: ReadCall, o: Options): void {
    const structured = this.structured(o);
    const all = this.log.all;
    let next: number;
    let accept: (r: LogRecord) => boolean;
    if (o.hasAll()) {
      const ao = o.getAll()!;
      if (ao.hasEnd()) next = all.length;
      else if (ao.hasPosition()) {
        // subscribing from a position starts after it
        const p = BigInt(ao.getPosition()!.getCommitPosition());
        next = this.log.indexAtOrAfter(p);
        if (all[next]?.position === p) next++;
      } else next = 0;
      accept = compileFilter(o) ?? (() => true);
    } else {
      const so = o.getStream()!;
      const name = streamNameOf(so.getStreamIdentifier());
      if (this.log.isTombstoned(name)) {
        call.emit('error', streamDeleted(name));
        return;
      }
      const after = so.hasRevision() ? BigInt(so.getRevision()) : so.hasEnd() ? undefined : -1n;
      next = after === undefined ? all.length : 0;
      accept = (r) => r.stream === name && (after === undefined || r.revision > after);
    }
    const every = o.hasAll() ? checkpointEvery(o) : 0;
    let matches = 0;
    let ended = false;
    let wake: (() => void) | undefined;
    const entry = {
      end: () => finish(() => call.end()),
      drop: () => finish(() => call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'Subscription dropped by the test server', metadata: new grpc.Metadata() })),
    };
    const finish = (how: () => void) => {
      if (ended) return;
      ended = true;
      unlisten();
      this.live.delete(entry);
      wake?.();
      how();
    };
    const unlisten = this.log.listen(() => {
      const w = wake;
      wake = undefined;
      w?.();
    });
    this.live.add(entry);
    call.on('cancelled', () => finish(() => undefined));
    call.on('error', () => finish(() => undefined));

    const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(randomUUID());
    call.write(new streamsPb.ReadResp().setConfirmation(confirmation));

    const pump = async () => {
      let caughtUp = false;
      while (!ended) {
        while (!ended && next < all.length) {
          const r = all[next++]!;
          if (!accept(r)) continue;
          let ok = call.write(readResponse(r, structured));
          if (every > 0 && ++matches % every === 0) ok = call.write(checkpointResponse(r.position)) && ok;
          if (!ok) await new Promise<void>((resolve) => call.once('drain', resolve));
        }
        if (ended) return;
        if (!caughtUp) {
          caughtUp = true;
          call.write(new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp()));
          continue; // appends may have landed while the message was written
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    };
    void pump();
  }
}
