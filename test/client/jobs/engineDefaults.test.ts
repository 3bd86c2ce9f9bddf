// Default changes in bulk: existing memberships made the default with make_default, one call per
// item, in the same operation as the additions; each item settles by itself and is retryable.
import assert from 'node:assert/strict';
import { buildOperation } from '../../../src/jobs/operations';
import { countItems } from '../../../src/jobs/model';
import type { NewItem } from '../../../src/jobs/engine';
import { Rig, additions, rig } from '../jobRig';

describe('bulk job engine: default changes (make_default calls)', () => {
  let current: Rig | undefined;
  afterEach(async () => {
    await current?.sandbox.close();
    current = undefined;
  });

  it('chunks the calls apart from the jobs, jobs first; an operation saved without actions (the previous version) has none', () => {
    const items: NewItem[] = [
      ...Array.from({ length: 150 }, (_, i) => ({ userId: i + 1, organizationId: 9, userLabel: `u${i}`, organizationLabel: 'o' })),
      ...Array.from({ length: 120 }, (_, i) => ({ userId: i + 1000, organizationId: 9, membershipId: i + 5000, action: 'makeDefault' as const, userLabel: `d${i}`, organizationLabel: 'o' })),
    ];
    const operation = buildOperation({ origin: 'http://127.0.0.1:1', kind: 'add', title: 't', items }, 'w', 0);
    assert.deepEqual(operation.chunks.map((chunk) => [chunk.action, chunk.items.length]), [[undefined, 100], [undefined, 50], ['makeDefault', 100], ['makeDefault', 20]]);
    assert.ok(operation.items.every((item) => operation.chunks[item.chunk as number].items.includes(item.index)));
    assert.ok(operation.chunks.slice(2).every((chunk) => chunk.items.every((index) => operation.items[index].action === 'makeDefault')));
    const plain = buildOperation({ origin: 'http://127.0.0.1:1', kind: 'add', title: 't', items: items.slice(0, 150) }, 'w', 0);
    assert.ok(plain.chunks.every((chunk) => !('action' in chunk)), 'nothing new is persisted for plain operations');
  });

  it('adds new members and makes existing memberships the default in one operation; a vanished membership fails alone, with why, and its retry keeps the action (and fails again: it is still gone)', async () => {
    current = await rig({ users: 200, jobMsPerItem: 1 });
    const { sandbox } = current;
    const [home, target] = [sandbox.store.addOrganization({ name: 'Home' }), sandbox.store.addOrganization({ name: 'Default Target' })];
    const existing = Array.from({ length: 130 }, (_, i) => sandbox.store.users.at(40 + i));
    const memberships = existing.map((user) => {
      sandbox.store.createMembership(user.id, home.id, { default: true });
      return sandbox.store.createMembership(user.id, target.id);
    });
    assert.ok(memberships.every((m) => !m.default));
    const gone = memberships[7];
    sandbox.store.deleteMembership(gone.id);
    const items: NewItem[] = [
      ...additions(sandbox, target.id, 2, 12),
      ...memberships.map((m, i) => ({ userId: m.user_id, organizationId: target.id, membershipId: m.id, makeDefault: true, action: 'makeDefault' as const, userLabel: existing[i].name, organizationLabel: target.name })),
    ];
    const engine = current.engine(3);
    const done = await engine.whenFinished(engine.start({ origin: sandbox.url, kind: 'add', title: 'Defaults', items }).id);
    assert.deepEqual(countItems(done), { total: 140, pending: 0, submitted: 0, succeeded: 139, failed: 1, cancelled: 0 });
    const failed = done.items.find((item) => item.outcome === 'failed');
    assert.equal(failed?.membershipId, gone.id);
    assert.ok(failed?.detail, 'the failure says why');
    for (const m of memberships.filter((candidate) => candidate.id !== gone.id)) {
      assert.equal(sandbox.store.getMembership(m.id)?.default, true, `membership ${m.id} is the default`);
      assert.equal(sandbox.store.defaultOrganizationOf(m.user_id), target.id);
    }
    assert.equal(sandbox.store.membershipsOfOrg(target.id).length, 139, '10 added, 129 kept');
    assert.equal(sandbox.requests.filter((request) => request.path.endsWith('/make_default')).length, 130, 'one call per item, none repeated');

    const retry = engine.retryFailed(done.id);
    assert.ok(retry);
    assert.equal(retry.items[0].action, 'makeDefault', 'the retry keeps the action');
    const retried = await engine.whenFinished(retry.id);
    assert.equal(countItems(retried).failed, 1);
    await engine.dispose();
  });

  it('a window that stopped mid-call leaves the chunk submitting; the next window runs the calls again instead of looking for a job', async () => {
    current = await rig({ users: 60, jobMsPerItem: 1 });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Crash Default' });
    const user = sandbox.store.users.at(30);
    const membership = sandbox.store.createMembership(user.id, org.id);
    let now = 1_000_000;
    const clock = (): number => now;
    const stuck = new Promise<never>(() => undefined); // a window whose extension host froze mid-call
    const windowA = current.engine(2, { windowId: 'A', now: clock, clientFor: () => stuck });
    const operation = windowA.start({ origin: sandbox.url, kind: 'add', title: 'One default', items: [
      { userId: user.id, organizationId: org.id, membershipId: membership.id, action: 'makeDefault', makeDefault: true, userLabel: user.name, organizationLabel: org.name },
    ] });
    await windowA.sync();
    const deadline = Date.now() + 10_000;
    while (current.stored()[0]?.chunks[0].state !== 'submitting') {
      if (Date.now() > deadline) throw new Error('the chunk was never saved as submitting');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    now += 61_000; // A's lease runs out
    const windowB = current.engine(2, { windowId: 'B', now: clock });
    windowB.resume();
    const done = await windowB.whenFinished(operation.id);
    await windowB.dispose();
    assert.equal(countItems(done).succeeded, 1);
    assert.equal(sandbox.store.getMembership(membership.id)?.default, true);
    assert.equal(sandbox.requests.filter((request) => request.path.includes('job_statuses')).length, 0, 'no job was looked for');
  });
});
