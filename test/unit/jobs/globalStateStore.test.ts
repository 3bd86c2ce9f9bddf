import assert from 'node:assert/strict';
import { GlobalStateOperationStore } from '../../../src/jobs/globalStateStore';
import { MemoryMemento } from '../memoryMemento';
import { sampleOperation } from './sampleOperation';

const operation = sampleOperation;

describe('GlobalStateOperationStore', () => {
  it('re-reads cheaply: an unchanged record is not revived again, a changed one is, and an idle save writes nothing', async () => {
    const memento = new MemoryMemento();
    const mine = new GlobalStateOperationStore(memento);
    const other = new GlobalStateOperationStore(memento);
    await other.save([operation('a', 300), operation('b', 300)], []);
    const [a1, b1] = mine.load();
    const [a2, b2] = mine.load();
    assert.equal(a2, a1, 'the same revived object while its record is unchanged');
    assert.equal(b2, b1);
    const changed = operation('b', 300);
    changed.items[0].outcome = 'succeeded';
    await other.save([changed], []);
    const [a3, b3] = mine.load();
    assert.equal(a3, a1);
    assert.notEqual(b3, b1);
    assert.equal(b3.items[0].outcome, 'succeeded');
    memento.writes.length = 0;
    await mine.save([], []);
    assert.deepEqual(memento.writes, []);
  });

  it('round-trips operations exactly', async () => {
    const memento = new MemoryMemento();
    const original = operation('a', 250);
    original.items[5].outcome = 'failed';
    original.items[5].detail = 'User is suspended';
    original.items[6].outcome = 'succeeded';
    original.chunks[0] = { ...original.chunks[0], state: 'completed', jobId: 'j1', progress: 100, total: 100 };
    await new GlobalStateOperationStore(memento).save([original], []);
    const [loaded] = new GlobalStateOperationStore(memento).load();
    assert.deepEqual(loaded, JSON.parse(JSON.stringify(original)));
  });

  it('round-trips the actions of items (make_default, a removal waiting for its addition), and reads records saved without them', async () => {
    const memento = new MemoryMemento();
    const original = operation('a', 3);
    original.items[1] = { ...original.items[1], membershipId: 55, action: 'makeDefault', makeDefault: true };
    original.items[2] = { ...original.items[2], membershipId: 56, action: 'removeAfterAdd', after: 0 };
    original.chunks = [{ index: 0, items: [0], state: 'pending' }, { index: 1, items: [1], state: 'pending', action: 'makeDefault' }, { index: 2, items: [2], state: 'pending', action: 'removeAfterAdd' }];
    original.items.forEach((item, index) => { item.chunk = index; });
    await new GlobalStateOperationStore(memento).save([original], []);
    const [loaded] = new GlobalStateOperationStore(memento).load();
    assert.deepEqual(loaded, JSON.parse(JSON.stringify(original)));
    const stored = memento.get<unknown[][]>('zendesk.bulkOperation.items.a', []);
    assert.equal(stored[0].length, 6, 'an item without an action is stored as the previous version stored it');
  });

  it('writes the items once; later saves carry only the states, kilobytes for 10,000 items', async () => {
    const memento = new MemoryMemento();
    const store = new GlobalStateOperationStore(memento);
    const big = operation('big', 10_000);
    await store.save([big], []);
    const first = memento.writes.reduce((sum, write) => sum + write.bytes, 0);
    big.items.forEach((item) => { item.outcome = 'succeeded'; });
    memento.writes.length = 0;
    await store.save([big], []);
    assert.deepEqual(memento.writes.map((write) => write.key), ['zendesk.bulkOperations']);
    assert.ok(memento.writes[0].bytes < first / 10, `${memento.writes[0].bytes} bytes vs ${first} for the first save`);
    assert.ok(memento.writes[0].bytes < 40_000);
  });

  it('drops the items of pruned operations, and ignores a half-written record', async () => {
    const memento = new MemoryMemento();
    const store = new GlobalStateOperationStore(memento);
    await store.save([operation('a', 10), operation('b', 10)], []);
    await store.save([], ['a']);
    assert.deepEqual(store.load().map((kept) => kept.id), ['b']);
    assert.equal(memento.values.has('zendesk.bulkOperation.items.a'), false);
    memento.values.delete('zendesk.bulkOperation.items.b');
    assert.deepEqual(new GlobalStateOperationStore(memento).load(), []);
  });

  it('keeps what other windows stored: a save changes only its own operations and those it drops', async () => {
    const memento = new MemoryMemento();
    const windowA = new GlobalStateOperationStore(memento);
    const windowB = new GlobalStateOperationStore(memento);
    await windowA.save([operation('a', 10)], []);
    await windowB.save([operation('b', 10)], []); // B never loaded 'a'
    assert.deepEqual(windowA.load().map((kept) => kept.id).sort(), ['a', 'b']);
    await windowB.save([], ['b']);
    assert.deepEqual(new GlobalStateOperationStore(memento).load().map((kept) => kept.id), ['a']);
    assert.equal(memento.values.has('zendesk.bulkOperation.items.a'), true);
  });

  it('does not let a stale copy overwrite an operation another window has leased since', async () => {
    const memento = new MemoryMemento();
    const store = new GlobalStateOperationStore(memento);
    const taken = { ...operation('a', 10), lease: { owner: 'B', renewedAt: 200 }, title: 'B runs it' };
    await store.save([taken], []);
    await store.save([{ ...operation('a', 10), lease: { owner: 'A', renewedAt: 100 }, title: 'stale' }], []);
    assert.equal(store.load()[0].title, 'B runs it');
    await store.save([{ ...operation('a', 10), lease: { owner: 'A', renewedAt: 300 }, title: 'claimed after expiry' }], []);
    assert.equal(store.load()[0].title, 'claimed after expiry');
  });
});
