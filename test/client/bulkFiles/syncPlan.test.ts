// Sync Members from File: the desired state of a file's rows and the plan that makes each
// organization equal it, computed against the sandbox (real HTTP); and the saved plan file.
import assert from 'node:assert/strict';
import type { MembershipRow } from '../../../src/bulkFiles/rows';
import { desiredStateOf } from '../../../src/bulkFiles/syncDesired';
import { type SyncPlan, bigRemovals, changedSince, planSync } from '../../../src/bulkFiles/syncPlan';
import { desiredOfSaved, readSavedPlan, savedPlanOf, savedPlanText } from '../../../src/bulkFiles/syncPlanFile';
import { Harness, startHarness } from '../harness';

describe('planning a sync against the sandbox', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ orgs: 4, users: 120 });
  });
  after(() => harness.close());

  /** A new organization with users[from..to) as members (user `defaultAt` has it as the default). */
  function organizationWith(name: string, from: number, to: number) {
    const { store } = harness.sandbox;
    const organization = store.addOrganization({ name });
    for (let index = from; index < to; index++) store.createMembership(store.users.at(index).id, organization.id);
    return organization;
  }
  const rowsFor = (organizationId: number, from: number, to: number, makeDefault?: (index: number) => boolean): MembershipRow[] => Array.from({ length: to - from }, (_, offset) => ({
    line: offset + 2, user: { id: harness.sandbox.store.users.at(from + offset).id }, organization: { id: organizationId },
    ...(makeDefault?.(from + offset) ? { makeDefault: true } : {}),
  }));
  async function plan(rows: MembershipRow[], scope?: { id: number; name: string }): Promise<SyncPlan> {
    const { desired, problems } = await desiredStateOf(harness.client, rows, { scope });
    assert.deepEqual(problems, []);
    return planSync(harness.client, desired);
  }
  const actions = (result: SyncPlan) => result.changes.map((change) => change.action);

  it('an empty file for an organization removes all its members; a file naming no organization plans nothing', async () => {
    const organization = organizationWith('Sync Empty', 0, 12);
    const emptied = await plan([], { id: organization.id, name: organization.name });
    assert.deepEqual(actions(emptied), Array(12).fill('remove'));
    assert.deepEqual(emptied.organizations.map(({ before, after, removed }) => [before, after, removed]), [[12, 0, 12]]);
    assert.deepEqual(bigRemovals(emptied).map((entry) => entry.id), [organization.id], 'more than 10 removed: the name must be typed');
    const nothing = await plan([]);
    assert.deepEqual([nothing.organizations.length, nothing.changes.length], [0, 0]);
  });

  it('a file equal to the organization changes nothing; all-new rows are all additions, defaults kept', async () => {
    const organization = organizationWith('Sync Same', 10, 20);
    const same = await plan(rowsFor(organization.id, 10, 20));
    assert.deepEqual([same.changes.length, same.unchanged], [0, 10]);
    const fresh = harness.sandbox.store.addOrganization({ name: 'Sync New' });
    const added = await plan(rowsFor(fresh.id, 30, 55, (index) => index === 31));
    assert.deepEqual(actions(added), Array(25).fill('add'));
    assert.deepEqual(added.changes.filter((change) => change.makeDefault).map((change) => change.userId), [harness.sandbox.store.users.at(31).id]);
    assert.deepEqual(bigRemovals(added), []);
  });

  it('default-only changes are make_default calls on the existing memberships; false changes nothing', async () => {
    const other = organizationWith('Sync Other', 60, 64); // their first membership, so their default
    const organization = organizationWith('Sync Defaults', 60, 64);
    const result = await plan(rowsFor(organization.id, 60, 64, (index) => index < 62));
    assert.deepEqual(actions(result), ['makeDefault', 'makeDefault']);
    assert.ok(result.changes.every((change) => change.membershipId === harness.sandbox.store.findMembership(change.userId, organization.id)?.id));
    assert.equal(result.unchanged, 2);
    assert.ok(other.id);
    // What Undo needs: each user's default before (planning changed nothing in Zendesk).
    assert.deepEqual(result.changes.map((change) => change.previousDefaultId), result.changes.map((change) => harness.sandbox.store.defaultOrganizationOf(change.userId)));
    assert.ok(result.changes.every((change) => typeof change.previousDefaultId === 'number'));
  });

  it('mixes additions, removals and defaults; removing more than a quarter of a small organization asks for its name', async () => {
    const organization = organizationWith('Sync Mixed', 70, 78);
    const result = await plan([...rowsFor(organization.id, 72, 78), ...rowsFor(organization.id, 90, 92)].map((row, index) => ({ ...row, line: index + 2 })));
    assert.deepEqual(actions(result), ['add', 'add', 'remove', 'remove']);
    const removals = result.changes.filter((change) => change.action === 'remove');
    assert.deepEqual(removals.map((change) => change.wasDefault), removals.map((change) => harness.sandbox.store.getMembership(change.membershipId!)?.default === true),
      'a removal says whether it was the default, so Undo adds it back as one');
    assert.deepEqual(result.organizations.map(({ before, after, added, removed }) => [before, after, added, removed]), [[8, 8, 2, 2]]);
    assert.deepEqual(bigRemovals(result).length, 0, '2 of 8 is a quarter, not more');
    const more = await plan(rowsFor(organization.id, 73, 78));
    assert.equal(bigRemovals(more).length, 1, '3 of 8 is more than a quarter');
  });

  it('refuses conflicting rows, unknown records and rows for another organization, naming their lines', async () => {
    const organization = organizationWith('Sync Conflicts', 100, 103);
    const elsewhere = harness.sandbox.store.addOrganization({ name: 'Sync Elsewhere' });
    const user = harness.sandbox.store.users.at(100);
    const other = harness.sandbox.store.users.at(101);
    const rows: MembershipRow[] = [
      { line: 2, user: { id: user.id }, organization: { id: organization.id }, makeDefault: true },
      { line: 3, user: { email: user.email ?? undefined }, organization: { id: organization.id } },
      { line: 4, user: { id: 999_999_999 }, organization: { id: organization.id } },
      { line: 5, user: { id: other.id }, organization: { name: 'No Such Organization' } },
      { line: 6, user: { id: other.id }, organization: { id: organization.id }, makeDefault: true },
      { line: 7, user: { id: other.id }, organization: { id: elsewhere.id }, makeDefault: true },
    ];
    const { problems } = await desiredStateOf(harness.client, rows);
    assert.deepEqual(problems.map((problem) => problem.line), [3, 4, 5, 7]);
    assert.match(problems[0].message, /line 2, with a different default/);
    assert.match(problems[3].message, /one default organization: line 6/);
    const scoped = await desiredStateOf(harness.client, rows.slice(5), { scope: { id: organization.id, name: organization.name } });
    assert.deepEqual(scoped.problems.map((problem) => [problem.line, /not Sync Conflicts, the organization being synced/.test(problem.message)]), [[7, true]]);
  });

  it('saves the plan and reads it back; a change in the organization since is detected, and planning again follows the desired state', async () => {
    const organization = organizationWith('Sync Saved', 104, 112);
    const { desired } = await desiredStateOf(harness.client, rowsFor(organization.id, 106, 114));
    const first = await planSync(harness.client, desired);
    const text = savedPlanText(savedPlanOf(harness.sandbox.url, desired, first));
    const read = readSavedPlan(text);
    assert.ok('saved' in read);
    assert.deepEqual(read.saved.changes, JSON.parse(JSON.stringify(first.changes)));
    const again = await planSync(harness.client, desiredOfSaved(read.saved));
    assert.deepEqual(changedSince(read.saved.organizations, again.organizations), [], 'nothing changed: same fingerprint');
    assert.deepEqual(again.changes, first.changes);

    harness.sandbox.store.createMembership(harness.sandbox.store.users.at(112).id, organization.id); // someone planned as an addition joins meanwhile
    harness.sandbox.store.createMembership(harness.sandbox.store.users.at(115).id, organization.id); // and someone not in the file
    const stale = await planSync(harness.client, desiredOfSaved(read.saved));
    assert.deepEqual(changedSince(read.saved.organizations, stale.organizations).map((entry) => entry.id), [organization.id]);
    assert.deepEqual(actions(stale).filter((action) => action === 'add').length, actions(first).filter((action) => action === 'add').length - 1);
    assert.equal(stale.changes.filter((change) => change.action === 'remove').length, 3);
  });

  it('refuses a saved plan that is not one, naming the item at fault', () => {
    assert.match(JSON.stringify(readSavedPlan('{')), /not JSON/);
    assert.match(JSON.stringify(readSavedPlan('{"format":"other"}')), /not a sync plan/);
    const base = { format: 'zendesk-sync-plan', version: 1, origin: 'https://a.zendesk.com', createdAt: 'x', organizations: [{ id: 5, name: 'A', fingerprint: '1:ab', before: 1 }], desired: [[7, 5, 0, 'U']], changes: [] };
    assert.ok('saved' in readSavedPlan(JSON.stringify(base)));
    assert.match(JSON.stringify(readSavedPlan(JSON.stringify({ ...base, desired: [[7, 5, 0, 'U'], [8, 6, 0, 'V']] }))), /desired, item 2/);
    assert.match(JSON.stringify(readSavedPlan(JSON.stringify({ ...base, changes: [{ action: 'remove', userId: 7, organizationId: 5, userLabel: 'U', organizationLabel: 'A' }] }))), /changes, item 1/);
    assert.match(JSON.stringify(readSavedPlan(JSON.stringify({ ...base, version: 2 }))), /version 2/);
    const defaultChange = { action: 'makeDefault', userId: 7, organizationId: 5, membershipId: 70, makeDefault: true, userLabel: 'U', organizationLabel: 'A' };
    assert.ok('saved' in readSavedPlan(JSON.stringify({ ...base, changes: [{ ...defaultChange, previousDefaultId: 6, previousDefaultName: 'B' }] })), 'a previous default is kept');
    assert.match(JSON.stringify(readSavedPlan(JSON.stringify({ ...base, changes: [{ ...defaultChange, previousDefaultId: '6; drop' }] }))), /changes, item 1/);
  });
});
