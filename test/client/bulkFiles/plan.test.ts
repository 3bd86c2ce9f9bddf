import assert from 'node:assert/strict';
import { planAdditions, planRemovals } from '../../../src/bulkFiles/plan';
import type { MembershipRow } from '../../../src/bulkFiles/rows';
import type { RecordedRequest } from 'zendesk-sandbox';
import { Harness, startHarness } from '../harness';

/** Requests by kind: `GET /api/v2/organizations/:id/organization_memberships` etc. */
function requestKinds(requests: readonly RecordedRequest[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const request of requests) {
    const kind = `${request.method} ${request.path.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

describe('planning bulk changes against the sandbox', () => {
  let harness: Harness;

  before(async () => {
    harness = await startHarness({ orgs: 8, users: 40 });
  });
  after(() => harness.close());
  beforeEach(() => {
    harness.sandbox.requests.length = 0;
  });

  describe('planAdditions', () => {
    it('250 users by id and email into one organization: exact counts, in 132 requests', async () => {
      const { store } = harness.sandbox;
      const target = store.addOrganization({ name: 'Plan Target', external_id: 'PLAN-0001' });
      const users = Array.from({ length: 251 }, (_, i) => store.addUser({ name: `Planned User ${i}`, email: `planned.${i}@example.org` }));
      const members = [0, 1, 130, 131, 200].map((i) => store.createMembership(users[i].id, target.id));

      const rows: MembershipRow[] = [];
      let line = 2;
      // 125 users by id, the organization by id.
      for (let i = 0; i < 125; i++) rows.push({ line: line++, user: { id: users[i].id }, organization: { id: target.id } });
      // 125 users by email (some in another case), the organization by name or by external id.
      for (let i = 125; i < 250; i++) {
        const email = i % 3 === 0 ? String(users[i].email).toUpperCase() : String(users[i].email);
        rows.push({ line: line++, user: { email }, organization: i % 2 === 0 ? { name: 'plan target' } : { externalId: 'plan-0001' }, makeDefault: i === 140 ? true : undefined });
      }
      rows.push(
        { line: 252, user: { email: 'ghost.one@example.org' }, organization: { id: target.id } },
        { line: 253, user: { email: 'ghost.two@example.org' }, organization: { name: 'Plan Target' } },
        { line: 254, user: { id: users[250].id }, organization: { name: 'No Such Organization' } },
      );

      const reports: Array<[number, number]> = [];
      const plan = await planAdditions(harness.client, rows, { onProgress: (done, total) => reports.push([done, total]) });

      assert.equal(plan.toAdd.length, 245);
      assert.equal(plan.alreadyMembers.length, 5);
      assert.deepEqual(plan.usersNotFound, [{ line: 252, value: 'ghost.one@example.org' }, { line: 253, value: 'ghost.two@example.org' }]);
      assert.deepEqual(plan.organizationsNotFound, [{ line: 254, value: 'No Such Organization' }]);
      assert.deepEqual(plan.alreadyMembers.map((item) => item.membershipId), members.map((m) => m.id));
      assert.deepEqual(plan.alreadyMembers[0], {
        userId: users[0].id, organizationId: target.id, membershipId: members[0].id,
        userLabel: 'Planned User 0 (planned.0@example.org)', organizationLabel: 'Plan Target', line: 2,
      });
      const added140 = plan.toAdd.find((item) => item.userId === users[140].id);
      assert.deepEqual(added140, {
        userId: users[140].id, organizationId: target.id, makeDefault: true, previousDefaultId: null, // the history records the default it replaces
        userLabel: 'Planned User 140 (planned.140@example.org)', organizationLabel: 'Plan Target', line: 142,
      });
      assert.ok(plan.toAdd.every((item) => item.organizationId === target.id && item.membershipId === undefined));
      assert.equal(new Set(plan.toAdd.map((item) => item.userId)).size, 245);

      // 126 ids → 2 show_many; 127 distinct emails → 127 searches (no batch form); the organization's
      // id → 1 show_many, its name and external id are then known; 1 unknown name → 1 search; and the
      // one organization (5 members) is listed rather than its 250 users: 1 page.
      const kinds = requestKinds(harness.sandbox.requests);
      console.log(`      [plan] 253 rows, ${harness.sandbox.requests.length} requests: ${JSON.stringify(kinds)}`);
      assert.deepEqual(kinds, {
        'GET /api/v2/users/show_many': 2,
        'GET /api/v2/organizations/show_many': 1,
        'GET /api/v2/users/search': 127,
        'GET /api/v2/organizations/search': 1,
        'GET /api/v2/organizations/:id/organization_memberships': 1,
      });
      assert.equal(harness.sandbox.requests.length, 132);
      assert.ok(harness.sandbox.requests.every((r) => r.status === 200));

      const [lastDone, lastTotal] = reports[reports.length - 1];
      assert.equal(lastDone, 132);
      assert.equal(lastTotal, 132);
      assert.ok(reports.every(([done, total], i) => done <= total && (i === 0 || done >= reports[i - 1][0])), 'progress only moves forward');
    });

    it('lists each user when there are no more distinct users than organizations', async () => {
      const { store } = harness.sandbox;
      const userIds = [5, 6, 7].map((i) => store.users.idAt(i));
      const orgIds = [0, 1, 2, 3].map((i) => store.organizations.idAt(i));
      const rows: MembershipRow[] = userIds.flatMap((userId, u) => orgIds.map((organizationId, o) => ({ line: 2 + u * 4 + o, user: { id: userId }, organization: { id: organizationId } })));
      const plan = await planAdditions(harness.client, rows);
      const expectedMembers = rows.filter((row) => store.findMembership(row.user?.id as number, row.organization?.id as number));
      assert.deepEqual(plan.alreadyMembers.map((item) => item.line), expectedMembers.map((row) => row.line));
      assert.equal(plan.toAdd.length + plan.alreadyMembers.length, 12);
      assert.deepEqual(requestKinds(harness.sandbox.requests), {
        'GET /api/v2/users/show_many': 1,
        'GET /api/v2/organizations/show_many': 1,
        'GET /api/v2/users/:id/organization_memberships': 3,
      });
    });

    it('plans a pair named twice (by id and by email) once', async () => {
      const user = harness.sandbox.store.users.at(9);
      const orgId = harness.sandbox.store.organizations.idAt(6);
      const plan = await planAdditions(harness.client, [
        { line: 2, user: { id: user.id }, organization: { id: orgId } },
        { line: 3, user: { email: user.email as string }, organization: { id: orgId } },
      ]);
      assert.equal(plan.toAdd.length + plan.alreadyMembers.length, 1);
      assert.equal([...plan.toAdd, ...plan.alreadyMembers][0].line, 2);
    });

    it('lists repeated rows as duplicates with their lines, and a second default for one user as a conflict', async () => {
      const { store } = harness.sandbox;
      const [home, other, fresh] = [store.addOrganization({ name: 'Home Org' }), store.addOrganization({ name: 'Other Org' }), store.addOrganization({ name: 'Fresh Org' })];
      const user = store.addUser({ name: 'Double Member', email: 'double.member@example.org' });
      store.createMembership(user.id, home.id); // the first membership is the default one
      store.createMembership(user.id, other.id);
      const plan = await planAdditions(harness.client, [
        { line: 2, user: { id: user.id }, organization: { id: home.id }, makeDefault: true },
        { line: 3, user: { id: user.id }, organization: { id: other.id }, makeDefault: true },
        { line: 4, user: { id: user.id }, organization: { id: fresh.id } },
        { line: 5, user: { email: user.email as string }, organization: { name: 'Fresh Org' } },
        { line: 6, user: { id: user.id }, organization: { id: fresh.id } },
      ]);
      assert.deepEqual(plan.toAdd.map((item) => item.line), [4]);
      assert.deepEqual(plan.alreadyMembers.map((item) => item.line), [2], 'already the default: nothing lost');
      assert.deepEqual(plan.toMakeDefault, [], 'line 3 asks for a second default for the same user');
      assert.deepEqual(plan.defaultConflicts, [{ line: 3, value: 'Double Member (double.member@example.org) → Other Org (line 2 already makes Home Org the default)' }]);
      assert.deepEqual(plan.duplicates, [
        { line: 5, value: 'Double Member (double.member@example.org) → Fresh Org (as on line 4)' },
        { line: 6, value: 'Double Member (double.member@example.org) → Fresh Org (as on line 4)' },
      ]);
    });

    it('an existing member whose row asks for the default: planned as a default change with its membership; already the default: nothing to do', async () => {
      const { store } = harness.sandbox;
      const [first, second] = [store.addOrganization({ name: 'First Home' }), store.addOrganization({ name: 'Second Home' })];
      const user = store.addUser({ name: 'Default Mover', email: 'default.mover@example.org' });
      const other = store.addUser({ name: 'Default Keeper', email: 'default.keeper@example.org' });
      store.createMembership(user.id, first.id, { default: true });
      const membership = store.createMembership(user.id, second.id);
      store.createMembership(other.id, second.id, { default: true });
      const plan = await planAdditions(harness.client, [
        { line: 2, user: { id: user.id }, organization: { id: second.id }, makeDefault: true },
        { line: 3, user: { id: other.id }, organization: { id: second.id }, makeDefault: true },
      ]);
      assert.deepEqual(plan.toMakeDefault.map((item) => [item.line, item.membershipId, item.makeDefault]), [[2, membership.id, true]]);
      assert.deepEqual(plan.alreadyMembers.map((item) => item.line), [3]);
      assert.deepEqual(plan.toAdd, []);
    });

    it('falls back to autocomplete for names when organization search is forbidden (plain agents)', async () => {
      const { store, credentials } = harness.sandbox;
      const agent = harness.clientWith({ credentials: { kind: 'apiToken', email: credentials.agent.email, token: credentials.agent.token } });
      const names = [1, 4].map((i) => store.organizations.nameAt(i));
      const userId = store.users.idAt(12);
      const plan = await planAdditions(agent, [
        { line: 2, user: { id: userId }, organization: { name: names[0].toUpperCase() } },
        { line: 3, user: { id: userId }, organization: { name: names[1] } },
        { line: 4, user: { id: userId }, organization: { name: `${names[1]} Nonexistent` } },
      ]);
      assert.deepEqual([...plan.toAdd, ...plan.alreadyMembers].map((item) => item.organizationLabel).sort(), [...names].sort());
      assert.deepEqual(plan.organizationsNotFound, [{ line: 4, value: `${names[1]} Nonexistent` }]);
      const kinds = requestKinds(harness.sandbox.requests);
      assert.equal(kinds['GET /api/v2/organizations/autocomplete'], 3);
      assert.ok(kinds['GET /api/v2/organizations/search'] >= 1 && kinds['GET /api/v2/organizations/search'] <= 3, JSON.stringify(kinds));
    });

    it('stops when its signal is aborted', async () => {
      const { store } = harness.sandbox;
      const rows: MembershipRow[] = Array.from({ length: 30 }, (_, i) => ({ line: i + 2, user: { email: `nobody.${i}@example.net` }, organization: { id: store.organizations.idAt(0) } }));
      const controller = new AbortController();
      const planned = planAdditions(harness.client, rows, {
        signal: controller.signal,
        onProgress: (done) => {
          if (done === 3) controller.abort();
        },
      });
      await assert.rejects(planned, (error: unknown) => error instanceof Error && error.name === 'AbortError');
      assert.ok(harness.sandbox.requests.length < 31, `stopped early (${harness.sandbox.requests.length} requests)`);
      harness.sandbox.requests.length = 0;
      await assert.rejects(planAdditions(harness.client, rows, { signal: AbortSignal.abort() }), { name: 'AbortError' });
      assert.equal(harness.sandbox.requests.length, 0);
    });

    it('sends nothing for no rows', async () => {
      assert.deepEqual(await planAdditions(harness.client, []), { toAdd: [], alreadyMembers: [], toMakeDefault: [], defaultConflicts: [], usersNotFound: [], organizationsNotFound: [], duplicates: [] });
      assert.equal(harness.sandbox.requests.length, 0);
    });
  });

  describe('planRemovals', () => {
    it('by user and organization: the memberships to delete, pairs that are not members, unknown names', async () => {
      const { store } = harness.sandbox;
      const org = store.addOrganization({ name: 'Removal Corp', external_id: 'RC-1' });
      const users = Array.from({ length: 4 }, (_, i) => store.addUser({ name: `Leaver ${i}`, email: `leaver.${i}@example.org` }));
      const memberships = users.slice(0, 3).map((user) => store.createMembership(user.id, org.id));
      const plan = await planRemovals(harness.client, [
        { line: 2, user: { email: 'leaver.0@example.org' }, organization: { name: 'Removal Corp' } },
        { line: 3, user: { id: users[1].id }, organization: { externalId: 'rc-1' } },
        { line: 4, user: { email: 'LEAVER.2@example.org' }, organization: { id: org.id } },
        { line: 5, user: { email: 'leaver.3@example.org' }, organization: { id: org.id } },
        { line: 6, user: { email: 'never.was@example.org' }, organization: { id: org.id } },
        { line: 7, user: { id: users[0].id }, organization: { name: 'Nowhere Ltd' } },
      ]);
      assert.deepEqual(plan.toRemove, memberships.map((m, i) => ({
        userId: users[i].id, organizationId: org.id, membershipId: m.id,
        userLabel: `Leaver ${i} (leaver.${i}@example.org)`, organizationLabel: 'Removal Corp', line: 2 + i, wasDefault: true, // their only membership
      })));
      assert.deepEqual(plan.notMembers, [{ line: 5, value: 'Leaver 3 (leaver.3@example.org) → Removal Corp' }]);
      assert.deepEqual(plan.usersNotFound, [{ line: 6, value: 'never.was@example.org' }]);
      assert.deepEqual(plan.organizationsNotFound, [{ line: 7, value: 'Nowhere Ltd' }]);
      assert.deepEqual(plan.membershipsNotFound, []);
      assert.deepEqual(requestKinds(harness.sandbox.requests), {
        'GET /api/v2/users/show_many': 1, // also brings leaver.0, named by id on line 7: no search for that email
        'GET /api/v2/organizations/show_many': 1, // by id: its external id and name are then known
        'GET /api/v2/users/search': 3,
        'GET /api/v2/organizations/search': 1, // Nowhere Ltd
        'GET /api/v2/organizations/:id/organization_memberships': 1,
      });
    });

    it('lists a membership named twice (by pair, then by id) as a duplicate', async () => {
      const { store } = harness.sandbox;
      const org = store.addOrganization({ name: 'Twice Named Org' });
      const user = store.addUser({ name: 'Twice Named', email: 'twice.named@example.org' });
      const membership = store.createMembership(user.id, org.id);
      const plan = await planRemovals(harness.client, [
        { line: 2, user: { id: user.id }, organization: { id: org.id } },
        { line: 3, membershipId: membership.id },
        { line: 4, membershipId: membership.id },
      ]);
      assert.deepEqual(plan.toRemove.map((item) => item.membershipId), [membership.id]);
      assert.deepEqual(plan.duplicates, [
        { line: 3, value: `membership ${membership.id} (as on line 2)` },
        { line: 4, value: `membership ${membership.id} (as on line 2)` },
      ]);
    });

    it('by membership id alone: one show per id, then labels in show_many', async () => {
      const { store } = harness.sandbox;
      const chosen = [0, 1, 2, 3].map((i) => store.getMembership(store.memberships.allIds()[i * 5]));
      const ids = chosen.map((m) => m?.id as number);
      const unknown = 999_999_999;
      const plan = await planRemovals(harness.client, [
        ...ids.map((membershipId, i) => ({ line: 2 + i, membershipId })),
        { line: 6, membershipId: unknown },
        { line: 7, membershipId: ids[0] },
      ]);
      assert.deepEqual(plan.toRemove.map((item) => [item.line, item.membershipId, item.userId, item.organizationId]),
        chosen.map((m, i) => [2 + i, m?.id, m?.user_id, m?.organization_id]));
      for (const item of plan.toRemove) {
        const user = store.getUser(item.userId);
        // A user without an email (they exist) is labelled by name alone.
        assert.equal(item.userLabel, user?.email ? `${user.name} (${user.email})` : user?.name);
        assert.equal(item.organizationLabel, store.getOrganization(item.organizationId)?.name);
      }
      assert.deepEqual(plan.membershipsNotFound, [{ line: 6, value: String(unknown) }]);
      const kinds = requestKinds(harness.sandbox.requests);
      assert.equal(kinds['GET /api/v2/organization_memberships/:id'], 5, 'one show per distinct id');
      assert.equal(kinds['GET /api/v2/users/show_many'], 1);
      assert.equal(kinds['GET /api/v2/organizations/show_many'], 1);
      assert.equal(harness.sandbox.requests.length, 7);
    });

    it('by membership id with the user and organization beside it (Zendesk\'s export): checked in the organization\'s listing', async () => {
      const { store } = harness.sandbox;
      const org = store.addOrganization({ name: 'Exported Org' });
      const users = Array.from({ length: 150 }, (_, i) => store.addUser({ name: `Exported ${i}`, email: `exported.${i}@example.org` }));
      const memberships = users.map((user) => store.createMembership(user.id, org.id));
      // One row whose id belongs elsewhere: the id decides, so it is shown on its own.
      const elsewhere = store.getMembership(store.memberships.allIds()[3]);
      const stranger = store.addUser({ name: 'Stranger', email: 'stranger@example.org' });
      const rows: MembershipRow[] = [
        ...memberships.map((m, i) => ({ line: 2 + i, membershipId: m.id, user: { id: m.user_id }, organization: { id: org.id, name: 'Exported Org' } })),
        { line: 152, membershipId: elsewhere?.id, user: { id: stranger.id }, organization: { id: org.id } },
      ];
      const plan = await planRemovals(harness.client, rows);
      assert.equal(plan.toRemove.length, 151);
      assert.deepEqual(plan.toRemove.slice(0, 150).map((item) => item.membershipId), memberships.map((m) => m.id));
      const last = plan.toRemove[150];
      assert.deepEqual([last.line, last.membershipId, last.userId, last.organizationId], [152, elsewhere?.id, elsewhere?.user_id, elsewhere?.organization_id]);
      assert.equal(last.organizationLabel, store.getOrganization(elsewhere?.organization_id as number)?.name);
      assert.deepEqual(requestKinds(harness.sandbox.requests), {
        'GET /api/v2/users/show_many': 3, // 151 hinted users in 2, then the stranger membership's own user for its label
        'GET /api/v2/organizations/show_many': 2, // the hinted organization, then the other membership's organization
        'GET /api/v2/organizations/:id/organization_memberships': 2, // 150 members, 100 per page
        'GET /api/v2/organization_memberships/:id': 1, // only the id not found in that listing
      });
    });
  });
});

describe('planning against a big organization', () => {
  let harness: Harness;

  before(async () => {
    harness = await startHarness({ orgs: 3, users: 1000, bigOrgMembers: 1000 });
  });
  after(() => harness.close());
  beforeEach(() => {
    harness.sandbox.requests.length = 0;
  });

  const bigOrgId = (): number => harness.sandbox.store.organizations.idAt(0);

  it('pages an organization no longer than listing its users would cost, then lists those users instead', async () => {
    const { store } = harness.sandbox;
    const newcomers = [0, 1].map((i) => store.addUser({ name: `Newcomer ${i}`, email: `newcomer.${i}@example.org` }));
    const rows: MembershipRow[] = [
      { line: 2, user: { id: store.users.idAt(50) }, organization: { id: bigOrgId() } }, // a member, on the first page
      ...newcomers.map((user, i) => ({ line: 3 + i, user: { id: user.id }, organization: { id: bigOrgId() } })),
    ];
    const plan = await planAdditions(harness.client, rows);
    assert.deepEqual(plan.alreadyMembers.map((item) => item.line), [2]);
    assert.deepEqual(plan.toAdd.map((item) => item.line), [3, 4]);
    // 1000 members = 10 pages; 3 users in question allow at most 3 pages. After page 1 two are
    // left, after page 2 paging is as dear as listing them: so 2 pages, then 2 users.
    assert.deepEqual(requestKinds(harness.sandbox.requests), {
      'GET /api/v2/users/show_many': 1,
      'GET /api/v2/organizations/show_many': 1,
      'GET /api/v2/organizations/:id/organization_memberships': 2,
      'GET /api/v2/users/:id/organization_memberships': 2,
    });
  });

  it('stops paging as soon as every pair it could answer is answered', async () => {
    const { store } = harness.sandbox;
    const rows: MembershipRow[] = [10, 20, 30, 40].map((i, k) => ({ line: 2 + k, user: { id: store.users.idAt(i) }, organization: { id: bigOrgId() } }));
    const plan = await planAdditions(harness.client, rows);
    assert.equal(plan.alreadyMembers.length, 4);
    assert.equal(plan.toAdd.length, 0);
    assert.equal(requestKinds(harness.sandbox.requests)['GET /api/v2/organizations/:id/organization_memberships'], 1);
  });
});
