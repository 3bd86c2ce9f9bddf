import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { countItems } from '../../../src/jobs/model';
import type { MemoryOperationFiles } from '../../../src/jobs/operationFiles';
import { Rig, additions, createManyCount, rig } from '../jobRig';

const FIXTURE = path.resolve(__dirname, '../../../../test/unit/fixtures/bulkOperations-0.1.0.json');

/** Counts the writes of each operation's state file (what every save of a running operation writes). */
function countStateWrites(files: MemoryOperationFiles): () => number {
  let count = 0;
  const write = files.write.bind(files);
  files.write = async (name, text) => {
    count += name.endsWith('.state.json') ? 1 : 0;
    return write(name, text);
  };
  return () => count;
}

describe('bulk job engine: storage', () => {
  let current: Rig | undefined;
  afterEach(async () => {
    await current?.sandbox.close();
    current = undefined;
  });

  it('resumes a running operation saved by version 0.1.0 (all in globalState): sends only what was not sent, and moves it to files', async () => {
    current = await rig({ users: 300, orgs: 3, jobMsPerItem: 1 });
    const { values } = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { values: Record<string, unknown> };
    Object.entries(values).forEach(([key, value]) => current?.memento.values.set(key, JSON.stringify(value)));
    const engine = current.engine(10);
    engine.resume();
    const done = await engine.whenFinished('7d0c3f6e-1111-4a8b-9c1d-000000000001');
    await engine.dispose();
    assert.deepEqual(countItems(done), { total: 250, pending: 0, submitted: 0, succeeded: 250, failed: 0, cancelled: 0 });
    assert.equal(done.items[7].detail, 'already a member', 'details saved by the old version are kept');
    assert.equal(createManyCount(current.sandbox), 2, 'the chunk the old version finished is not sent again');
    assert.deepEqual([...current.memento.values.keys()].filter((key) => key.startsWith('zendesk.bulkOperation')), ['zendesk.bulkOperationIndex']);
    const stored = current.stored();
    assert.deepEqual(stored.map((operation) => [operation.title, operation.state, countItems(operation).failed]).sort(), [
      ['Add 120 members to Org 3', 'completed', 1], ['Add 250 members to Org 3', 'completed', 0],
    ]);
  });

  it('saves once per submission burst and once per poll round, not once per job', async () => {
    current = await rig({ users: 1_100, jobMsPerItem: 2, jobWorkers: 10 });
    const { sandbox } = current;
    const stateWrites = countStateWrites(current.files);
    const org = sandbox.store.addOrganization({ name: 'Burst Org' });
    const engine = current.engine(10);
    const operation = engine.start({ origin: sandbox.url, kind: 'add', title: 'Add 1,000', items: additions(sandbox, org.id, 0, 1_000) });
    const done = await engine.whenFinished(operation.id);
    await engine.dispose();
    assert.equal(countItems(done).succeeded, 1_000);
    assert.equal(engine.stats.jobsSubmitted, 10);
    // Saved before the burst and after it, then at most once a poll (and the start, and the close).
    assert.ok(stateWrites() <= engine.stats.statusPolls + 4, `${stateWrites()} writes for ${engine.stats.statusPolls} polls`);
    assert.ok(stateWrites() < 2 * 10, `${stateWrites()} writes: fewer than the two per job a save per submission would take`);
  });
});
