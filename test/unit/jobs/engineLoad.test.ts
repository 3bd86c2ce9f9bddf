// Activation builds the job engine; reading the stored operations (0.5 s for 30 operations of
// 10,000 items) waits until something asks for them, so the tree view is registered first.
import assert from 'node:assert/strict';
import { JobEngine } from '../../../src/jobs/engine';
import { GlobalStateOperationStore } from '../../../src/jobs/globalStateStore';
import type { OperationStore } from '../../../src/jobs/saveQueue';
import type { ZendeskClient } from '../../../src/zendesk';
import { MemoryMemento } from '../memoryMemento';

describe('JobEngine reads the store on first use', () => {
  it('not when it is built, then once', async () => {
    const memento = new MemoryMemento();
    const writer = new JobEngine({ clientFor: async () => ({}) as ZendeskClient, store: new GlobalStateOperationStore(memento), maxInFlight: () => 1 });
    const stored = writer.start({ origin: 'https://acme.zendesk.com', kind: 'add', title: 'Add nothing', items: [] });
    await writer.dispose();

    const inner = new GlobalStateOperationStore(memento);
    let loads = 0;
    const counting: OperationStore = { load: () => { loads++; return inner.load(); }, save: (changed, dropped) => inner.save(changed, dropped) };
    const engine = new JobEngine({ clientFor: async () => ({}) as ZendeskClient, store: counting, maxInFlight: () => 1 });
    assert.equal(loads, 0, 'building the engine reads nothing');
    assert.deepEqual(engine.operations.map((operation) => operation.id), [stored.id]);
    assert.equal(engine.find(stored.id)?.title, 'Add nothing');
    assert.equal(loads, 1, 'read once, on first use');
    await engine.dispose();
  });
});
