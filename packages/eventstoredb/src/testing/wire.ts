import * as grpc from '@grpc/grpc-js';
import type { Expected, LogRecord } from './memoryLog.js';
import { anyPb, emptyPb, sharedPb, statusPb, streamsPb } from './generated.js';

/** Conversions between the log's values and the generated protobuf messages. */

type StreamIdentifier = InstanceType<typeof sharedPb.StreamIdentifier>;
type UUID = InstanceType<typeof sharedPb.UUID>;

export const streamNameOf = (id: StreamIdentifier | undefined): string => Buffer.from(id?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

export const streamIdentifier = (name: string): StreamIdentifier => {
  const id = new sharedPb.StreamIdentifier();
  id.setStreamName(Buffer.from(name, 'utf8'));
  return id;
};

/** A uuid message as text, whichever of its two forms the client sent. */
export const uuidText = (uuid: UUID | undefined): string => {
  if (!uuid) return '';
  if (uuid.hasStructured()) {
    const s = uuid.getStructured()!;
    const hex = (v: string) => BigInt.asUintN(64, BigInt(v)).toString(16).padStart(16, '0');
    const h = hex(s.getMostSignificantBits()) + hex(s.getLeastSignificantBits());
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return uuid.getString();
};

const uuidMessage = (text: string, structured: boolean): UUID => {
  const uuid = new sharedPb.UUID();
  if (!structured) return uuid.setString(text);
  const h = text.replaceAll('-', '');
  const s = new sharedPb.UUID.Structured();
  // int64 fields travel as decimal strings
  s.setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${h.slice(0, 16)}`)).toString());
  s.setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${h.slice(16)}`)).toString());
  return uuid.setStructured(s);
};

/** A log record as the `event` of a read or subscription response. */
export const readResponse = (r: LogRecord, structuredIds: boolean) => {
  const e = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  e.setId(uuidMessage(r.id, structuredIds));
  e.setStreamIdentifier(streamIdentifier(r.stream));
  e.setStreamRevision(r.revision.toString());
  e.setPreparePosition(r.position.toString());
  e.setCommitPosition(r.position.toString());
  const m = e.getMetadataMap();
  m.set('type', r.type);
  m.set('content-type', r.contentType);
  m.set('created', r.created.toString());
  e.setData(r.data);
  e.setCustomMetadata(r.customMetadata);
  const read = new streamsPb.ReadResp.ReadEvent();
  read.setEvent(e);
  read.setCommitPosition(r.position.toString());
  return new streamsPb.ReadResp().setEvent(read);
};

export const checkpointResponse = (position: bigint) => {
  const c = new streamsPb.ReadResp.Checkpoint();
  c.setCommitPosition(position.toString());
  c.setPreparePosition(position.toString());
  return new streamsPb.ReadResp().setCheckpoint(c);
};

/** A failure as the real server sends it: a status, and the error kind under `exception` in the trailers. */
export const failure = (code: grpc.status, exception: string, details: string, extra: Record<string, string> = {}): grpc.ServiceError => {
  const metadata = new grpc.Metadata();
  metadata.set('exception', exception);
  for (const [k, v] of Object.entries(extra)) metadata.set(k, v);
  return Object.assign(new Error(details), { code, details, metadata });
};

export const streamDeleted = (stream: string) => failure(grpc.status.FAILED_PRECONDITION, 'stream-deleted', `Event stream '${stream}' is deleted.`, { 'stream-name': stream });

/** A google.rpc.Status carrying one typed detail, as BatchAppend reports failures. */
export const rpcStatus = (code: grpc.status, message: string, detail: { serializeBinary(): Uint8Array }, typeName: string) => {
  const any = new anyPb.Any();
  any.pack(detail.serializeBinary(), typeName);
  const s = new statusPb.Status();
  s.setCode(code as unknown as Parameters<typeof s.setCode>[0]);
  s.setMessage(message);
  s.setDetails(any);
  return s;
};

/** The shared WrongExpectedVersion detail (BatchAppend). */
export const sharedWrongExpectedVersion = (current: bigint | undefined, expected: Expected) => {
  const w = new sharedPb.WrongExpectedVersion();
  if (current === undefined) w.setCurrentNoStream(new emptyPb.Empty());
  else w.setCurrentStreamRevision(current.toString());
  if (expected.kind === 'revision') w.setExpectedStreamPosition(expected.revision.toString());
  else if (expected.kind === 'any') w.setExpectedAny(new emptyPb.Empty());
  else if (expected.kind === 'stream_exists') w.setExpectedStreamExists(new emptyPb.Empty());
  else w.setExpectedNoStream(new emptyPb.Empty());
  return w;
};

/** The Append reply for a wrong expected version: an ordinary response message, not an error. */
export const appendWrongExpectedVersion = (current: bigint | undefined, expected: Expected) => {
  const w = new streamsPb.AppendResp.WrongExpectedVersion();
  const empty = () => new sharedPb.Empty();
  if (current === undefined) {
    w.setCurrentNoStream(empty());
    w.setNoStream2060(empty());
  } else {
    w.setCurrentRevision(current.toString());
    w.setCurrentRevision2060(Number(current));
  }
  if (expected.kind === 'revision') {
    w.setExpectedRevision(expected.revision.toString());
    w.setExpectedRevision2060(Number(expected.revision));
  } else if (expected.kind === 'any') {
    w.setExpectedAny(empty());
    w.setAny2060(empty());
  } else if (expected.kind === 'stream_exists') {
    w.setExpectedStreamExists(empty());
    w.setStreamExists2060(empty());
  } else w.setExpectedNoStream(empty());
  return new streamsPb.AppendResp().setWrongExpectedVersion(w);
};

/** The expected revision of an Append/Delete/Tombstone options message. */
export const expectedOf = (o: {
  hasRevision(): boolean;
  getRevision(): string;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
}): Expected =>
  o.hasRevision() ? { kind: 'revision', revision: BigInt(o.getRevision()) } : o.hasNoStream() ? { kind: 'no_stream' } : o.hasStreamExists() ? { kind: 'stream_exists' } : { kind: 'any' };
