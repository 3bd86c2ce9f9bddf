// A page of an organization's members with their users: one round trip where Zendesk sideloads
// the users on that list (include=users), two where it ignores include (what the spec documents).
import assert from 'node:assert/strict';
import type { Sandbox } from 'zendesk-sandbox';
import { Harness, startHarness } from '../harness';

const MEMBERS_PATH = /^\/api\/v2\/organizations\/\d+\/organization_memberships$/;
const SHOW_MANY_USERS = /^\/api\/v2\/users\/show_many$/;

/** Requests that started after every earlier one had been answered: the round trips a caller waited through. */
function roundTrips(requests: Sandbox['requests']): number {
  let trips = 0;
  let answeredBy = Number.NEGATIVE_INFINITY;
  for (const request of requests) {
    if (request.receivedAt >= answeredBy) trips++;
    answeredBy = Math.max(answeredBy, request.answeredAt ?? Number.POSITIVE_INFINITY);
  }
  return trips;
}

for (const include of ['honoured', 'ignored'] as const) {
  describe(`organizationMembersPage, where the per-organization list include=users is ${include}`, () => {
    let harness: Harness;
    let organizationId: number;

    before(async () => {
      harness = await startHarness({ orgs: 3, users: 260, bigOrgMembers: 250, orgMembershipsInclude: include, latencyMs: 5 });
      organizationId = harness.sandbox.store.organizations.idAt(0);
    });
    after(() => harness.close());

    it(`names every member of a page in ${include === 'honoured' ? 'one round trip' : 'two round trips'}`, async () => {
      const before = harness.sandbox.requests.length;
      const { page, users, sideloaded } = await harness.client.organizationMembersPage({ organizationId, pageSize: 100 });
      const requests = harness.sandbox.requests.slice(before);
      assert.equal(page.items.length, 100);
      assert.ok(page.nextCursor);
      assert.deepEqual(new Set(users.map((user) => user.id)), new Set(page.items.map((membership) => membership.user_id)));
      assert.equal(sideloaded, include === 'honoured');
      assert.equal(new URLSearchParams(requests[0].query).get('include'), 'users', 'it always asks for the sideload');
      assert.deepEqual(requests.map((request) => MEMBERS_PATH.test(request.path) ? 'memberships' : SHOW_MANY_USERS.test(request.path) ? 'show_many' : request.path),
        include === 'honoured' ? ['memberships'] : ['memberships', 'show_many']);
      assert.equal(roundTrips(requests), requests.length);
    });

    it('follows the cursor to the next page', async () => {
      const first = await harness.client.organizationMembersPage({ organizationId, pageSize: 100 });
      const second = await harness.client.organizationMembersPage({ organizationId, cursor: first.page.nextCursor, pageSize: 100 });
      const ids = new Set([...first.page.items, ...second.page.items].map((membership) => membership.id));
      assert.equal(ids.size, 200);
    });

    it(include === 'honoured' ? 'takes the sideloaded users even when all are known' : 'reads only the users the caller does not know', async () => {
      const first = await harness.client.organizationMembersPage({ organizationId, pageSize: 10 });
      const known = new Set(first.page.items.slice(0, 7).map((membership) => membership.user_id));
      const before = harness.requestsTo(SHOW_MANY_USERS).length;
      const again = await harness.client.organizationMembersPage({ organizationId, pageSize: 10, knownUser: (id) => known.has(id) });
      const showMany = harness.requestsTo(SHOW_MANY_USERS).slice(before);
      if (include === 'honoured') {
        assert.equal(again.users.length, 10);
        assert.equal(showMany.length, 0);
      } else {
        assert.deepEqual(new Set(again.users.map((user) => user.id)), new Set(first.page.items.slice(7).map((membership) => membership.user_id)));
        assert.equal(showMany.length, 1);
        const allKnown = await harness.client.organizationMembersPage({ organizationId, pageSize: 10, knownUser: () => true });
        assert.deepEqual(allKnown.users, []);
        assert.equal(harness.requestsTo(SHOW_MANY_USERS).length - before, 1, 'nothing to read, no request');
      }
    });
  });
}
