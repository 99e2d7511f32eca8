import * as streamsGrpcNs from '@eventstore/db-client/generated/streams_grpc_pb.js';
import * as streamsPbNs from '@eventstore/db-client/generated/streams_pb.js';
import * as featuresGrpcNs from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import * as featuresPbNs from '@eventstore/db-client/generated/serverfeatures_pb.js';
import * as sharedPbNs from '@eventstore/db-client/generated/shared_pb.js';
import * as statusPbNs from '@eventstore/db-client/generated/status_pb.js';
import * as anyPbNs from 'google-protobuf/google/protobuf/any_pb.js';
import * as emptyPbNs from 'google-protobuf/google/protobuf/empty_pb.js';

/**
 * The client's generated protobuf modules are CommonJS that attach their classes at run
 * time (`goog.object.extend(exports, ...)`), which an ES module namespace cannot see; the
 * real exports are on `default` then. This picks whichever object holds them.
 */
const cjs = <T>(ns: T): T => ((ns as { default?: T }).default ?? ns) as T;

export const streamsGrpc = cjs(streamsGrpcNs);
export const streamsPb = cjs(streamsPbNs);
export const featuresGrpc = cjs(featuresGrpcNs);
export const featuresPb = cjs(featuresPbNs);
export const sharedPb = cjs(sharedPbNs);
export const statusPb = cjs(statusPbNs);
export const anyPb = cjs(anyPbNs);
export const emptyPb = cjs(emptyPbNs);
