// The bulk flows reach the right final state however Zendesk words, orders or leaves out a job's
// per-item results: nothing in the engine reads the wording or the position of an entry.
import assert from 'node:assert/strict';
import { countItems } from '../../../src/jobs/model';
import type { BulkOperation } from '../../../src/jobs/model';
import type { SandboxOptions } from 'zendesk-sandbox';
import { Rig, additions, rig } from '../jobRig';

const VARIANTS: Array<[string, SandboxOptions]> = [
  ['as recorded (request order, standard wording)', {}],
  ['varied wording, results shuffled', { wording: 'varied', jobResultOrder: 'shuffled' }],
  ['no wording, every 7th result left out', { wording: 'omitted', jobResultsDropEvery: 7 }],
  ['varied wording, shuffled, every 3rd result left out', { wording: 'varied', jobResultOrder: 'shuffled', jobResultsDropEvery: 3 }],
];

describe('bulk job engine: final states whatever the results say', () => {
  let current: Rig | undefined;
  afterEach(async () => {
    await current?.sandbox.close();
    current = undefined;
  });

  for (const [name, options] of VARIANTS) {
    it(`adds: new members succeed, existing members succeed as such, unknown users fail (${name})`, async () => {
      current = await rig({ users: 300, jobMsPerItem: 1, ...options });
      const { sandbox } = current;
      const org = sandbox.store.addOrganization({ name: 'Results Org' });
      const items = additions(sandbox, org.id, 2, 232);
      const alreadyMembers = [5, 60, 150, 229].map((i) => items[i]);
      alreadyMembers.forEach((item) => sandbox.store.createMembership(item.userId, org.id));
      items.push({ userId: 999_999_991, organizationId: org.id, userLabel: 'ghost 1', organizationLabel: 'x' });
      items.splice(70, 0, { userId: 999_999_992, organizationId: org.id, userLabel: 'ghost 2', organizationLabel: 'x' });
      const engine = current.engine(2);
      const done = await engine.whenFinished(engine.start({ origin: sandbox.url, kind: 'add', title: 'Add', items }).id);
      await engine.dispose();

      assert.deepEqual(countItems(done), { total: 232, pending: 0, submitted: 0, succeeded: 230, failed: 2, cancelled: 0 });
      for (const item of done.items) {
        const exists = sandbox.store.findMembership(item.userId, org.id) !== undefined;
        assert.equal(item.outcome, exists ? 'succeeded' : 'failed', `${item.userLabel}: ${item.outcome} (${item.detail}) but the membership ${exists ? 'exists' : 'does not'}`);
      }
      // An existing member whose entry was left out reads back as a plain success: nothing says it was there before.
      const noted = usersWith(done, 'already a member');
      const expected = alreadyMembers.map((item) => item.userId).sort();
      if (options.jobResultsDropEvery) assert.ok(noted.every((id) => expected.includes(id)), `${noted}`);
      else assert.deepEqual(noted, expected);
      assert.deepEqual(done.items.filter((item) => item.outcome === 'failed').map((item) => item.userLabel).sort(), ['ghost 1', 'ghost 2']);
      assert.equal(sandbox.store.membershipsOfOrg(org.id).length, 230);
      // Only failures (and the items of a chunk whose results fall short) are read back: one user list each.
      if (!options.jobResultsDropEvery) assert.equal(engine.stats.readBacks, 6, 'the 4 existing members and the 2 unknown users');
    });

    it(`removes: memberships go, ones already gone succeed as such (${name})`, async () => {
      current = await rig({ users: 300, jobMsPerItem: 1, ...options });
      const { sandbox } = current;
      const org = sandbox.store.addOrganization({ name: 'Removal Results Org' });
      const memberships = Array.from({ length: 180 }, (_, index) => sandbox.store.createMembership(sandbox.store.users.at(index + 2).id, org.id));
      const items = memberships.map((membership, index) => ({
        userId: membership.user_id, organizationId: org.id, membershipId: membership.id, userLabel: `user ${index}`, organizationLabel: '',
      }));
      const goneAlready = [3, 99, 140];
      goneAlready.forEach((index) => sandbox.store.deleteMembership(memberships[index].id));
      const engine = current.engine(2);
      const done = await engine.whenFinished(engine.start({ origin: sandbox.url, kind: 'remove', title: 'Remove', items }).id);
      await engine.dispose();

      assert.deepEqual(countItems(done), { total: 180, pending: 0, submitted: 0, succeeded: 180, failed: 0, cancelled: 0 });
      const noted = usersWith(done, 'already removed');
      const expected = goneAlready.map((index) => memberships[index].user_id).sort();
      if (options.jobResultsDropEvery) assert.ok(noted.every((id) => expected.includes(id)), `${noted}`);
      else assert.deepEqual(noted, expected);
      assert.equal(sandbox.store.membershipsOfOrg(org.id).length, 0);
    });
  }

  it('reads nothing back when every result is a success, as Zendesk answers', async () => {
    current = await rig({ users: 300, jobMsPerItem: 1 });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Clean Org' });
    const engine = current.engine(2);
    const done = await engine.whenFinished(engine.start({ origin: sandbox.url, kind: 'add', title: 'Add 250', items: additions(sandbox, org.id, 2, 252) }).id);
    await engine.dispose();
    assert.equal(countItems(done).succeeded, 250);
    assert.equal(engine.stats.readBacks, 0);
    assert.equal(sandbox.requests.filter((request) => /^\/api\/v2\/users\/\d+\/organization_memberships$/.test(request.path)).length, 0);
  });

  it('keeps a finished job tracked while reading back fails, and settles it on a later poll', async () => {
    current = await rig({ users: 60, jobMsPerItem: 1, wording: 'omitted' });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Flaky Read Org' });
    const items = additions(sandbox, org.id, 2, 12);
    sandbox.store.createMembership(items[4].userId, org.id);
    // The read-back of that user's memberships fails twice (the client gives up after its retries), then works.
    sandbox.faults.inject({ path: `/api/v2/users/${items[4].userId}/organization_memberships`, kind: '503', times: 10 });
    const engine = current.engine(1);
    const done = await engine.whenFinished(engine.start({ origin: sandbox.url, kind: 'add', title: 'Add 10', items }).id);
    await engine.dispose();
    assert.deepEqual(countItems(done), { total: 10, pending: 0, submitted: 0, succeeded: 10, failed: 0, cancelled: 0 });
    assert.equal(done.items[4].detail, 'already a member');
    assert.ok(sandbox.requests.filter((request) => request.path === `/api/v2/users/${items[4].userId}/organization_memberships`).length > 10);
  });
});

function usersWith(operation: BulkOperation, detail: string): number[] {
  return operation.items.filter((item) => item.outcome === 'succeeded' && item.detail === detail).map((item) => item.userId).sort();
}
