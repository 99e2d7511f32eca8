import * as grpc from '@grpc/grpc-js';
import type { AppendOutcome, Expected, MemoryLog, Proposed } from './memoryLog.js';
import { emptyPb, sharedPb, streamsPb } from './generated.js';
import {
  appendWrongExpectedVersion,
  expectedOf,
  failure,
  rpcStatus,
  sharedWrongExpectedVersion,
  streamDeleted,
  streamIdentifier,
  streamNameOf,
  uuidText,
} from './wire.js';

type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
type AppendResp = InstanceType<typeof streamsPb.AppendResp>;
type BatchAppendReq = InstanceType<typeof streamsPb.BatchAppendReq>;
type BatchAppendResp = InstanceType<typeof streamsPb.BatchAppendResp>;

/** What an event costs against the append size limit (data and metadata, as the real server counts). */
const sizeOf = (events: readonly Proposed[]): number => events.reduce((n, e) => n + e.data.length + e.customMetadata.length, 0);

const proposed = (m: {
  getId(): InstanceType<typeof sharedPb.UUID> | undefined;
  getMetadataMap(): { get(k: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}): Proposed => ({
  id: uuidText(m.getId()),
  type: m.getMetadataMap().get('type') ?? '',
  contentType: m.getMetadataMap().get('content-type') ?? 'application/octet-stream',
  data: m.getData_asU8(),
  customMetadata: m.getCustomMetadata_asU8(),
});

/** Streams.Append, BatchAppend, Delete and Tombstone over one log. */
export class WriteHandlers {
  constructor(
    private readonly log: MemoryLog,
    private readonly maxAppendSize: number,
  ) {}

  append = (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>): void => {
    let stream = '';
    let expected: Expected = { kind: 'any' };
    const events: Proposed[] = [];
    call.on('data', (req: AppendReq) => {
      if (req.hasOptions()) {
        const o = req.getOptions()!;
        stream = streamNameOf(o.getStreamIdentifier());
        expected = expectedOf(o);
      } else if (req.hasProposedMessage()) events.push(proposed(req.getProposedMessage()!));
    });
    call.on('end', () => {
      const size = sizeOf(events);
      if (size > this.maxAppendSize) {
        callback(failure(grpc.status.INVALID_ARGUMENT, 'maximum-append-size-exceeded', `Maximum Append Size of ${this.maxAppendSize} Exceeded.`, { 'maximum-append-size': String(this.maxAppendSize) }));
        return;
      }
      const outcome = this.log.append(stream, events, expected);
      if (outcome.kind === 'stream_deleted') callback(streamDeleted(stream));
      else if (outcome.kind === 'wrong_expected_version') callback(null, appendWrongExpectedVersion(outcome.current, outcome.expected));
      else {
        const success = new streamsPb.AppendResp.Success();
        if (outcome.currentRevision < 0n) success.setNoStream(new sharedPb.Empty());
        else success.setCurrentRevision(outcome.currentRevision.toString());
        const position = new streamsPb.AppendResp.Position();
        position.setCommitPosition(outcome.position.toString());
        position.setPreparePosition(outcome.position.toString());
        success.setPosition(position);
        callback(null, new streamsPb.AppendResp().setSuccess(success));
      }
    });
  };

  /**
   * BatchAppend: one duplex call carries many appends, each a run of requests with one
   * correlation id ending with `is_final`; every append gets one response.
   */
  batchAppend = (call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
    const pending = new Map<string, { stream: string; expected: Expected; events: Proposed[] }>();
    call.on('data', (req: BatchAppendReq) => {
      const correlation = uuidText(req.getCorrelationId());
      let batch = pending.get(correlation);
      if (!batch) {
        const o = req.getOptions();
        const expected: Expected = !o
          ? { kind: 'any' }
          : o.hasStreamPosition()
            ? { kind: 'revision', revision: BigInt(o.getStreamPosition()) }
            : o.hasNoStream()
              ? { kind: 'no_stream' }
              : o.hasStreamExists()
                ? { kind: 'stream_exists' }
                : { kind: 'any' };
        batch = { stream: streamNameOf(o?.getStreamIdentifier()), expected, events: [] };
        pending.set(correlation, batch);
      }
      for (const m of req.getProposedMessagesList()) batch.events.push(proposed(m));
      if (!req.getIsFinal()) return;
      pending.delete(correlation);
      call.write(this.batchReply(req, batch.stream, batch.expected, batch.events));
    });
    call.on('end', () => call.end());
    call.on('error', () => undefined);
  };

  private batchReply(req: BatchAppendReq, stream: string, expected: Expected, events: Proposed[]): BatchAppendResp {
    const resp = new streamsPb.BatchAppendResp();
    resp.setCorrelationId(req.getCorrelationId());
    resp.setStreamIdentifier(streamIdentifier(stream));
    if (expected.kind === 'revision') resp.setStreamPosition(expected.revision.toString());
    else if (expected.kind === 'no_stream') resp.setNoStream(new emptyPb.Empty());
    else if (expected.kind === 'stream_exists') resp.setStreamExists(new emptyPb.Empty());
    else resp.setAny(new emptyPb.Empty());
    if (sizeOf(events) > this.maxAppendSize) {
      const detail = new sharedPb.MaximumAppendSizeExceeded();
      detail.setMaxappendsize(this.maxAppendSize);
      return resp.setError(rpcStatus(grpc.status.INVALID_ARGUMENT, `Maximum Append Size of ${this.maxAppendSize} Exceeded.`, detail, 'event_store.client.MaximumAppendSizeExceeded'));
    }
    const outcome = this.log.append(stream, events, expected);
    if (outcome.kind === 'stream_deleted') {
      const detail = new sharedPb.StreamDeleted();
      detail.setStreamIdentifier(streamIdentifier(stream));
      return resp.setError(rpcStatus(grpc.status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, detail, 'event_store.client.StreamDeleted'));
    }
    if (outcome.kind === 'wrong_expected_version')
      return resp.setError(
        rpcStatus(grpc.status.FAILED_PRECONDITION, 'Wrong expected version.', sharedWrongExpectedVersion(outcome.current, outcome.expected), 'event_store.client.WrongExpectedVersion'),
      );
    const success = new streamsPb.BatchAppendResp.Success();
    if (outcome.currentRevision < 0n) success.setNoStream(new emptyPb.Empty());
    else success.setCurrentRevision(outcome.currentRevision.toString());
    const position = new sharedPb.AllStreamPosition();
    position.setCommitPosition(outcome.position.toString());
    position.setPreparePosition(outcome.position.toString());
    success.setPosition(position);
    return resp.setSuccess(success);
  }

  /** Delete and Tombstone share their shape: options with an expected revision, a position back. */
  private removal<Resp>(
    kind: 'delete' | 'tombstone',
    Response: new () => Resp & { setPosition(p: unknown): Resp },
    Position: new () => { setCommitPosition(v: string): unknown; setPreparePosition(v: string): unknown },
  ) {
    return (
      call: grpc.ServerUnaryCall<{ getOptions(): (Parameters<typeof expectedOf>[0] & { getStreamIdentifier(): InstanceType<typeof sharedPb.StreamIdentifier> | undefined }) | undefined }, Resp>,
      callback: grpc.sendUnaryData<Resp>,
    ): void => {
      const o = call.request.getOptions()!;
      const stream = streamNameOf(o.getStreamIdentifier());
      const expected = expectedOf(o);
      const outcome: AppendOutcome = kind === 'delete' ? this.log.delete(stream, expected) : this.log.tombstone(stream, expected);
      if (outcome.kind === 'stream_deleted') return callback(streamDeleted(stream));
      if (outcome.kind === 'wrong_expected_version')
        return callback(
          failure(grpc.status.FAILED_PRECONDITION, 'wrong-expected-version', `Wrong expected version.`, {
            'stream-name': stream,
            'expected-version': expected.kind === 'revision' ? expected.revision.toString() : '-1',
            ...(outcome.current === undefined ? {} : { 'actual-version': outcome.current.toString() }),
          }),
        );
      const p = new Position();
      p.setCommitPosition(outcome.position.toString());
      p.setPreparePosition(outcome.position.toString());
      const resp = new Response();
      resp.setPosition(p);
      callback(null, resp);
    };
  }

  delete = this.removal('delete', streamsPb.DeleteResp, streamsPb.DeleteResp.Position);
  tombstone = this.removal('tombstone', streamsPb.TombstoneResp, streamsPb.TombstoneResp.Position);
}
