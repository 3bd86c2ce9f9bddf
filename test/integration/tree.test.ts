import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import type { LoadMoreNode, MembershipNode, MessageNode, OrganizationNode, TreeNode } from '../../src/tree/nodes';
import { LOAD_MORE_COOLDOWN_MS } from '../../src/tree/pagedChildren';
import { Fixture, childrenOf, extensionApi, itemOf, labelsOf, optionalItemOf, requestsTo, rootRows, signedIn, tearDown } from './fixture';

const isLoadMore = (row: TreeNode): row is LoadMoreNode => row.kind === 'loadMore';
const isMembership = (row: TreeNode): row is MembershipNode => row.kind === 'membership';

/**
 * The tree's double-click cooldown runs on this clock while the suite runs: a test steps it past
 * the cooldown before a click that must count, instead of waiting for real time to pass.
 */
let clock = 0;
function pastCooldown(): void {
  clock += LOAD_MORE_COOLDOWN_MS;
}

/** Clicks "Load more…" once, as a person would after the last page had arrived. */
async function loadNextPage(fixture: Fixture, parent: TreeNode | undefined): Promise<TreeNode[]> {
  const before = parent ? await childrenOf(fixture, parent) : await rootRows(fixture);
  const more = before.find(isLoadMore);
  assert.ok(more, 'a Load more… row is shown');
  pastCooldown();
  await vscode.commands.executeCommand('zendesk.loadMore', more);
  return parent ? childrenOf(fixture, parent) : rootRows(fixture);
}

