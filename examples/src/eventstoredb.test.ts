import { startTestServer } from '@rapport/eventstoredb/testing';
import { expect, it } from 'vitest';
import { eventStoreDbShop } from './eventstoredb.js';

it('createCrm on EventStoreDB: commands append to the database and projections from $all answer reads', async () => {
  const server = await startTestServer();
  try {
    expect(await eventStoreDbShop(server.url)).toEqual({ orderState: 'paid', orderCount: 1 });
  } finally {
    await server.stop();
  }
});
