import { describe, expect, it } from 'vitest';
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { MemoryEventStore } from '@rapport/memory';
import { fixedClock } from './clock.js';
import { idCodec, ShortText, tagged } from './codecs.js';
import { createCommandBus } from './commandBus.js';
import type { CommandHandlerDefinition } from './commandHandler.js';
import { isRapportError } from './errors.js';
import { accountDefinition, AccountEvent, accountStream, earn, meta, open, T0, TENANT } from './loyaltyAccount.fixture.js';
import { eventRegistry } from './registry.js';
import { spyStore } from './storeSpy.fixture.js';
import { streamName } from './streams.js';

// a second aggregate: notes a shop keeps on a customer
const CustomerId = idCodec('CustomerId');
const NoteAdded = tagged('NoteAdded', { customerId: CustomerId, text: ShortText });
// a single tagged codec is a command set too
const NoteCommand = tagged('AddNote', { customerId: CustomerId, text: ShortText });
type NoteCommand = t.TypeOf<typeof NoteCommand>;
const notes: CommandHandlerDefinition<number, NoteCommand, t.TypeOf<typeof NoteAdded>> = {
  name: 'customers.notes',
  commands: NoteCommand,
  decider: {
    initialState: () => 0,
    decide: (c) => E.right([{ type: 'NoteAdded', data: c.data }]),
    evolve: (n) => n + 1,
  },
  streamOf: (c, tenantId) => streamName('customerNotes', tenantId, c.data.customerId),
};

const setup = () => {
  const registry = eventRegistry(AccountEvent, NoteAdded);
  const store = new MemoryEventStore({ registry, clock: fixedClock(T0) });
  const spy = spyStore(store);
  const bus = createCommandBus([accountDefinition, notes], { eventStore: spy.store, registry, clock: fixedClock(T0) });
  return { store, bus, reads: spy.reads };
};

describe('command bus', () => {
  it('routes each command by its type to the decider that takes it', async () => {
    const { store, bus } = setup();
    expect(E.isRight(await bus.handle(open('a1', 10, 'c1')))).toBe(true);
    const r = await bus.handle({ type: 'AddNote', data: { customerId: 'c-ann', text: 'prefers SF Express' }, metadata: meta('c2') });
    expect(E.isRight(r) && r.right.stream).toBe(streamName('customerNotes', TENANT, 'c-ann'));
    const streams = [];
    for await (const e of store.readAll()) streams.push([e.metadata.streamName, e.type]);
    expect(streams).toEqual([
      [accountStream('a1'), 'AccountOpened'],
      [accountStream('a1'), 'PointsEarned'],
      ['customerNotes-shop_a.c-ann', 'NoteAdded'],
    ]);
  });

  it('knows every command type, sorted', () => expect(setup().bus.commandTypes).toEqual(['AddNote', 'Close', 'Earn', 'Open', 'Redeem']));

  it.each([
    ['an unknown type', { type: 'Fly', data: {}, metadata: meta('c1') }, '"Fly"'],
    ['a type that is not a string', { type: 7, data: {}, metadata: meta('c1') }, '7'],
    ['no type', { data: {}, metadata: meta('c1') }, 'undefined'],
    ['null', null, 'undefined'],
  ])('refuses %s as a ValidationError at type, listing the known types', async (_why, command, shown) => {
    const { store, bus } = setup();
    const r = await bus.handle(command as never);
    expect(E.isLeft(r) && r.left).toMatchObject({
      kind: 'ValidationError',
      issues: [{ path: ['type'], message: `unknown command type ${shown}; known: AddNote, Close, Earn, Open, Redeem` }],
    });
    expect(store.size).toBe(0);
  });

  it('passes the handler answer through, refusals included', async () => {
    const { bus } = setup();
    const r = await bus.handle(earn('a1', 0, 'c1'));
    expect(E.isLeft(r) && r.left).toMatchObject({ kind: 'ValidationError', issues: [{ path: ['data', 'points'] }] });
  });

  it('refuses two deciders claiming one command type', () => {
    const registry = eventRegistry(AccountEvent);
    const thief = { ...notes, name: 'thief', commands: tagged('Earn', { customerId: CustomerId, text: ShortText }) };
    let caught: unknown;
    try {
      createCommandBus([accountDefinition, thief as never], { eventStore: new MemoryEventStore({ registry }), registry, clock: fixedClock(T0) });
    } catch (e) {
      caught = e;
    }
    expect(isRapportError(caught, 'RAPPORT_INVALID_ARGUMENT')).toBe(true);
    expect((caught as Error).message).toBe('command type Earn is taken by two deciders');
  });

  it('refuses a decider whose commands are not tagged codecs', () => {
    const registry = eventRegistry(AccountEvent);
    const untagged = { ...notes, commands: t.type({ type: t.string, data: t.unknown }) };
    expect(() =>
      createCommandBus([untagged as never], { eventStore: new MemoryEventStore({ registry }), registry, clock: fixedClock(T0) }),
    ).toThrow(/customers\.notes: commands must be a union of tagged/);
  });

  it('invalidate reaches every handler', async () => {
    const { bus, reads } = setup();
    await bus.handle(earn('a1', 1, 'c1'));
    await bus.handle({ type: 'AddNote', data: { customerId: 'c-ann', text: 'x' }, metadata: meta('c2') });
    bus.invalidate();
    await bus.handle(earn('a1', 1, 'c3'));
    await bus.handle({ type: 'AddNote', data: { customerId: 'c-ann', text: 'y' }, metadata: meta('c4') });
    expect(reads.map((r) => r.from)).toEqual([0n, 0n, 0n, 0n]);
  });
});
