import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../src/server';
import { call, endUser, waitFor } from '../src/testHelpers';
import { isUnsolved, TICKET_STATUSES } from '../src/ticketStore';

const countQuery = (query: string): string => `/api/v2/search/count.json?query=${encodeURIComponent(query)}`;

describe('sandbox: tickets, related counts and search counts', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ orgs: 20, users: 300, bigOrgMembers: 120, rateLimit: 0, jobMsPerItem: 1 });
  });
  after(() => sb.close());

  /** A seeded membership whose user has unsolved tickets in its organization. */
  function membershipWithUnsolvedTickets(): { userId: number; orgId: number; membershipId: number; unsolved: number } {
    for (const id of sb.store.memberships.allIds()) {
      const m = sb.store.getMembership(id);
      if (!m) continue;
      const unsolved = sb.store.tickets.ofRequester(m.user_id).filter((t) => t.organization_id === m.organization_id && isUnsolved(t.status)).length;
      if (unsolved > 0 && !sb.store.users.get(m.user_id)?.email?.startsWith('admin')) return { userId: m.user_id, orgId: m.organization_id, membershipId: m.id, unsolved };
    }
    throw new Error('no seeded membership has unsolved tickets');
  }

  describe('seeded tickets', () => {
    it('are deterministic: the same options seed the same tickets', async () => {
      const again = await startSandbox({ orgs: 20, users: 300, bigOrgMembers: 120, rateLimit: 0 });
      try {
        assert.ok(sb.store.tickets.size > 100);
        assert.deepEqual(
          [...again.store.tickets.all()].map((t) => [t.requester_id, t.organization_id, t.status]),
          [...sb.store.tickets.all()].slice(0, again.store.tickets.size).map((t) => [t.requester_id, t.organization_id, t.status]),
        );
      } finally {
        await again.close();
      }
    });

    it('use every status', () => {
      assert.deepEqual(new Set([...sb.store.tickets.all()].map((t) => t.status)), new Set(TICKET_STATUSES));
    });
  });

  describe('GET /api/v2/organizations/{id}/related', () => {
    it('counts the members and the tickets of an organization', async () => {
      const orgId = sb.store.organizations.idAt(0);
      const r = await call(sb, `/api/v2/organizations/${orgId}/related.json`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, { organization_related: { users_count: 120, tickets_count: sb.store.tickets.countOfOrganization(orgId) } });
      assert.ok(r.json.organization_related.tickets_count > 0);
    });

    it('follows a membership created or deleted', async () => {
      const orgId = sb.store.organizations.idAt(3);
      const before = (await call(sb, `/api/v2/organizations/${orgId}/related`)).json.organization_related.users_count;
      const created = sb.store.createMembership(sb.store.users.idAt(299), orgId);
      assert.equal((await call(sb, `/api/v2/organizations/${orgId}/related`)).json.organization_related.users_count, before + 1);
      sb.store.deleteMembership(created.id);
      assert.equal((await call(sb, `/api/v2/organizations/${orgId}/related`)).json.organization_related.users_count, before);
    });

    it('answers 404 for an unknown organization and 403 to an end user', async () => {
      assert.equal((await call(sb, '/api/v2/organizations/999999999/related')).status, 404);
      const user = endUser(sb);
      assert.equal((await call(sb, `/api/v2/organizations/${sb.store.organizations.idAt(0)}/related`, { as: user })).status, 403);
    });
  });

  describe('GET /api/v2/search/count', () => {
    it("counts a user's unsolved tickets in an organization (status<solved is new, open, pending, hold)", async () => {
      const { userId, orgId, unsolved } = membershipWithUnsolvedTickets();
      const r = await call(sb, countQuery(`type:ticket status<solved requester:${userId} organization:${orgId}`));
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, { count: unsolved });
      const all = sb.store.tickets.ofRequester(userId).filter((t) => t.organization_id === orgId).length;
      assert.equal((await call(sb, countQuery(`type:ticket requester:${userId} organization:${orgId}`))).json.count, all);
    });

    it('reads status: and the comparison operators in the reference order', async () => {
      const orgId = sb.store.organizations.idAt(0);
      const tickets = sb.store.tickets.ofOrganization(orgId);
      const expect = (pred: (rank: number) => boolean): number => tickets.filter((t) => pred(TICKET_STATUSES.indexOf(t.status))).length;
      const cases: Array<[string, number]> = [
        ['status:open', expect((r) => r === 1)],
        ['status>pending', expect((r) => r > 2)],
        ['status>=pending', expect((r) => r >= 2)],
        ['status<=open', expect((r) => r <= 1)],
      ];
      for (const [term, wanted] of cases) {
        assert.equal((await call(sb, countQuery(`type:ticket ${term} organization:${orgId}`))).json.count, wanted, term);
      }
    });

    it('finds the requester by email and the organization by name, and organization:none', async () => {
      const { userId, orgId, unsolved } = membershipWithUnsolvedTickets();
      const email = sb.store.getUser(userId)?.email;
      const name = sb.store.getOrganization(orgId)?.name;
      assert.ok(email && name);
      const r = await call(sb, countQuery(`type:ticket status<solved requester:${email} organization:"${name}"`));
      assert.equal(r.json.count, unsolved);
      assert.equal((await call(sb, countQuery('type:ticket organization:none'))).status, 200);
    });

    it('refuses what it does not understand with 400 {error: "invalid"}, never a guessed count', async () => {
      for (const query of ['type:ticket printer', 'type:ticket assignee:5', 'type:user role:admin', 'status<solved requester:5', 'type:ticket -status:open', 'type:ticket status:done', 'type:ticket requester:Jane']) {
        const r = await call(sb, countQuery(query));
        assert.equal(r.status, 400, `${query}: ${r.text}`);
        assert.equal(r.json.error, 'invalid');
        assert.equal(typeof r.json.description, 'string');
      }
      assert.equal((await call(sb, '/api/v2/search/count.json')).status, 400);
    });

    it('is for agents: an end user gets 403', async () => {
      assert.equal((await call(sb, countQuery('type:ticket status:open'), { as: endUser(sb) })).status, 403);
    });
  });

  describe('removing a membership unassigns its working tickets (organization_id becomes null)', () => {
    const unsolvedIn = (userId: number, orgId: number): number =>
      sb.store.tickets.ofRequester(userId).filter((t) => t.organization_id === orgId && isUnsolved(t.status)).length;
    const solvedIn = (userId: number, orgId: number): number =>
      sb.store.tickets.ofRequester(userId).filter((t) => t.organization_id === orgId && !isUnsolved(t.status)).length;

    it('by DELETE of the membership, leaving solved and closed tickets in the organization', async () => {
      const { userId, orgId, membershipId } = membershipWithUnsolvedTickets();
      const solved = solvedIn(userId, orgId);
      assert.equal((await call(sb, `/api/v2/organization_memberships/${membershipId}`, { method: 'DELETE' })).status, 204);
      assert.equal(unsolvedIn(userId, orgId), 0);
      assert.equal(solvedIn(userId, orgId), solved);
      const r = await call(sb, countQuery(`type:ticket status<solved requester:${userId} organization:${orgId}`));
      assert.equal(r.json.count, 0);
    });

    it('by Unassign Organization', async () => {
      const { userId, orgId } = membershipWithUnsolvedTickets();
      assert.equal((await call(sb, `/api/v2/users/${userId}/organizations/${orgId}`, { method: 'DELETE' })).status, 204);
      assert.equal(unsolvedIn(userId, orgId), 0);
    });

    it('by a destroy_many job', async () => {
      const { userId, orgId, membershipId } = membershipWithUnsolvedTickets();
      const r = await call(sb, `/api/v2/organization_memberships/destroy_many?ids=${membershipId}`, { method: 'DELETE' });
      assert.equal(r.status, 200);
      await waitFor(() => (sb.jobs.get(r.json.job_status.id)?.status === 'completed' ? true : undefined), 'the job');
      assert.equal(unsolvedIn(userId, orgId), 0);
    });
  });

  describe('POST /__sandbox/tickets', () => {
    it('adds a ticket that the counts see', async () => {
      const userId = sb.store.users.idAt(250);
      const orgId = sb.store.organizations.idAt(5);
      const before = (await call(sb, countQuery(`type:ticket status<solved requester:${userId} organization:${orgId}`))).json.count;
      const r = await call(sb, '/__sandbox/tickets', { method: 'POST', body: { requester_id: userId, organization_id: orgId, status: 'pending' } });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.ticket.status, 'pending');
      assert.equal((await call(sb, countQuery(`type:ticket status<solved requester:${userId} organization:${orgId}`))).json.count, before + 1);
    });

    it('refuses an unknown requester, organization or status', async () => {
      for (const body of [{ requester_id: 1 }, { requester_id: sb.store.users.idAt(3), organization_id: 1 }, { requester_id: sb.store.users.idAt(3), status: 'done' }]) {
        assert.equal((await call(sb, '/__sandbox/tickets', { method: 'POST', body })).status, 400, JSON.stringify(body));
      }
    });
  });
});

