import assert from 'node:assert/strict';
import { ZendeskError, ZendeskInputError, memberSearchQuery, unsolvedTicketsQuery } from '../../../src/zendesk';
import { Harness, startHarness } from '../harness';

describe('client: counts (related, search count) and the member search query', () => {
  let harness: Harness;

  before(async () => {
    harness = await startHarness({ orgs: 12, users: 400, bigOrgMembers: 300 });
  });
  after(() => harness.close());
  beforeEach(() => {
    harness.sandbox.requests.length = 0;
  });

  it('showOrganizationRelated: users_count and tickets_count in one GET', async () => {
    const orgId = harness.sandbox.store.organizations.idAt(0);
    const related = await harness.client.showOrganizationRelated(orgId);
    assert.deepEqual(related, { users_count: 300, tickets_count: harness.sandbox.store.tickets.countOfOrganization(orgId) });
    assert.deepEqual(harness.sandbox.requests.map((r) => `${r.method} ${r.path}`), [`GET /api/v2/organizations/${orgId}/related`]);
  });

  it('showOrganizationRelated: an unknown organization is a 404 ZendeskError; a bad id is refused before sending', async () => {
    await assert.rejects(harness.client.showOrganizationRelated(999_999_999), (error: unknown) => error instanceof ZendeskError && error.status === 404);
    harness.sandbox.requests.length = 0;
    await assert.rejects(async () => harness.client.showOrganizationRelated(-1), (error: unknown) => error instanceof ZendeskInputError && error.field === 'organizationId');
    assert.equal(harness.sandbox.requests.length, 0);
  });

  it("countSearchResults with unsolvedTicketsQuery: the user's working tickets in that organization", async () => {
    const { store } = harness.sandbox;
    const orgId = store.organizations.idAt(4);
    const userId = store.users.idAt(390);
    store.createMembership(userId, orgId);
    for (const status of ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const) store.tickets.add({ requesterId: userId, organizationId: orgId, status });
    store.tickets.add({ requesterId: userId, organizationId: store.organizations.idAt(5), status: 'open' });
    assert.equal(await harness.client.countSearchResults(unsolvedTicketsQuery(userId, orgId)), 4);
    const [request] = harness.requestsTo(/^\/api\/v2\/search\/count$/);
    assert.equal(new URLSearchParams(request.query).get('query'), `type:ticket status<solved requester:${userId} organization:${orgId}`);
  });

  it('countSearchResults: a query Zendesk cannot read is a 400 ZendeskError, not a count', async () => {
    await assert.rejects(harness.client.countSearchResults('type:ticket printer'), (error: unknown) => error instanceof ZendeskError && error.status === 400);
  });

  it('countSearchResults and showOrganizationRelated stop when their signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(harness.client.countSearchResults('type:ticket status:open', { signal: controller.signal }));
    await assert.rejects(harness.client.showOrganizationRelated(harness.sandbox.store.organizations.idAt(0), { signal: controller.signal }));
    assert.equal(harness.sandbox.requests.length, 0, 'nothing was sent');
  });

  it('memberSearchQuery + searchUsers: finds a member of a 300-member organization by name or email in one request', async () => {
    const { store } = harness.sandbox;
    const orgId = store.organizations.idAt(0);
    const member = store.users.at(250);
    const byName = await harness.client.searchUsers(memberSearchQuery(orgId, member.name), { pageSize: 25 }).page();
    assert.ok(byName.items.some((user) => user.id === member.id));
    assert.ok(byName.items.every((user) => store.findMembership(user.id, orgId)), 'members only');
    const byEmail = await harness.client.searchUsers(memberSearchQuery(orgId, member.email as string), { pageSize: 25 }).page();
    assert.deepEqual(byEmail.items.map((user) => user.id), [member.id]);
    assert.equal(harness.requestsTo(/^\/api\/v2\/users\/search$/).length, 2);
  });

  it('memberSearchQuery keeps typed text to bare terms: no keyword, quote or operator gets through', () => {
    assert.equal(memberSearchQuery(7, 'Jane Doe'), 'type:user organization:7 Jane Doe');
    assert.equal(memberSearchQuery(7, 'role:admin "x" organization:8 -y <z'), 'type:user organization:7 role admin x organization 8 y z');
    assert.equal(memberSearchQuery(7, 'jane.doe@example.com'), 'type:user organization:7 jane.doe@example.com');
    assert.throws(() => memberSearchQuery(0, 'a'), ZendeskInputError);
  });
});
