import * as grpc from '@grpc/grpc-js';
import { featuresGrpc, featuresPb, streamsGrpc } from './generated.js';
import { MemoryLog } from './memoryLog.js';
import { ReadHandler } from './readHandler.js';
import { WriteHandlers } from './writeHandlers.js';

/** A running test server. */
export interface TestServer {
  /** Connection string for `EventStoreDBClient.connectionString`: `esdb://127.0.0.1:<port>?tls=false`. */
  readonly url: string;
  readonly port: number;
  /** End live subscriptions, then stop the server. */
  stop(): Promise<void>;
  /** End every live subscription with UNAVAILABLE, as a dropped connection would (for resubscription tests). */
  dropSubscriptions(): void;
}

export interface TestServerOptions {
  /** Port to listen on (default: a free one). */
  readonly port?: number;
  /** Largest append in bytes of data and metadata (the real server's default: 1 MiB). */
  readonly maxAppendSize?: number;
}

/** The version the real server reports; the client picks BatchAppend and newer messages from it. */
export const SERVER_VERSION = '23.10.0';

const STREAMS = 'event_store.client.streams.streams';

/**
 * Start an in-process gRPC server speaking EventStoreDB's client protocol (Streams:
 * Read, Append, BatchAppend, Delete, Tombstone; ServerFeatures) over an in-memory log.
 * Unmodified `@eventstore/db-client` code connects to it with the returned url.
 */
export const startTestServer = async (options: TestServerOptions = {}): Promise<TestServer> => {
  const log = new MemoryLog();
  const reads = new ReadHandler(log);
  const writes = new WriteHandlers(log, options.maxAppendSize ?? 1_048_576);
  const server = new grpc.Server();
  server.addService(streamsGrpc.StreamsService as unknown as grpc.ServiceDefinition, {
    read: reads.handle,
    append: writes.append,
    batchAppend: writes.batchAppend,
    delete: writes.delete,
    tombstone: writes.tombstone,
  } as unknown as grpc.UntypedServiceImplementation);
  server.addService(featuresGrpc.ServerFeaturesService as unknown as grpc.ServiceDefinition, {
    getSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
      const methods = new featuresPb.SupportedMethods();
      methods.setEventStoreServerVersion(SERVER_VERSION);
      const method = (name: string, features: string[] = []) => {
        const m = new featuresPb.SupportedMethod();
        m.setServiceName(STREAMS);
        m.setMethodName(name);
        m.setFeaturesList(features);
        return m;
      };
      methods.setMethodsList([
        method('read', ['position', 'events']),
        method('append'),
        method('batchappend'),
        method('delete'),
        method('tombstone'),
      ]);
      callback(null, methods);
    },
  } as unknown as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  let stopped: Promise<void> | undefined;
  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    dropSubscriptions: () => reads.dropSubscriptions(),
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        reads.endSubscriptions();
        // wait briefly for clients to hang up, then cut whatever is left
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 500);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      })),
  };
};