describe('sandbox: finding an organization\'s members with users/search organization:', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ orgs: 10, users: 2000, bigOrgMembers: 1500, rateLimit: 0 });
  });
  after(() => sb.close());

  const search = (query: string): ReturnType<typeof call> => call(sb, `/api/v2/users/search.json?query=${encodeURIComponent(query)}&per_page=100`);

  it('lists only members of that organization, by id or by name, narrowed by bare terms', async () => {
    const org = sb.store.organizations.at(0);
    const member = sb.store.users.at(1234);
    const last = member.name.split(' ')[1];
    const r = await search(`type:user organization:${org.id} ${last}`);
    assert.equal(r.status, 200, r.text);
    const found: number[] = r.json.users.map((u: { id: number }) => u.id);
    assert.ok(found.includes(member.id));
    for (const id of found) assert.ok(sb.store.findMembership(id, org.id), `user ${id} is a member`);
    assert.deepEqual((await search(`organization:"${org.name}" ${last}`)).json.users.map((u: { id: number }) => u.id), found);
  });

  it('finds a member by email within the organization, and nobody outside it', async () => {
    const org = sb.store.organizations.at(0);
    const member = sb.store.users.at(1499);
    assert.ok(member.email);
    assert.deepEqual((await search(`organization:${org.id} email:"${member.email}"`)).json.users.map((u: { id: number }) => u.id), [member.id]);
    const outsider = sb.store.users.at(1700);
    assert.ok(outsider.email && !sb.store.findMembership(outsider.id, org.id));
    assert.deepEqual((await search(`organization:${org.id} email:"${outsider.email}"`)).json.users, []);
    assert.deepEqual((await search('organization:999999999 a')).json.users, []);
  });
});

