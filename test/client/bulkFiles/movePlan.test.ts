// Move Members against the sandbox: the plan, then the operation the engine runs from it. Nobody
// ends up in neither organization, defaults move with their users, and nothing is asked twice.
import assert from 'node:assert/strict';
import { type MoveSource, planMove } from '../../../src/bulkFiles/movePlan';
import { countItems } from '../../../src/jobs/model';
import { type Rig, rig } from '../jobRig';

describe('moving members between organizations', () => {
  let current: Rig | undefined;
  afterEach(async () => {
    await current?.sandbox.close();
    current = undefined;
  });

  const sourcesOf = (r: Rig, organizationId: number, withDefaults: boolean): MoveSource[] => r.sandbox.store.membershipsOfOrg(organizationId).map((m) => ({
    userId: m.user_id, organizationId, membershipId: m.id, ...(withDefaults ? { isDefault: m.default } : {}),
    userLabel: r.sandbox.store.getUser(m.user_id)!.name, organizationLabel: String(organizationId),
  }));

  it('moves 150 members, defaults kept, one already in the target; a failed addition leaves its user where they were', async () => {
    current = await rig({ users: 300, jobMsPerItem: 1 });
    const { sandbox } = current;
    const [source, target] = [sandbox.store.addOrganization({ name: 'Move From' }), sandbox.store.addOrganization({ name: 'Move To' })];
    const users = Array.from({ length: 150 }, (_, i) => sandbox.store.users.at(100 + i));
    users.forEach((user, i) => sandbox.store.createMembership(user.id, source.id, { default: i % 10 === 0 }));
    sandbox.store.createMembership(users[0].id, target.id); // already in the target, not as the default
    sandbox.store.createMembership(users[1].id, target.id);
    const before = new Map(users.map((user) => [user.id, sandbox.store.defaultOrganizationOf(user.id)]));

    // Defaults unknown (as from a file): read from the users.
    const plan = await planMove(current.client, sourcesOf(current, source.id, false), target);
    assert.deepEqual(plan.counts, { added: 148, asDefault: 14, madeDefault: 1, removed: 150 });
    assert.equal(plan.items.filter((item) => item.action === 'removeAfterAdd' && item.after === undefined).length, 1, "users[1]: already in the target, nothing to wait for");
    assert.equal(sandbox.requests.filter((request) => request.method !== 'GET').length, 0, 'planning sends nothing');

    sandbox.jobs.failNext(1, 'failed', 40); // the first job of 100 additions dies after 40
    const engine = current.engine(2);
    const done = await engine.whenFinished(engine.start({ origin: sandbox.url, kind: 'move', title: 'Move', items: plan.items }).id);
    await engine.dispose();

    const failedAdditions = done.items.filter((item) => item.action === undefined && item.outcome === 'failed').map((item) => item.userId);
    assert.equal(failedAdditions.length, 60);
    for (const user of users) {
      const inSource = sandbox.store.findMembership(user.id, source.id) !== undefined;
      const inTarget = sandbox.store.findMembership(user.id, target.id) !== undefined;
      assert.ok(inSource || inTarget, `${user.name} is in one of them`);
      if (failedAdditions.includes(user.id)) {
        assert.ok(inSource && !inTarget, `${user.name}'s addition failed: still in the source only`);
        assert.equal(sandbox.store.defaultOrganizationOf(user.id), before.get(user.id), 'and their default is unchanged');
      } else {
        assert.ok(!inSource && inTarget, `${user.name} moved`);
        if (before.get(user.id) === source.id) assert.equal(sandbox.store.defaultOrganizationOf(user.id), target.id, `${user.name}'s default moved with them`);
      }
    }
    const notRemoved = done.items.filter((item) => item.action === 'removeAfterAdd' && item.outcome === 'failed');
    assert.equal(notRemoved.length, 60);
    assert.ok(notRemoved.every((item) => /not removed/.test(item.detail ?? '')), 'each says why it stayed');
    assert.equal(countItems(done).failed, 120);

    // Retrying the failed items moves the rest: additions first, then their removals.
    const engine2 = current.engine(2);
    const retry = engine2.retryFailed(done.id);
    assert.ok(retry);
    assert.ok(retry.items.filter((item) => item.action === 'removeAfterAdd').every((item) => item.after !== undefined && retry.items[item.after].userId === item.userId), 'each removal waits for its own addition');
    const retried = await engine2.whenFinished(retry.id);
    await engine2.dispose();
    assert.equal(countItems(retried).succeeded, 120);
    assert.equal(sandbox.store.membershipsOfOrg(source.id).length, 0);
    assert.equal(sandbox.store.membershipsOfOrg(target.id).length, 150);
  });

  it('memberships already in the target are skipped; a user moved from two organizations is added once', async () => {
    current = await rig({ users: 60, jobMsPerItem: 1 });
    const { sandbox } = current;
    const [a, b, target] = ['A', 'B', 'T'].map((name) => sandbox.store.addOrganization({ name: `Org ${name}` }));
    const user = sandbox.store.users.at(40);
    sandbox.store.createMembership(user.id, a.id, { default: true });
    sandbox.store.createMembership(user.id, b.id);
    const stayer = sandbox.store.users.at(41);
    sandbox.store.createMembership(stayer.id, target.id);
    const sources = [...sourcesOf(current, a.id, true), ...sourcesOf(current, b.id, true), ...sourcesOf(current, target.id, true)];
    const plan = await planMove(current.client, sources, target);
    assert.equal(plan.inTarget.length, 1);
    assert.deepEqual(plan.counts, { added: 1, asDefault: 1, madeDefault: 0, removed: 2 });
    const engine = current.engine(2);
    await engine.whenFinished(engine.start({ origin: sandbox.url, kind: 'move', title: 'Move', items: plan.items }).id);
    await engine.dispose();
    const after = sandbox.store.membershipsOfUser(user.id);
    assert.deepEqual(after.filter((m) => [a.id, b.id, target.id].includes(m.organization_id)).map((m) => [m.organization_id, m.default]), [[target.id, true]]);
    assert.equal(sandbox.requests.filter((request) => request.path.endsWith('/create_many')).length, 1);
  });
});