describe('organizations tree', () => {
  let fixture: Fixture;
  let bigOrg: OrganizationNode;
  const MEMBERS = /^\/api\/v2\/organizations\/\d+\/organization_memberships$/;

  before(async () => {
    // Before signing in: a visible view loads the first page as soon as the account appears.
    (await extensionApi()).useClock(() => clock);
    fixture = await signedIn({ orgs: 130, users: 400, bigOrgMembers: 250 });
  });
  after(async () => {
    fixture.api.useClock(undefined);
    await tearDown(fixture);
  });

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
    pastCooldown();
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
      const item = itemOf(row);
      const store = fixture.sandbox.store.getMembership((row as { membership: { id: number } }).membership.id);
      const user = fixture.sandbox.store.getUser(store!.user_id);
      assert.equal(item.label, user!.name);
      if (user!.email === null) {
        assert.doesNotMatch(String(item.description ?? ''), /null/, 'a user without an email (they exist) shows none');
      } else {
        assert.match(String(item.description), new RegExp(user!.email.replace(/[.+]/g, '\\$&')));
      }
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

  it('refreshes one organization and keeps the pages loaded under the others', async () => {
    const other = (await rootRows(fixture)).filter((row): row is OrganizationNode => row.kind === 'organization')[1];
    await childrenOf(fixture, other);
    const otherPath = new RegExp(`^/api/v2/organizations/${other.organization.id}/organization_memberships$`);
    const bigPath = new RegExp(`^/api/v2/organizations/${bigOrg.organization.id}/organization_memberships$`);
    const [otherBefore, bigBefore] = [requestsTo(fixture, otherPath), requestsTo(fixture, bigPath)];
    await vscode.commands.executeCommand('zendesk.refreshNode', other);
    await childrenOf(fixture, other);
    assert.equal(requestsTo(fixture, otherPath) - otherBefore, 1, 'the refreshed organization was read again');
    assert.equal((await childrenOf(fixture, bigOrg)).filter(isMembership).length, 250, 'the other organization kept its three pages');
    assert.equal(requestsTo(fixture, bigPath), bigBefore, 'and was not read again');
  });

  it('shows renamed users and organizations after a refresh', async () => {
    const org = fixture.sandbox.store.addOrganization({ name: 'Renaming Works Ltd' });
    const user = fixture.sandbox.store.addUser({ name: 'Old Name', email: 'old.name@example.com' });
    fixture.sandbox.store.createMembership(user.id, org.id);
    const node = fixture.api.commands.organizations.revealTarget(fixture.origin, org as never)!;
    assert.deepEqual(labelsOf((await childrenOf(fixture, node)).filter(isMembership)), ['Old Name']);

    fixture.sandbox.store.getUser(user.id)!.name = 'Renamed Once';
    await vscode.commands.executeCommand('zendesk.refreshNode', node);
    assert.deepEqual(labelsOf((await childrenOf(fixture, node)).filter(isMembership)), ['Renamed Once'], "an organization's refresh re-reads its members");

    fixture.sandbox.store.getUser(user.id)!.name = 'Renamed Twice';
    fixture.sandbox.store.getOrganization(org.id)!.name = 'Renamed Works Ltd';
    await vscode.commands.executeCommand('zendesk.refresh');
    const pinned = (await rootRows(fixture)).find((row): row is OrganizationNode => row.kind === 'organization' && row.pinned && row.organization.id === org.id);
    assert.equal(optionalItemOf(pinned).label, 'Renamed Works Ltd', 'the pinned organization was read again');
    assert.deepEqual(labelsOf((await childrenOf(fixture, pinned!)).filter(isMembership)), ['Renamed Twice'], 'the whole view forgot the names it knew');
  });

  it('says when an organization has no members', async () => {
    const empty = fixture.sandbox.store.addOrganization({ name: 'Quiet Harbor Co' });
    const node = fixture.api.commands.organizations.revealTarget(fixture.origin, { id: empty.id, name: empty.name });
    const rows = await childrenOf(fixture, node!);
    assert.equal(rows.length, 1);
    assert.equal((rows[0] as MessageNode).messageKind, 'empty');
    assert.equal(itemOf(rows[0]).label, 'No members');
  });

  it('shows a failed load as a row with the reason, and retries it on click', async () => {
    const org = (await rootRows(fixture)).filter((row): row is OrganizationNode => row.kind === 'organization')[5];
    fixture.sandbox.faults.inject({ path: new RegExp(`^/api/v2/organizations/${org.organization.id}/organization_memberships$`), kind: 'status', status: 403, body: '{"error":"Forbidden"}', times: 0 });
    const failed = await childrenOf(fixture, org);
    assert.equal(failed.length, 1);
    const item = itemOf(failed[0]);
    assert.match(String(item.label), /Couldn't load memberships — click to retry/);
    assert.match(String(item.tooltip), /role/);
    assert.equal(item.command?.command, 'zendesk.retryLoad');
    fixture.sandbox.faults.clear();
    await vscode.commands.executeCommand('zendesk.retryLoad', failed[0]);
    const recovered = await childrenOf(fixture, org);
    assert.ok(recovered.length > 0 && recovered.every((row) => row.kind === 'membership'));
  });

  it('shows names from Zendesk as text, never as markup', async () => {
    const hostile = fixture.sandbox.store.addOrganization({ name: '<img src=x onerror=alert(1)>', details: '[click](command:zendesk.signOut)', notes: 'see https://evil.example or mail jane@evil.example' });
    const node = fixture.api.commands.organizations.revealTarget(fixture.origin, hostile as never);
    const item = itemOf(node!);
    assert.equal(item.label, '<img src=x onerror=alert(1)>');
    const tooltip = item.tooltip as vscode.MarkdownString;
    assert.equal(tooltip.isTrusted, false);
    assert.ok(tooltip.value.includes('\\<img') && !/(^|[^\\])<img/.test(tooltip.value), 'HTML is escaped in the tooltip');
    assert.ok(!tooltip.value.includes('](command:'), 'links are escaped in the tooltip');
    // Rendered (with bare URLs and emails linkified, as hovers do): only the tooltip's own markup.
    const html = new MarkdownIt({ html: true, linkify: true }).render(tooltip.value);
    assert.doesNotMatch(html, /<(a|img)\b/, html);
    assert.match(html, /\[click\]\(command:zendesk\.signOut\)/);
  });
});
