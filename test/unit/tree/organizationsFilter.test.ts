import assert from 'node:assert/strict';
import { FilterNode, LoadMoreNode, MembershipNode } from '../../../src/tree/nodes';
import { ACME, names, organizationsOf, setUp } from './treeFakes';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('OrganizationsModel: filter by name', () => {
  it('shows the organizations Zendesk finds by name (not only loaded ones) under a filter row, and all again when cleared', async () => {
    const { model, acme, changes } = setUp({ pageSize: 5 });
    acme.addOrganizations(30);
    await model.children(); // 5 loaded; Org 012 is not among them
    model.setFilter(ACME, 'Org 01');
    assert.deepEqual(changes, [undefined]);
    const rows = await model.children();
    assert.ok(rows[0] instanceof FilterNode && rows[0].text === 'Org 01' && rows[0].matches);
    assert.deepEqual(names(rows.slice(1)), ['Org 010', 'Org 011', 'Org 012', 'Org 013', 'Org 014', 'loadMore']);
    assert.ok(acme.calls.includes('list autocomplete Org 01'));
    assert.equal(model.filterOf(ACME), 'Org 01');
    model.setFilter(ACME, '');
    assert.equal(model.filterOf(ACME), undefined);
    assert.deepEqual(names(await model.children()), ['Org 001', 'Org 002', 'Org 003', 'Org 004', 'Org 005', 'loadMore']);
  });

  it('pages the matches with "Load more…"', async () => {
    const { model, acme, tick } = setUp({ pageSize: 5 });
    acme.addOrganizations(30);
    model.setFilter(ACME, 'org 01');
    const more = (await model.children()).at(-1);
    assert.ok(more instanceof LoadMoreNode);
    tick();
    await model.loadMore(more);
    assert.equal(organizationsOf(await model.children()).length, 10);
  });

  it('says so when nothing matches', async () => {
    const { model, acme } = setUp();
    acme.addOrganizations(3);
    model.setFilter(ACME, 'Zebra');
    const rows = await model.children();
    assert.equal(rows.length, 1);
    assert.ok(rows[0] instanceof FilterNode && !rows[0].matches);
  });

  it('aborts the request of a text typed over, and never shows its answer', async () => {
    const { model, acme } = setUp();
    acme.addOrganizations(30);
    let release: () => void = () => undefined;
    acme.gate = new Promise((resolve) => { release = resolve; });
    model.setFilter(ACME, 'Org 0');
    const stale = model.children();
    await settle();
    model.setFilter(ACME, 'Org 02');
    const fresh = model.children();
    release();
    const [staleRows, freshRows] = await Promise.all([stale, fresh]);
    assert.equal(acme.signals[0]?.aborted, true, 'the first text\'s request was aborted');
    assert.equal(acme.signals.at(-1)?.aborted, false);
    for (const rows of [staleRows, freshRows]) {
      assert.equal((rows[0] as FilterNode).text, 'Org 02', 'only the latest text is shown');
      assert.ok(organizationsOf(rows).every((row) => row.organization.name.startsWith('Org 02')));
    }
  });

  it('clears itself when Go to Organization reveals one it hides', async () => {
    const { model, acme } = setUp();
    acme.addOrganizations(30);
    model.setFilter(ACME, 'Org 02');
    await model.children();
    const row = model.revealTarget(ACME, acme.organizations[4]);
    assert.equal(model.filterOf(ACME), undefined);
    assert.equal((await model.children())[0], row);
  });
});

describe('OrganizationsModel: member counts', () => {
  it('fetches counts only while the view is visible, for the rows it shows, at most one per row per refresh', async () => {
    const { model, acme, changes } = setUp({ pageSize: 10 });
    acme.addOrganizations(25);
    acme.join(1, 1);
    acme.join(2, 1);
    await model.children();
    assert.equal(acme.calls.filter((call) => call.startsWith('related')).length, 0, 'not visible: no counts');
    changes.length = 0;
    model.setCountsWanted(true);
    await settle();
    await settle();
    const related = acme.calls.filter((call) => call.startsWith('related'));
    assert.equal(related.length, 10, 'one per row shown (the first page), not 25');
    assert.ok(acme.relatedPeak <= 4, `at most 4 at once (${acme.relatedPeak})`);
    const [first] = organizationsOf(await model.children());
    assert.equal(first.memberCount, 2);
    assert.ok(changes.includes(first), 'the row re-renders when its count arrives');
    await model.children();
    await settle();
    assert.equal(acme.calls.filter((call) => call.startsWith('related')).length, 10, 'shown again: not asked again');
    model.refresh(first);
    await settle();
    assert.equal(acme.calls.filter((call) => call.startsWith('related')).length, 11, 'a refreshed row asks once more');
  });

  it('follows a member added or removed here without asking Zendesk', async () => {
    const { model, acme } = setUp();
    acme.addOrganizations(1);
    acme.join(1, 1);
    model.setCountsWanted(true);
    const [org] = organizationsOf(await model.children());
    await settle();
    assert.equal(org.memberCount, 1);
    const added = acme.join(2, 1);
    model.membershipAdded(ACME, added);
    assert.equal(org.memberCount, 2);
    model.membershipRemoved(ACME, { userId: 2, membershipId: added.id, organizationId: 1 });
    assert.equal(org.memberCount, 1);
    assert.equal(acme.calls.filter((call) => call.startsWith('related')).length, 1);
  });

  it('shows no count for an organization whose count failed', async () => {
    const { model, acme } = setUp();
    acme.addOrganizations(2);
    acme.failRelated.add(1);
    model.setCountsWanted(true);
    const [org1, org2] = organizationsOf(await model.children());
    await settle();
    assert.equal(org1.memberCount, undefined);
    assert.equal(org2.memberCount, 0);
  });
});

describe('OrganizationsModel: a found member', () => {
  it('is pinned first under its organization when its page is not loaded, and moves into the page that brings it', async () => {
    const { model, acme, changes, tick } = setUp({ pageSize: 2 });
    acme.addOrganizations(1);
    const memberships = [1, 2, 3, 4].map((user) => acme.join(user, 1));
    const [org] = organizationsOf(await model.children());
    await model.children(org);
    changes.length = 0;
    const found = model.memberRow(org, memberships[3], acme.users.get(4));
    assert.ok(found?.pinned);
    assert.deepEqual(changes, [org]);
    assert.deepEqual(names(await model.children(org)), ['User 4', 'User 1', 'User 2', 'loadMore']);
    assert.equal(model.memberRow(org, memberships[0], undefined), org.members.items[0], 'a loaded member is its own row');
    model.defaultMoved(ACME, 4, 1);
    assert.equal(found?.isDefault, true, 'reports reach the pinned row');
    tick();
    await model.loadMore((await model.children(org)).at(-1) as LoadMoreNode);
    const rows = await model.children(org);
    assert.deepEqual(names(rows), ['User 1', 'User 2', 'User 3', 'User 4']);
    assert.ok(rows.every((row) => row instanceof MembershipNode && !row.pinned));
  });

  it('goes when its membership is removed', async () => {
    const { model, acme } = setUp();
    acme.addOrganizations(1);
    const [org] = organizationsOf(await model.children());
    await model.children(org);
    const membership = acme.join(7, 1);
    model.memberRow(org, membership, undefined);
    model.membershipRemoved(ACME, { userId: 7, membershipId: membership.id });
    assert.deepEqual(names(await model.children(org)), ['message']);
  });
});
