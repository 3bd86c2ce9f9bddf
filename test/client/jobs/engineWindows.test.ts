import assert from 'node:assert/strict';
import { countItems } from '../../../src/jobs/model';
import type { ZendeskClient } from '../../../src/zendesk';
import { Rig, additions, createManyCount, rig } from '../jobRig';

const LEASE_MS = 60_000;

/** A window that stops mid-submission (frozen, or its extension host gone): its client never answers until `crash`. */
function frozenClient(): { client: () => Promise<ZendeskClient>; crash(): void } {
  let crash: (error: Error) => void = () => undefined;
  const stuck = new Promise<ZendeskClient>((_resolve, reject) => { crash = reject; });
  return { client: () => stuck, crash: () => crash(new Error('the window is gone')) };
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('bulk job engines in two windows sharing globalState', () => {
  let current: Rig | undefined;
  let now = 1_000_000;
  const clock = (): number => now;
  afterEach(async () => {
    await current?.sandbox.close();
    current = undefined;
  });

  it('each window sees the other\'s operations, keeps them when it saves, and only the owner submits', async () => {
    current = await rig({ users: 400, jobMsPerItem: 2, jobWorkers: 2 });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Two Windows Org' });
    const windowA = current.engine(1, { windowId: 'A', now: clock });
    const first = windowA.start({ origin: sandbox.url, kind: 'add', title: 'A adds 250', items: additions(sandbox, org.id, 0, 250) });
    await windowA.sync(); // saved, with A's lease

    const windowB = current.engine(3, { windowId: 'B', now: clock }); // opened while A runs `first`
    windowB.resume();
    await windowB.sync();
    const second = windowB.start({ origin: sandbox.url, kind: 'add', title: 'B adds 100', items: additions(sandbox, org.id, 250, 350) });
    await windowB.sync();
    await windowA.sync();
    assert.equal(windowB.find(first.id)?.title, 'A adds 250');
    assert.equal(windowA.find(second.id)?.title, 'B adds 100');
    assert.equal(windowB.cancel(first.id), 0, 'only the window running it cancels it');

    await Promise.all([windowA.whenFinished(first.id), windowB.whenFinished(second.id)]);
    await windowB.dispose(); // B closes: A's operation must survive B's last save
    assert.deepEqual(current.stored().map((operation) => operation.id).sort(), [first.id, second.id].sort());
    await windowA.dispose();
    assert.deepEqual(current.stored().map((operation) => [operation.title, countItems(operation).succeeded]).sort(), [['A adds 250', 250], ['B adds 100', 100]]);
    assert.equal(windowA.stats.jobsSubmitted, 3);
    assert.equal(windowB.stats.jobsSubmitted, 1, 'B sent its own chunk and none of A\'s');
    assert.equal(createManyCount(sandbox), 4);
    assert.equal(sandbox.store.membershipsOfOrg(org.id).length, 350);
  });

  it('takes over a running operation once its window has not renewed the lease for a minute, and the old window cannot overwrite it', async () => {
    current = await rig({ users: 300, jobMsPerItem: 1 });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Takeover Org' });
    const frozen = frozenClient();
    const windowA = current.engine(2, { windowId: 'A', now: clock, clientFor: frozen.client });
    const operation = windowA.start({ origin: sandbox.url, kind: 'add', title: 'Add 250', items: additions(sandbox, org.id, 0, 250) });
    await windowA.sync();

    const windowB = current.engine(2, { windowId: 'B', now: clock });
    await windowB.sync();
    await windowB.sync();
    now += LEASE_MS; // not yet expired: B leaves A's work alone
    await windowB.sync();
    await windowB.sync();
    assert.equal(createManyCount(sandbox), 0);
    assert.equal(windowB.stats.jobsSubmitted, 0);

    now += 1_000; // A has not renewed for more than a minute
    await windowB.sync(); // claims
    await windowB.sync(); // the claim held: runs it
    const done = await windowB.whenFinished(operation.id);
    assert.equal(countItems(done).succeeded, 250);

    frozen.crash(); // A's stuck submission fails now, and A writes its stale view
    await windowA.dispose();
    await windowB.dispose();
    const [stored] = current.stored();
    assert.equal(stored.lease?.owner, 'B');
    assert.deepEqual(countItems(stored), { total: 250, pending: 0, submitted: 0, succeeded: 250, failed: 0, cancelled: 0 });
    assert.equal(createManyCount(sandbox), 3);
    assert.equal(sandbox.store.membershipsOfOrg(org.id).length, 250);
  });

  it('the same window after a reload resumes its own operation at once, though its host could not release the lease', async () => {
    current = await rig({ users: 300, jobMsPerItem: 1 });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Reloaded Window Org' });
    const frozen = frozenClient();
    const before = current.engine(1, { windowId: 'A', now: clock, clientFor: frozen.client });
    const operation = before.start({ origin: sandbox.url, kind: 'add', title: 'Add 150', items: additions(sandbox, org.id, 0, 150) });
    await before.sync(); // saved with a fresh lease; then the host is gone without a word (a browser reload)

    const after = current.engine(2, { windowId: 'A', now: clock }); // the lease has not expired: no clock change
    after.resume();
    const done = await after.whenFinished(operation.id);
    frozen.crash();
    await after.dispose();
    assert.deepEqual(countItems(done), { total: 150, pending: 0, submitted: 0, succeeded: 150, failed: 0, cancelled: 0 });
    assert.equal(sandbox.store.membershipsOfOrg(org.id).length, 150);
  });

  it('reconciles a chunk persisted mid-submission instead of sending it again: what Zendesk made is done, nothing is sent twice', async () => {
    current = await rig({ users: 300, jobMsPerItem: 1 });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Mid Submission Org' });
    const frozen = frozenClient();
    const windowA = current.engine(1, { windowId: 'A', now: clock, clientFor: frozen.client });
    const items = additions(sandbox, org.id, 0, 150);
    const operation = windowA.start({ origin: sandbox.url, kind: 'add', title: 'Add 150', items });
    await windowA.sync();
    await waitUntil(() => current?.stored()[0]?.chunks[0].state === 'submitting', 'the chunk to be saved as submitting, before its request');
    assert.deepEqual(current.stored()[0].chunks.map((chunk) => chunk.state), ['submitting', 'pending']);
    // The request had reached Zendesk, but the window went away before the answer came back.
    items.slice(0, 100).forEach((item) => sandbox.store.createMembership(item.userId, org.id));

    now += LEASE_MS + 1_000;
    const windowB = current.engine(2, { windowId: 'B', now: clock });
    windowB.resume();
    const done = await windowB.whenFinished(operation.id);
    frozen.crash();
    await windowA.dispose();
    await windowB.dispose();
    assert.deepEqual(countItems(done), { total: 150, pending: 0, submitted: 0, succeeded: 150, failed: 0, cancelled: 0 });
    assert.deepEqual(done.items.slice(0, 100).map((item) => item.detail), Array(100).fill(undefined), 'made by the lost attempt: plain successes');
    assert.equal(done.chunks[0].attempts, 1, 'the lost attempt of A only: B found its items done and sent nothing');
    assert.equal(createManyCount(sandbox), 1, 'only the second chunk was sent');
    assert.ok(windowB.stats.jobSearches >= 1 && windowB.stats.readBacks >= 1, 'B looked for the job, then read the items back');
    assert.equal(sandbox.store.membershipsOfOrg(org.id).length, 150);
  });
});
