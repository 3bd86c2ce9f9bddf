// Operations that add, remove and make defaults at once (Move, Sync, Undo): how their items are
// grouped into jobs and calls, what each item changes, and that a retry and a save keep both.
import assert from 'node:assert/strict';
import { FileOperationStore } from '../../../src/jobs/fileOperationStore';
import { chunkJobKind, itemChange, succeededByChange } from '../../../src/jobs/model';
import { type NewItem, buildOperation, retryInput } from '../../../src/jobs/operations';
import { itemRows, summarize } from '../../../src/jobs/summaries';
import { MemoryOperationFiles } from '../../../src/jobs/operationFiles';
import { MemoryMemento } from '../memoryMemento';

const item = (userId: number, extra: Partial<NewItem> = {}): NewItem => ({ userId, organizationId: 7, userLabel: `User ${userId}`, organizationLabel: 'Acme', ...extra });

describe('mixed bulk operations', () => {
  const mixed = () => buildOperation({
    origin: 'https://acme.zendesk.com', kind: 'sync', title: 'Sync Acme',
    items: [
      item(1, { action: 'makeDefault', membershipId: 11, makeDefault: true }),
      ...Array.from({ length: 150 }, (_, index) => item(100 + index, { action: 'remove', membershipId: 1000 + index })),
      ...Array.from({ length: 120 }, (_, index) => item(500 + index, { action: 'add', ...(index === 0 ? { makeDefault: true } : {}) })),
    ],
  }, 'window', 1);

  it('sends additions as create_many chunks, removals as destroy_many chunks, defaults as calls, each chunk naming its kind', () => {
    const operation = mixed();
    assert.deepEqual(operation.chunks.map((chunk) => [chunk.action, chunk.items.length]), [['add', 100], ['add', 20], ['remove', 100], ['remove', 50], ['makeDefault', 1]]);
    assert.deepEqual(operation.chunks.map((chunk) => chunkJobKind(operation, chunk)), ['add', 'add', 'remove', 'remove', undefined]);
    assert.ok(operation.chunks.every((chunk) => chunk.items.every((index) => operation.items[index].chunk === chunk.index)), 'every item knows its chunk');
    assert.deepEqual(operation.items.slice(0, 2).map((entry) => itemChange(operation, entry)), ['makeDefault', 'remove']);
  });

  it('keeps the chunks of an add or remove operation as they were: no action, the operation\'s kind', () => {
    const add = buildOperation({ origin: 'o', kind: 'add', title: 'Add', items: [item(1), item(2, { action: 'makeDefault', membershipId: 5 })] }, 'w', 1);
    assert.deepEqual(add.chunks.map((chunk) => chunk.action), [undefined, 'makeDefault']);
    assert.deepEqual(add.items.map((entry) => itemChange(add, entry)), ['add', 'makeDefault']);
    const remove = buildOperation({ origin: 'o', kind: 'remove', title: 'Remove', items: [item(1, { membershipId: 3 })] }, 'w', 1);
    assert.equal(chunkJobKind(remove, remove.chunks[0]), 'remove');
    assert.equal(itemChange(remove, remove.items[0]), 'remove');
    const move = buildOperation({ origin: 'o', kind: 'move', title: 'Move', items: [item(1), item(1, { action: 'removeAfterAdd', membershipId: 4, after: 0 })] }, 'w', 1);
    assert.deepEqual(move.chunks.map((chunk) => chunk.action), ['add', 'removeAfterAdd'], "a move's additions name their job");
    assert.deepEqual(move.items.map((entry) => itemChange(move, entry)), ['add', 'remove']);
  });

  it('retries the failed items with their own kinds, and counts, lists and saves each item by what it changes', async () => {
    const operation = mixed();
    operation.items.forEach((entry) => { entry.outcome = 'succeeded'; });
    [0, 1, 2, 200].forEach((index) => { operation.items[index].outcome = 'failed'; });
    Object.assign(operation, { state: 'completed', finishedAt: 2 });
    const retry = retryInput(operation);
    assert.equal(retry.kind, 'sync');
    assert.deepEqual(retry.items.map((entry) => entry.action), ['makeDefault', 'remove', 'remove', 'add']);
    const rebuilt = buildOperation(retry, 'w', 3);
    assert.deepEqual(rebuilt.chunks.map((chunk) => chunk.action), ['add', 'remove', 'makeDefault']);

    assert.deepEqual(succeededByChange(operation), { add: 119, remove: 148, makeDefault: 0 });
    const summary = summarize(operation);
    assert.deepEqual([summary.kind, summary.succeededBy], ['sync', { add: 119, remove: 148, makeDefault: 0 }]);
    assert.deepEqual(itemRows(operation).slice(0, 2).map((row) => row.change), ['makeDefault', 'remove']);

    const memento = new MemoryMemento();
    const files = new MemoryOperationFiles();
    await new FileOperationStore(memento, files).save([operation], []);
    const [loaded] = new FileOperationStore(memento, files).load();
    assert.deepEqual(loaded, JSON.parse(JSON.stringify(operation)), 'the kind, every item action and chunk action survive a save');
  });
});