describe('sandbox: jobs other integrations queue', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ orgs: 5, users: 20, rateLimit: 0, maxJobs: 4, jobWorkers: 1, jobMsPerItem: 200 });
  });
  after(() => sb.close());

  it('count against the job limit, show in the job list, and change nothing', async () => {
    const memberships = sb.store.memberships.size;
    const r = await call(sb, '/__sandbox/jobs/foreign', { method: 'POST', body: { n: 5, items: 3 } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.job_statuses.length, 4);
    assert.equal(r.json.refused, 1);
    assert.equal(sb.jobs.activeCount(), 4);
    const bulk = await call(sb, `/api/v2/organization_memberships/destroy_many?ids=${sb.store.memberships.allIds()[0]}`, { method: 'DELETE' });
    assert.equal(bulk.status, 429);
    assert.equal(bulk.json.error, 'TooManyJobs');
    const list = await call(sb, '/api/v2/job_statuses?page[size]=100');
    const listed = new Set(list.json.job_statuses.map((job: { id: string }) => job.id));
    for (const job of r.json.job_statuses) assert.ok(listed.has(job.id));
    assert.equal(sb.store.memberships.size, memberships);
  });

  it('are refused with a message naming the fields when the body is wrong', async () => {
    assert.equal((await call(sb, '/__sandbox/jobs/foreign', { method: 'POST', body: { n: 0 } })).status, 400);
    assert.equal((await call(sb, '/__sandbox/jobs/foreign', { method: 'POST', body: { items: 101 } })).status, 400);
  });
});
