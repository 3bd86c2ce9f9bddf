import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AccountQueue } from '../../src/jobs/panelProtocol';
import { MAX_CONCURRENT_COUNTS } from '../../src/tree/memberCounts';
import type { FilterNode, MembershipNode, OrganizationNode, TreeNode } from '../../src/tree/nodes';
import type { PeopleNode, PersonMembershipNode, PersonNode } from '../../src/tree/peopleNodes';
import { Fixture, childrenOf, itemOf, labelsOf, requestsTo, rootRows, signedIn, tearDown } from './fixture';

const isOrganization = (row: TreeNode): row is OrganizationNode => row.kind === 'organization';
const isMembership = (row: TreeNode): row is MembershipNode => row.kind === 'membership';
const RELATED = /^\/api\/v2\/organizations\/\d+\/related$/;
const AUTOCOMPLETE = /^\/api\/v2\/organizations\/autocomplete$/;

/** Resolves once `check` holds, looking again at each change the model reports (no timers). */
async function until(check: () => boolean | Promise<boolean>, onChange: (listener: () => void) => { dispose(): void }): Promise<void> {
  for (;;) {
    let changed!: () => void;
    const next = new Promise<void>((resolve) => { changed = resolve; });
    const subscription = onChange(() => changed());
    try {
      if (await check()) {
        return;
      }
      await next;
    } finally {
      subscription.dispose();
    }
  }
}

