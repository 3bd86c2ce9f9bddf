import assert from 'node:assert/strict';
import { GlobalStateOperationStore, MementoLike } from '../../src/jobs/globalStateStore';
import type { BulkOperation } from '../../src/jobs/model';

/** globalState as the extension host keeps it: JSON copies per key, writes counted. */
class MemoryMemento implements MementoLike {
  readonly values = new Map<string, string>();
  readonly writes: Array<{ key: string; bytes: number }> = [];
  get<T>(key: string, defaultValue: T): T {
    const text = this.values.get(key);
    return text === undefined ? defaultValue : JSON.parse(text) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, JSON.stringify(value));
    }
    this.writes.push({ key, bytes: value === undefined ? 0 : JSON.stringify(value).length });
  }
}

function operation(id: string, size: number): BulkOperation {
  const items = Array.from({ length: size }, (_, index) => ({
    index, userId: 1000 + index, organizationId: 7, userLabel: `User ${index} <u${index}@example.com>`, organizationLabel: 'Acme',
    outcome: 'pending' as const, chunk: Math.floor(index / 100), ...(index === 3 ? { makeDefault: true } : {}),
  }));
  const chunks = Array.from({ length: Math.ceil(size / 100) }, (_, index) => ({
    index, items: items.slice(index * 100, index * 100 + 100).map((item) => item.index), state: 'pending' as const,
  }));
  return { id, origin: 'https://acme.zendesk.com', kind: 'add', title: `Add ${size}`, createdAt: 1, state: 'running', items, chunks };
}

describe('GlobalStateOperationStore', () => {
  it('round-trips operations exactly', async () => {
    const memento = new MemoryMemento();
    const original = operation('a', 250);
    original.items[5].outcome = 'failed';
    original.items[5].detail = 'User is suspended';
    original.items[6].outcome = 'succeeded';
    original.chunks[0] = { ...original.chunks[0], state: 'completed', jobId: 'j1', progress: 100, total: 100 };
    await new GlobalStateOperationStore(memento).save([original]);
    const [loaded] = new GlobalStateOperationStore(memento).load();
    assert.deepEqual(loaded, JSON.parse(JSON.stringify(original)));
  });

  it('writes the items once; later saves carry only the states, kilobytes for 10,000 items', async () => {
    const memento = new MemoryMemento();
    const store = new GlobalStateOperationStore(memento);
    const big = operation('big', 10_000);
    await store.save([big]);
    const first = memento.writes.reduce((sum, write) => sum + write.bytes, 0);
    big.items.forEach((item) => { item.outcome = 'succeeded'; });
    memento.writes.length = 0;
    await store.save([big]);
    assert.deepEqual(memento.writes.map((write) => write.key), ['zendesk.bulkOperations']);
    assert.ok(memento.writes[0].bytes < first / 10, `${memento.writes[0].bytes} bytes vs ${first} for the first save`);
    assert.ok(memento.writes[0].bytes < 40_000);
  });

  it('drops the items of pruned operations, and ignores a half-written record', async () => {
    const memento = new MemoryMemento();
    const store = new GlobalStateOperationStore(memento);
    await store.save([operation('a', 10), operation('b', 10)]);
    await store.save([operation('b', 10)]);
    assert.equal(memento.values.has('zendesk.bulkOperation.items.a'), false);
    memento.values.delete('zendesk.bulkOperation.items.b');
    assert.deepEqual(new GlobalStateOperationStore(memento).load(), []);
  });
});
