import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LoadMoreNode, MessageNode, OrganizationNode, TreeNode } from '../../src/tree/nodes';
import { Fixture, childrenOf, requestsTo, rootRows, signedIn, tearDown } from './fixture';

const isLoadMore = (row: TreeNode): row is LoadMoreNode => row.kind === 'loadMore';

/** Clicks "Load more…" until the row count changes (a click right after a page is a double click). */
async function loadNextPage(fixture: Fixture, parent: TreeNode | undefined): Promise<TreeNode[]> {
  const before = parent ? await childrenOf(fixture, parent) : await rootRows(fixture);
  const more = before.find(isLoadMore);
  assert.ok(more, 'a Load more… row is shown');
  const deadline = Date.now() + 5_000;
  for (;;) {
    await vscode.commands.executeCommand('zendesk.loadMore', more);
    const after = parent ? await childrenOf(fixture, parent) : await rootRows(fixture);
    if (after.length !== before.length || Date.now() > deadline) {
      return after;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('organizations tree', () => {
  let fixture: Fixture;
  let bigOrg: OrganizationNode;
  const MEMBERS = /^\/api\/v2\/organizations\/\d+\/organization_memberships$/;

  before(async () => {
    fixture = await signedIn({ orgs: 130, users: 400, bigOrgMembers: 250 });
  });
  after(() => tearDown(fixture));

  it('shows 100, then 200, then 250 members, and no "Load more…" at the end', async () => {
    bigOrg = (await rootRows(fixture))[0] as OrganizationNode;
    let rows = await childrenOf(fixture, bigOrg);
    const counts = [rows.filter((row) => row.kind === 'membership').length];
    while (rows.some(isLoadMore)) {
      rows = await loadNextPage(fixture, bigOrg);
      counts.push(rows.filter((row) => row.kind === 'membership').length);
    }
    assert.deepEqual(counts, [100, 200, 250]);
    assert.ok(!rows.some(isLoadMore));
    assert.equal(new Set(rows.map((row) => row.id)).size, 250);
  });

  it('lists organizations a page at a time, and a double click on "Load more…" loads one page', async () => {
    const ORGS = /^\/api\/v2\/organizations$/;
    const first = await rootRows(fixture);
    assert.equal(first.filter((row) => row.kind === 'organization').length, 100);
    const more = first.find(isLoadMore);
    assert.ok(more);
    const before = requestsTo(fixture, ORGS);
    await Promise.all([
      vscode.commands.executeCommand('zendesk.loadMore', more),
      vscode.commands.executeCommand('zendesk.loadMore', more),
    ]);
    assert.equal(requestsTo(fixture, ORGS) - before, 1);
    const all = await rootRows(fixture);
    assert.equal(all.filter((row) => row.kind === 'organization').length, 130);
    assert.ok(!all.some(isLoadMore), 'the last page has no Load more… row');
  });

  it('names every member with one show_many per page, never one request per row', () => {
    const showMany = fixture.sandbox.requests.filter((request) => request.path === '/api/v2/users/show_many');
    const perUser = fixture.sandbox.requests.filter((request) => /^\/api\/v2\/users\/\d+$/.test(request.path));
    assert.equal(perUser.length, 0);
    assert.ok(showMany.length >= 1 && showMany.length <= 3, `${showMany.length} show_many requests for 3 pages`);
    assert.ok(showMany.every((request) => (new URLSearchParams(request.query).get('ids') ?? '').split(',').length <= 100));
  });

  it('renders member rows with name, email, default star and context value', async () => {
    const rows = (await childrenOf(fixture, bigOrg)).filter((row) => row.kind === 'membership');
    for (const row of rows.slice(0, 20)) {
      const item = row.toTreeItem();
      const store = fixture.sandbox.store.getMembership((row as { membership: { id: number } }).membership.id);
      const user = fixture.sandbox.store.getUser(store!.user_id);
      assert.equal(item.label, user!.name);
      assert.match(String(item.description), new RegExp(user!.email!.replace(/[.+]/g, '\\$&')));
      const isDefault = fixture.sandbox.store.defaultOrganizationOf(user!.id) === bigOrg.organization.id;
      assert.equal(item.contextValue, isDefault ? 'zendesk.membership.default' : 'zendesk.membership');
      assert.equal((item.iconPath as vscode.ThemeIcon).id, isDefault ? 'star-full' : 'person');
    }
  });

  it('keeps loaded pages and the same row ids across a full refresh', async () => {
    const before = (await childrenOf(fixture, bigOrg)).map((row) => row.id);
    const requestsBefore = requestsTo(fixture, MEMBERS);
    await vscode.commands.executeCommand('zendesk.refresh');
    const roots = await rootRows(fixture);
    assert.equal(roots.filter((row) => row.kind === 'organization').length, 130, 'both organization pages kept');
    const after = (await childrenOf(fixture, bigOrg)).map((row) => row.id);
    assert.deepEqual(after, before);
    assert.equal(requestsTo(fixture, MEMBERS) - requestsBefore, 3, 're-walked the three loaded pages');
  });

  it('says when an organization has no members', async () => {
    const empty = fixture.sandbox.store.addOrganization({ name: 'Quiet Harbor Co' });
    const node = fixture.api.commands.tree.revealTarget(fixture.origin, { id: empty.id, name: empty.name });
    const rows = await childrenOf(fixture, node!);
    assert.equal(rows.length, 1);
    assert.equal((rows[0] as MessageNode).messageKind, 'empty');
    assert.equal(rows[0].toTreeItem().label, 'No members');
  });

  it('shows a failed load as a row with the reason, and retries it on click', async () => {
    const org = (await rootRows(fixture)).filter((row): row is OrganizationNode => row.kind === 'organization')[5];
    fixture.sandbox.faults.inject({ path: new RegExp(`^/api/v2/organizations/${org.organization.id}/organization_memberships$`), kind: 'status', status: 403, body: '{"error":"Forbidden"}', times: 0 });
    const failed = await childrenOf(fixture, org);
    assert.equal(failed.length, 1);
    const item = failed[0].toTreeItem();
    assert.match(String(item.label), /Couldn't load memberships — click to retry/);
    assert.match(String(item.tooltip), /role/);
    assert.equal(item.command?.command, 'zendesk.retryLoad');
    fixture.sandbox.faults.clear();
    await vscode.commands.executeCommand('zendesk.retryLoad', failed[0]);
    const recovered = await childrenOf(fixture, org);
    assert.ok(recovered.length > 0 && recovered.every((row) => row.kind === 'membership'));
  });

  it('shows names from Zendesk as text, never as markup', async () => {
    const hostile = fixture.sandbox.store.addOrganization({ name: '<img src=x onerror=alert(1)>', details: '[click](command:zendesk.signOut)' });
    const node = fixture.api.commands.tree.revealTarget(fixture.origin, hostile as never);
    const item = node!.toTreeItem();
    assert.equal(item.label, '<img src=x onerror=alert(1)>');
    const tooltip = item.tooltip as vscode.MarkdownString;
    assert.equal(tooltip.isTrusted, false);
    assert.ok(!tooltip.value.includes('<img'), 'HTML is escaped in the tooltip');
    assert.ok(!tooltip.value.includes('](command:'), 'links are escaped in the tooltip');
  });
});
