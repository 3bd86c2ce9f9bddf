// One operation that adds (create_many), removes (destroy_many) and makes defaults (make_default
// calls), as Sync and Undo send: each item is sent, settled and retried as its own kind says,
// whatever the operation's kind.
import assert from 'node:assert/strict';
import type { NewItem } from '../../../src/jobs/engine';
import { countItems, itemChange, succeededByChange } from '../../../src/jobs/model';
import { type Rig, rig } from '../jobRig';

const DESTROY_MANY = /^\/api\/v2\/organization_memberships\/destroy_many$/;

describe('bulk job engine: mixed operations', () => {
  let current: Rig | undefined;
  afterEach(async () => {
    await current?.sandbox.close();
    current = undefined;
  });

  it('adds, removes and makes defaults in one sync operation; a refused destroy_many fails its items, and their retry removes them', async () => {
    current = await rig({ users: 300, jobMsPerItem: 1 });
    const { sandbox } = current;
    const [synced, other] = [sandbox.store.addOrganization({ name: 'Synced' }), sandbox.store.addOrganization({ name: 'Other' })];
    const user = (index: number) => sandbox.store.users.at(index);
    for (let index = 0; index < 130; index++) {
      if (index >= 120) sandbox.store.createMembership(user(index).id, other.id, { default: true });
      sandbox.store.createMembership(user(index).id, synced.id, { default: false });
    }
    const label = { organizationLabel: 'Synced' };
    const removals: NewItem[] = Array.from({ length: 110 }, (_, index) => ({
      action: 'remove', userId: user(index).id, organizationId: synced.id, membershipId: sandbox.store.findMembership(user(index).id, synced.id)!.id, userLabel: user(index).name, ...label,
    }));
    const additions: NewItem[] = Array.from({ length: 120 }, (_, offset) => ({
      action: 'add', userId: user(130 + offset).id, organizationId: synced.id, userLabel: user(130 + offset).name, ...label, ...(offset < 3 ? { makeDefault: true } : {}),
    }));
    const defaults: NewItem[] = Array.from({ length: 5 }, (_, offset) => ({
      action: 'makeDefault', makeDefault: true, userId: user(120 + offset).id, organizationId: synced.id, membershipId: sandbox.store.findMembership(user(120 + offset).id, synced.id)!.id, userLabel: user(120 + offset).name, ...label,
    }));
    const ghostAddition: NewItem = { action: 'add', userId: 999_999_991, organizationId: synced.id, userLabel: 'ghost', ...label };
    const ghostDefault: NewItem = { action: 'makeDefault', makeDefault: true, userId: user(5).id, organizationId: synced.id, membershipId: 999_999_992, userLabel: 'ghost default', ...label };
    // Interleaved on purpose: the engine groups them by what they do.
    const items = [...defaults, ghostDefault, ...removals.slice(0, 50), ...additions, ghostAddition, ...removals.slice(50)];
    sandbox.faults.inject({ path: DESTROY_MANY, kind: 'status', status: 403, body: '{"error":"Forbidden","description":"Not now"}', times: 1 });

    const engine = current.engine(1);
    const started = engine.start({ origin: sandbox.url, kind: 'sync', title: 'Sync Synced', items });
    assert.deepEqual(started.chunks.map((chunk) => chunk.action), ['add', 'add', 'remove', 'remove', 'makeDefault'], 'jobs of each kind, then the calls');
    const done = await engine.whenFinished(started.id);
    await engine.dispose();

    assert.equal(countItems(done).pending + countItems(done).submitted, 0, 'every item settled');
    const failed = done.items.filter((item) => item.outcome === 'failed');
    const failedRemovals = failed.filter((item) => itemChange(done, item) === 'remove');
    assert.equal(failedRemovals.length, 100, 'the refused destroy_many job: its 100 items failed');
    assert.deepEqual(failed.filter((item) => itemChange(done, item) !== 'remove').map((item) => item.userLabel).sort(), ['ghost', 'ghost default']);
    assert.deepEqual(succeededByChange(done), { add: 120, remove: 10, makeDefault: 5 });
    for (const item of done.items) {
      const membership = sandbox.store.findMembership(item.userId, synced.id);
      const change = itemChange(done, item);
      if (change === 'add') assert.equal(membership !== undefined, item.outcome === 'succeeded', `${item.userLabel} added: ${item.outcome}`);
      if (change === 'remove') assert.equal(membership === undefined, item.outcome === 'succeeded', `${item.userLabel} removed: ${item.outcome}`);
      if (change === 'makeDefault' && item.outcome === 'succeeded') assert.equal(sandbox.store.defaultOrganizationOf(item.userId), synced.id);
    }
    for (let offset = 0; offset < 3; offset++) assert.equal(sandbox.store.defaultOrganizationOf(user(130 + offset).id), synced.id, 'added as the default');

    // The retry keeps each item's own kind: removals go as destroy_many, the ghosts fail again.
    const engine2 = current.engine(2);
    const retry = engine2.retryFailed(done.id);
    assert.ok(retry);
    assert.equal(retry.kind, 'sync');
    const retried = await engine2.whenFinished(retry.id);
    await engine2.dispose();
    assert.deepEqual(succeededByChange(retried), { add: 0, remove: 100, makeDefault: 0 });
    assert.deepEqual(retried.items.filter((item) => item.outcome === 'failed').map((item) => item.userLabel).sort(), ['ghost', 'ghost default']);
    const members = new Set(sandbox.store.membershipsOfOrg(synced.id).map((membership) => membership.user_id));
    const wanted = new Set([...Array.from({ length: 20 }, (_, offset) => user(110 + offset).id), ...additions.map((item) => item.userId)]);
    assert.deepEqual([...members].sort(), [...wanted].sort(), 'the organization holds exactly the desired members');
  });

  it('reads an operation saved before mixed operations as its one kind', async () => {
    current = await rig({ users: 40, jobMsPerItem: 1 });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Old' });
    const members = Array.from({ length: 5 }, (_, index) => sandbox.store.createMembership(sandbox.store.users.at(index).id, org.id));
    const engine = current.engine(1);
    // No item action and no chunk action: what operations saved before issue 15 hold.
    const started = engine.start({ origin: sandbox.url, kind: 'remove', title: 'Remove 5', items: members.map((membership) => ({ userId: membership.user_id, organizationId: org.id, membershipId: membership.id, userLabel: 'u', organizationLabel: 'Old' })) });
    assert.deepEqual(started.chunks.map((chunk) => chunk.action), [undefined]);
    const done = await engine.whenFinished(started.id);
    await engine.dispose();
    assert.deepEqual(succeededByChange(done), { add: 0, remove: 5, makeDefault: 0 });
    assert.equal(sandbox.store.membershipsOfOrg(org.id).length, 0);
  });
});
