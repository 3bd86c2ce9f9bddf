import assert from 'node:assert/strict';
import { LoadMoreNode, MessageNode } from '../../../src/tree/nodes';
import { ACME, BETA, account, membersOf, names, organizationsOf, setUp } from './treeFakes';

describe('OrganizationsModel', () => {
  it('shows one account\'s organizations as the roots, a page at a time, ending in "Load more…"', async () => {
    const { model, acme, changes, tick } = setUp();
    acme.addOrganizations(15);
    const first = await model.children();
    assert.equal(organizationsOf(first).length, 10);
    const more = first.at(-1);
    assert.ok(more instanceof LoadMoreNode);
    tick();
    await model.loadMore(more);
    assert.deepEqual(changes, [undefined], 'the roots changed');
    const all = await model.children();
    assert.equal(organizationsOf(all).length, 15);
    assert.equal(all.length, 15, 'no "Load more…" after the last page');
    assert.deepEqual(acme.calls, ['list organizations', 'list organizations after 10']);
  });

  it('shows account rows as the roots when two accounts are signed in, each with its own organizations', async () => {
    const { model, accounts, acme, beta } = setUp();
    acme.addOrganizations(2);
    beta.addOrganizations(3);
    accounts.set([account(ACME), account(BETA)]);
    const roots = await model.children();
    assert.deepEqual(roots.map((row) => row.kind), ['account', 'account']);
    assert.equal(organizationsOf(await model.children(roots[1])).length, 3);
    const acmeRows = organizationsOf(await model.children(roots[0]));
    assert.equal(acmeRows[0].parent, roots[0], 'organizations hang under their account row');
    accounts.set([account(BETA)]);
    assert.deepEqual(names(await model.children()), ['Org 001', 'Org 002', 'Org 003'], "back to one account: its organizations are the roots");
  });

  it('lets each organization row own its members: names in one show_many per page, reloaded by a refresh', async () => {
    const { model, acme } = setUp();
    acme.addOrganizations(2);
    for (let user = 1; user <= 3; user++) acme.join(user, 1);
    acme.join(9, 2);
    const [org1, org2] = organizationsOf(await model.children());
    assert.deepEqual(names(await model.children(org1)), ['User 1', 'User 2', 'User 3']);
    assert.deepEqual(names(await model.children(org2)), ['User 9']);
    assert.equal(acme.calls.filter((call) => call.startsWith('show_many users')).length, 2, 'one per page, not one per row');
    assert.equal(org1.members.items.length, 3, 'the cache is the row\'s own');
    acme.users.get(2)!.name = 'Renamed';
    model.refresh(org1);
    assert.deepEqual(names(await model.children(org1)), ['User 1', 'Renamed', 'User 3']);
  });

  it('adds a reported membership to every loaded row of its organization, and moves the default star', async () => {
    const { model, acme, changes } = setUp();
    acme.addOrganizations(2);
    acme.join(1, 1, true);
    acme.join(5, 2);
    const [org1, org2] = organizationsOf(await model.children());
    await model.children(org1);
    await model.children(org2);
    changes.length = 0;
    const added = acme.join(1, 2, true);
    model.membershipAdded(ACME, added, acme.users.get(1));
    assert.deepEqual(names(org2.members.items), ['User 5', 'User 1']);
    assert.deepEqual(changes, [org2, org1], 'the organization that gained a member, then the one that lost the star');
    assert.equal(org1.members.items[0].isDefault, false);
    assert.equal(org2.members.items[1].isDefault, true);
  });

  it('finds the rows a removal or a default change concerns through its indexes, and only those change', async () => {
    const { model, acme, changes } = setUp();
    acme.addOrganizations(3);
    const kept = acme.join(1, 1, true);
    const removed = acme.join(2, 1);
    acme.join(2, 2, true);
    acme.join(3, 3);
    const rows = organizationsOf(await model.children());
    for (const row of rows) await model.children(row);
    changes.length = 0;
    model.membershipRemoved(ACME, { userId: 2, membershipId: removed.id });
    assert.deepEqual(changes, [rows[0]]);
    assert.deepEqual(rows[0].members.items.map((row) => row.membership.id), [kept.id]);
    model.defaultMoved(ACME, 2, 2);
    assert.deepEqual(changes, [rows[0]], "user 2's remaining membership was already the default: nothing to re-render");
    model.defaultMoved(ACME, 3, 3);
    assert.deepEqual(changes, [rows[0], rows[2]]);
    model.membershipRemoved(ACME, { userId: 2, organizationId: 2 });
    assert.deepEqual(changes, [rows[0], rows[2], rows[1]]);
    assert.deepEqual(membersOf(await model.children(rows[1])), []);
  });

  it('keeps its indexes true across reloads: a row that left the listing is not touched by later reports', async () => {
    const { model, acme, changes } = setUp();
    acme.addOrganizations(1);
    acme.join(1, 1);
    const [org] = organizationsOf(await model.children());
    const [gone] = membersOf(await model.children(org));
    acme.memberships = []; // removed in Zendesk meanwhile
    model.refresh(org);
    assert.deepEqual(names(await model.children(org)), ['message'], 'an empty organization shows its "No members" row');
    changes.length = 0;
    model.defaultMoved(ACME, 1, 1);
    assert.deepEqual(changes, []);
    assert.notEqual(gone.membership.default, true, 'the row that left was not changed');
  });

  it('reloads the members of the organizations a bulk operation changed, if they are loaded', async () => {
    const { model, acme, changes } = setUp();
    acme.addOrganizations(3);
    const [org1, org2] = organizationsOf(await model.children());
    await model.children(org1);
    changes.length = 0;
    acme.join(7, 1);
    acme.join(8, 2);
    model.refreshOrganizations(ACME, [1, 2, 2, 99]);
    assert.deepEqual(changes, [org1], 'organization 2 was never expanded, 99 is not shown');
    assert.deepEqual(names(await model.children(org1)), ['User 7']);
    assert.equal(org2.members.pagesLoaded, 0);
  });

  it('reveals a loaded organization as it is, and pins one that is not loaded at the top', async () => {
    const { model, acme, changes } = setUp({ pageSize: 2 });
    acme.addOrganizations(5);
    const [org1] = organizationsOf(await model.children());
    assert.equal(model.revealTarget(ACME, acme.organizations[0]), org1);
    const pinned = model.revealTarget(ACME, acme.organizations[4]);
    assert.ok(pinned?.pinned);
    assert.deepEqual(changes, [undefined]);
    assert.deepEqual(names(await model.children()).slice(0, 3), ['Org 005', 'Org 001', 'Org 002']);
    assert.equal(model.revealTarget(ACME, acme.organizations[4]), pinned, 'the pinned row is found again');
    acme.join(4, 5);
    assert.deepEqual(names(await model.children(pinned)), ['User 4']);
    assert.deepEqual(model.loadedMemberships(ACME, 5).map((row) => row.membership.user_id), [4]);
    model.unpin(pinned);
    assert.equal(organizationsOf(await model.children())[0], org1);
    assert.deepEqual(model.loadedMemberships(ACME, 5), [], 'its members left with it');
  });

  it('re-reads pinned organizations on a refresh: renamed ones show the new name, deleted ones are unpinned', async () => {
    const { model, acme } = setUp({ pageSize: 1 });
    acme.addOrganizations(3);
    await model.children();
    model.revealTarget(ACME, acme.organizations[1]);
    model.revealTarget(ACME, acme.organizations[2]);
    acme.organizations[1].name = 'Renamed';
    acme.organizations.splice(2, 1);
    model.refresh();
    const rows = await model.children();
    assert.deepEqual(names(rows), ['Renamed', 'Org 001', 'loadMore']);
    assert.ok(acme.calls.includes('show_many organizations 2'));
  });

  it('turns a failed page into an error row that retries it, keeping the rows already shown', async () => {
    const { model, acme, tick } = setUp({ pageSize: 2 });
    acme.addOrganizations(3);
    await model.children();
    acme.failNext = true;
    tick();
    await model.loadMore((await model.children()).at(-1) as LoadMoreNode);
    const rows = await model.children();
    const error = rows.at(-1);
    assert.ok(error instanceof MessageNode && error.messageKind === 'error' && error.afterRows);
    assert.equal(organizationsOf(rows).length, 2);
    await model.retry(error);
    assert.equal(organizationsOf(await model.children()).length, 3);
  });

  it('asks for the progress bar only while a request is under way', async () => {
    const { model, acme, loads } = setUp();
    acme.addOrganizations(1);
    await model.children();
    await model.children();
    assert.equal(loads.length, 1);
  });

  it('forgets an account that signed out, and says the whole view changed', async () => {
    const { model, accounts, acme, changes } = setUp();
    acme.addOrganizations(1);
    await model.children();
    accounts.set([]);
    assert.deepEqual(changes, [undefined]);
    assert.deepEqual(await model.children(), []);
    model.membershipAdded(ACME, acme.join(1, 1));
    assert.deepEqual(changes, [undefined], 'nothing is left to report to');
  });
});
