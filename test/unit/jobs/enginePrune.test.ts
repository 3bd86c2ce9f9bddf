import assert from 'node:assert/strict';
import { JobEngine, NewOperation } from '../../../src/jobs/engine';
import { GlobalStateOperationStore } from '../../../src/jobs/globalStateStore';
import type { BulkOperation } from '../../../src/jobs/model';
import { ZendeskError } from '../../../src/zendesk';
import type { ZendeskClient } from '../../../src/zendesk';
import { MemoryMemento } from '../memoryMemento';

/** Zendesk refuses every create_many: each item of each operation fails. */
const refusing = {
  createManyOrganizationMemberships: async () => {
    throw new ZendeskError({ status: 403, code: 'Forbidden', description: 'You do not have access to this page.' });
  },
} as unknown as ZendeskClient;

const ORIGIN = 'https://acme.zendesk.com';
const failing = (title: string): NewOperation => ({
  origin: ORIGIN, kind: 'add', title, items: [{ userId: 1, organizationId: 2, userLabel: 'u', organizationLabel: 'o' }],
});
const empty = (title: string): NewOperation => ({ origin: ORIGIN, kind: 'add', title, items: [] });

describe('JobEngine keeps failures nobody has retried', () => {
  it('prunes old finished operations, but not those with failed items not yet retried, up to a hard cap of 200', async () => {
    const memento = new MemoryMemento();
    let now = 0;
    const engine = new JobEngine({ clientFor: async () => refusing, store: new GlobalStateOperationStore(memento), maxInFlight: () => 1, now: () => now });
    const start = async (input: NewOperation): Promise<BulkOperation> => {
      now += 1_000;
      return engine.whenFinished(engine.start(input).id);
    };
    const titles = (): string[] => engine.operations.map((operation) => operation.title);

    const [retried, kept] = [await start(failing('failed, then retried')), await start(failing('failed, not retried'))];
    assert.equal(kept.items[0].outcome, 'failed');
    const retry = engine.retryFailed(retried.id);
    assert.ok(retry);
    await engine.whenFinished(retry.id);
    for (let index = 0; index < 35; index++) {
      await start(empty(`empty ${index}`));
    }
    assert.ok(titles().includes('failed, not retried'), 'older than 30 others, kept for its failures');
    assert.ok(titles().includes(retry.title), 'the retry failed too, and nobody retried it');
    assert.ok(!titles().includes('failed, then retried'), 'its failures went to the retry');
    assert.equal(titles().filter((title) => title.startsWith('empty')).length, 30);

    for (let index = 0; index < 201; index++) {
      await start(failing(`failure ${index}`));
    }
    await start(empty('last'));
    const unretried = engine.operations.filter((operation) => !operation.retriedBy && operation.items.some((item) => item.outcome === 'failed'));
    assert.equal(unretried.length, 200);
    assert.ok(!titles().includes('failed, not retried') && !titles().includes('failure 0'), 'beyond the cap the oldest go');
    assert.ok(titles().includes('failure 1'));
    await engine.dispose();
    assert.deepEqual(new GlobalStateOperationStore(memento).load().map((operation) => operation.id).sort(), engine.operations.map((operation) => operation.id).sort());
    assert.equal([...memento.values.keys()].filter((key) => key.startsWith('zendesk.bulkOperation.items.')).length, engine.operations.length);
  });
});
