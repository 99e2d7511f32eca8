#!/usr/bin/env node
import { startTestServer } from './testing/testServer.js';

/**
 * `rapport-esdb-testserver [--port N]`: run the EventStoreDB protocol test server as its
 * own process. Prints the connection string on stdout; stops on SIGTERM or SIGINT.
 */
const main = async (): Promise<void> => {
  const portArg = process.argv.indexOf('--port');
  const port = portArg >= 0 ? Number(process.argv[portArg + 1]) : undefined;
  const server = await startTestServer(port === undefined ? {} : { port });
  process.stdout.write(`${server.url}\n`);
  const shutdown = () => void server.stop().then(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
};

main().catch((err: unknown) => {
  process.stderr.write(`rapport-esdb-testserver: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