/** The requests a capability made, by method and path (ids as {id}), for the closing figures. */
const figures: Array<{ capability: string; requests: string }> = [];
function record(fixture: Fixture, capability: string, since: number): number {
  const made = fixture.sandbox.requests.slice(since).filter((request) => request.path.startsWith('/api/'));
  const byRoute = new Map<string, number>();
  for (const request of made) {
    const route = `${request.method} ${request.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
    byRoute.set(route, (byRoute.get(route) ?? 0) + 1);
  }
  figures.push({ capability, requests: [...byRoute].map(([route, count]) => `${count} × ${route}`).join(', ') || 'none' });
  return made.length;
}

function pagesAfterCount(fixture: Fixture, organization: OrganizationNode): number {
  return requestsTo(fixture, new RegExp(`^/api/v2/organizations/${organization.organization.id}/organization_memberships$`));
}

describe('find and filter, counts, people, impact, Zendesk job queue (100,000 organizations, one of 5,000 members)', () => {
  let fixture: Fixture;
  let bigOrg: OrganizationNode;
  /** A member of the big organization listed after its first page (not loaded until paged to). */
  let late: { id: number; name: string };
  /** A small organization with one member, for the removal's impact. */
  let small: { organizationId: number; userId: number };

  before(async () => {
    fixture = await signedIn({ orgs: 100_000, users: 5_200, bigOrgMembers: 5_000 });
    const user = fixture.sandbox.store.addUser({ name: 'Quillon Farthingale', email: 'quillon.farthingale@example.com' });
    late = { id: user.id, name: user.name };
    fixture.api.commands.organizations.setCountsWanted(false); // as if the view were hidden: only the counts test shows it
    bigOrg = (await rootRows(fixture)).filter(isOrganization)[0];
    fixture.sandbox.store.createMembership(user.id, bigOrg.organization.id);
    for (const name of ['Quokka Freight', 'Quokka Labs']) {
      fixture.sandbox.store.addOrganization({ name });
    }
    const supplies = fixture.sandbox.store.addOrganization({ name: 'Quolla Supplies' });
    const requester = fixture.sandbox.store.addUser({ name: 'Tess Ticketmore', email: 'tess.ticketmore@example.com' });
    fixture.sandbox.store.createMembership(requester.id, supplies.id);
    small = { organizationId: supplies.id, userId: requester.id };
  });
  after(async () => {
    console.log(`      requests per capability (100,000 organizations, one of 5,000 members):\n${figures.map((row) => `        ${row.capability}: ${row.requests}`).join('\n')}`);
    fixture.api.commands.organizations.setFilter(fixture.origin, '');
    fixture.api.commands.organizations.setCountsWanted(fixture.api.commands.treeView.visible);
    await tearDown(fixture);
  });

  it('filters the organizations on the server, shows a "Filtered" row, and says when nothing matches', async () => {
    const before = requestsTo(fixture, AUTOCOMPLETE);
    const since = fixture.sandbox.requests.length;
    fixture.prompter.script({ type: ['Q', 'Quo', 'Quok'] });
    assert.equal(await vscode.commands.executeCommand('zendesk.filterOrganizations'), 'Quok');
    const rows = await rootRows(fixture);
    const filter = rows[0] as FilterNode;
    assert.equal(filter.kind, 'filter');
    assert.match(String(itemOf(filter).label), /Quok/);
    // Both were added after the first page of 100 was listed: only Zendesk's search finds them.
    assert.deepEqual(labelsOf(rows.filter(isOrganization)), ['Quokka Freight', 'Quokka Labs']);
    const asked = requestsTo(fixture, AUTOCOMPLETE) - before;
    assert.ok(asked >= 1 && asked <= 3, `${asked} autocomplete requests for 3 texts typed`);
    const last = fixture.sandbox.requests.filter((request) => AUTOCOMPLETE.test(request.path)).at(-1);
    assert.equal(new URLSearchParams(last?.query).get('name'), 'Quok');
    record(fixture, 'Filter… (3 texts typed, the matches shown)', since);

    fixture.prompter.script({ type: ['Zzyzx Nothing'] });
    await vscode.commands.executeCommand('zendesk.filterOrganizations');
    const none = await rootRows(fixture);
    assert.equal(none.filter(isOrganization).length, 0);
    assert.equal((none[0] as FilterNode).matches, false);
    assert.match(String(itemOf(none[0]).label) + String(itemOf(none[0]).description ?? ''), /Zzyzx Nothing/);

    await vscode.commands.executeCommand('zendesk.clearFilter', none[0]);
    const all = await rootRows(fixture);
    assert.ok(!all.some((row) => row.kind === 'filter'));
    assert.equal(all.filter(isOrganization).length, 100, 'the first page of every organization again');
  });

  it(`fetches member counts only for rows shown while the view is visible, at most one each, ${MAX_CONCURRENT_COUNTS} at once`, async () => {
    const organizations = fixture.api.commands.organizations;
    await vscode.commands.executeCommand('zendesk.refresh'); // every row may be counted once more
    const hidden = fixture.sandbox.requests.length;
    await rootRows(fixture);
    assert.equal(fixture.sandbox.requests.slice(hidden).filter((request) => RELATED.test(request.path)).length, 0, 'nothing is counted while the view is hidden');
    organizations.setCountsWanted(true);
    try {
      const since = fixture.sandbox.requests.length;
      const shown = (await rootRows(fixture)).filter(isOrganization);
      const counted = () => shown.every((row) => row.memberCount !== undefined);
      await until(counted, (listener) => organizations.onDidChange(listener));
      const big = shown.find((row) => row.organization.id === bigOrg.organization.id);
      assert.equal(big?.memberCount, 5_001);
      assert.match(String(itemOf(big!).description), /5,001 members/);
      for (const row of shown.slice(1, 6)) {
        assert.equal(row.memberCount, fixture.sandbox.store.memberships.idsOfOrg(row.organization.id).length);
      }
      await rootRows(fixture); // shown again: no second request for a row already counted
      const asked = fixture.sandbox.requests.slice(since).filter((request) => RELATED.test(request.path)).map((request) => request.path);
      assert.equal(asked.length, shown.length, 'one request per organization row shown');
      assert.equal(new Set(asked).size, asked.length, 'none asked twice');
      record(fixture, `member counts (a page of ${shown.length} organization rows shown, then shown again)`, since);
    } finally {
      organizations.setCountsWanted(false); // the other figures count their own requests only
    }
  });

  it('finds a member of the 5,000-member organization by name, without paging, and reveals the row pinned under it', async () => {
    const pagesBefore = pagesAfterCount(fixture, bigOrg);
    const searchesBefore = requestsTo(fixture, /^\/api\/v2\/users\/search$/);
    const since = fixture.sandbox.requests.length;
    fixture.prompter.script({ search: 'farthingale', choose: (item) => item.label === late.name });
    const node = await vscode.commands.executeCommand<MembershipNode>('zendesk.findMember', bigOrg);
    assert.ok(node, 'the member was found');
    const pagesRead = pagesAfterCount(fixture, bigOrg) - pagesBefore;
    const made = record(fixture, 'Find Member… (one search typed; revealing the row expands its organization)', since);
    assert.ok(pagesRead <= 1, `${pagesRead} member pages read, never the 51 of all 5,001 members`);
    assert.ok(made - pagesRead <= 3, `${made} requests: one user search, one list of the user's memberships, at most one show_many for the page revealed`);
    assert.equal(node.membership.user_id, late.id);
    assert.equal(requestsTo(fixture, /^\/api\/v2\/users\/search$/) - searchesBefore, 1);
    const query = new URLSearchParams(fixture.sandbox.requests.filter((request) => request.path === '/api/v2/users/search').at(-1)?.query).get('query');
    assert.equal(query, `type:user organization:${bigOrg.organization.id} farthingale`);
    const members = (await childrenOf(fixture, bigOrg)).filter(isMembership);
    assert.equal(members[0].membership.user_id, late.id, 'pinned first under its organization');
    assert.equal(members.filter((member) => member.membership.user_id === late.id).length, 1);
    const pagesAfter = pagesAfterCount(fixture, bigOrg);
    assert.ok(pagesAfter - pagesBefore <= 1, `${pagesAfter - pagesBefore} member pages read, never the 51 of all 5,001 members`);
  });

  it("says how many of the user's unsolved tickets lose their organization before Remove Membership and Unassign", async () => {
    const row = fixture.api.commands.organizations.revealTarget(fixture.origin, fixture.sandbox.store.getOrganization(small.organizationId) as never);
    assert.ok(row);
    const member = (await childrenOf(fixture, row)).filter(isMembership)[0];
    assert.equal(member.membership.user_id, small.userId);
    const { user_id: userId } = member.membership;
    const tickets = fixture.sandbox.store.tickets;
    const unsolvedBefore = tickets.ofRequester(userId).filter((ticket) => ticket.organization_id === row.organization.id && ['new', 'open', 'pending', 'hold'].includes(ticket.status)).length;
    for (const status of ['new', 'open', 'pending', 'solved', 'closed'] as const) {
      tickets.add({ requesterId: userId, organizationId: row.organization.id, status });
    }
    const expected = unsolvedBefore + 3;
    const since = fixture.sandbox.requests.length;
    fixture.prompter.script({ confirm: false });
    assert.equal(await vscode.commands.executeCommand('zendesk.removeMembership', member), undefined);
    const detail = fixture.prompter.confirmations[0].detail;
    assert.match(detail, new RegExp(`\\b${expected} unsolved tickets\\b`), detail);
    const count = fixture.sandbox.requests.filter((request) => request.path === '/api/v2/search/count').at(-1);
    assert.equal(new URLSearchParams(count?.query).get('query'), `type:ticket status<solved requester:${userId} organization:${row.organization.id}`);
    assert.ok(fixture.sandbox.store.getMembership(member.membership.id), 'declined: nothing was removed');
    assert.equal(record(fixture, 'impact before Remove Membership (declined)', since), 1, 'one search/count, nothing else');

    fixture.prompter.reset();
    fixture.prompter.script({ confirm: false });
    await vscode.commands.executeCommand('zendesk.unassignUser', member);
    assert.match(fixture.prompter.confirmations[0].detail, new RegExp(`\\b${expected} unsolved tickets\\b`));

  });

  it("lists a found user's memberships in the People view, default first, and the account's memberships", async () => {
    const people = fixture.api.peopleTree;
    const since = fixture.sandbox.requests.length;
    fixture.prompter.script({ search: 'Quillon', choose: (item) => item.label === late.name });
    const person = await vscode.commands.executeCommand<PersonNode>('zendesk.findUser');
    assert.equal(person.user.id, late.id);
    const roots: PeopleNode[] = await people.getChildren();
    assert.equal(roots[0], person, 'pinned at the top');
    const memberships = (await people.getChildren(person)).filter((row): row is PersonMembershipNode => row.kind === 'personMembership');
    const stored = fixture.sandbox.store.memberships.idsOfUser(late.id);
    assert.deepEqual(memberships.map((row) => row.membership.id).sort(), [...stored].sort());
    const defaultId = fixture.sandbox.store.defaultOrganizationOf(late.id);
    assert.equal(memberships[0].membership.organization_id, defaultId, 'the default membership first');
    record(fixture, 'People: Find User… (one text typed) and the user\'s memberships', since);
    const sinceAll = fixture.sandbox.requests.length;

    const all = roots.find((row) => row.kind === 'allMemberships');
    assert.ok(all, 'an All memberships row');
    const before = requestsTo(fixture, /^\/api\/v2\/organization_memberships$/);
    const page = (await people.getChildren(all)).filter((row) => row.kind === 'personMembership');
    assert.equal(page.length, 100);
    const request = fixture.sandbox.requests.filter((entry) => entry.path === '/api/v2/organization_memberships').at(-1);
    assert.equal(requestsTo(fixture, /^\/api\/v2\/organization_memberships$/) - before, 1);
    assert.equal(new URLSearchParams(request?.query).get('include'), 'users,organizations');
    record(fixture, 'People: All memberships, first page of 100', sinceAll);
  });

  it("shows Zendesk's job queue: ours and other integrations' against the 30-job limit", async () => {
    const pace = (ms: number) => fetch(new URL('/__sandbox/jobs/pace', fixture.sandbox.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms_per_item: ms }) });
    await pace(600_000);
    try {
      const foreign = fixture.sandbox.jobs.queueForeign(2, 10);
      const before = requestsTo(fixture, /^\/api\/v2\/job_statuses$/);
      const since = fixture.sandbox.requests.length;
      let published!: (queues: AccountQueue[]) => void;
      const first = new Promise<AccountQueue[]>((resolve) => { published = resolve; });
      const watch = fixture.api.zendeskQueue.watch((queues) => published(queues));
      watch.setVisible(true);
      const [queue] = await first;
      watch.dispose();
      assert.equal(queue.origin, fixture.origin);
      assert.deepEqual([queue.active, queue.ours, queue.others, queue.limit, queue.complete], [2, 0, 2, 30, true]);
      assert.deepEqual(queue.jobs.filter((job) => job.status === 'queued' || job.status === 'working').map((job) => job.id).sort(), [...foreign].sort());
      assert.equal(requestsTo(fixture, /^\/api\/v2\/job_statuses$/) - before, 1, 'one page of 100 read');
      record(fixture, "Jobs panel: one look at Zendesk's job queue (repeated every 5 s while visible)", since);
    } finally {
      await pace(20);
    }
  });
});
