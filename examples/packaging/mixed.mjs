// One process holding both copies of each package: the ESM one through `import`, the CJS one
// through `require` (an ESM app using a CJS dependency that requires Rapport does exactly this).
import { createRequire } from 'node:module';
import * as esmCore from '@rapport/core';
import * as esmMemory from '@rapport/memory';

const require = createRequire(import.meta.url);
const cjsCore = require('@rapport/core');
const cjsMemory = require('@rapport/memory');

const Earned = (core) => core.tagged('PointsEarned', { customerId: core.ShortText, points: core.Fen });
const earned = (commandId, points) => ({
  type: 'PointsEarned',
  data: { customerId: 'ann', points },
  metadata: {
    eventId: `${commandId}-0`,
    occurredAt: '2026-05-01T07:59:00.000Z',
    tenantId: 'shop-1',
    actor: { kind: 'user', id: 'clerk-7' },
    commandId,
    correlationId: commandId,
    causationId: commandId,
    schemaVersion: 1,
  },
});
const conflictFrom = async (store) => {
  await store.appendToStream('points-shop-1.ann', [earned('cmd-1', 10)], { expectedVersion: 'no_stream' });
  try {
    await store.appendToStream('points-shop-1.ann', [earned('cmd-2', 10)], { expectedVersion: 'no_stream' });
  } catch (err) {
    return err;
  }
  throw new Error('the second no_stream append was accepted');
};
const verdict = (err, core) => ({
  isRapportError: core.isRapportError(err),
  isWrongExpectedVersion: core.isRapportError(err, core.WrongExpectedVersion.code),
  instanceOfThisCopy: err instanceof core.WrongExpectedVersion,
});

// a store from one copy, fed a registry built with the other copy (app code and library disagree on format)
const esmStore = new esmMemory.MemoryEventStore({ registry: cjsCore.eventRegistry(Earned(cjsCore)) });
const cjsStore = new cjsMemory.MemoryEventStore({ registry: esmCore.eventRegistry(Earned(esmCore)) });
const fromEsm = await conflictFrom(esmStore);
const fromCjs = await conflictFrom(cjsStore);
const chains = [
  await cjsCore.verifyStreamChain(esmStore.readStream('points-shop-1.ann', { raw: true })),
  await esmCore.verifyStreamChain(cjsStore.readStream('points-shop-1.ann', { raw: true })),
];

console.log(
  JSON.stringify({
    distinctCopies: esmCore.RapportError !== cjsCore.RapportError,
    esmErrorSeenByCjs: verdict(fromEsm, cjsCore),
    esmErrorSeenByEsm: verdict(fromEsm, esmCore),
    cjsErrorSeenByEsm: verdict(fromCjs, esmCore),
    cjsErrorSeenByCjs: verdict(fromCjs, cjsCore),
    chains,
  }),
);
