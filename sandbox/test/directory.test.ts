import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../src/server';
import { call, endUser } from '../src/testHelpers';

const XSS_NAME = '<img src=x onerror=alert(1)>';

describe('sandbox: organizations and users', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ orgs: 3000, users: 120 });
  });
  after(() => sb.close());

  describe('organizations', () => {
    it('lists realistic, unique, deterministic organizations with Zendesk fields', async () => {
      const r = await call(sb, '/api/v2/organizations.json?page[size]=100');
      const orgs = r.json.organizations;
      assert.equal(orgs.length, 100);
      assert.deepEqual(Object.keys(orgs[0]).sort(), [
        'created_at', 'details', 'domain_names', 'external_id', 'group_id', 'id', 'name', 'notes',
        'organization_fields', 'shared_comments', 'shared_tickets', 'tags', 'updated_at', 'url',
      ]);
      // details, notes and external_id are mostly null, as in recorded accounts (API-NOTES §13).
      assert.equal(orgs[0].external_id, null);
      assert.equal(orgs[1].external_id, 'ORG-000001');
      assert.equal(orgs.filter((o: { external_id: string | null }) => o.external_id !== null).length, 25);
      assert.equal(orgs.filter((o: { details: string | null }) => o.details !== null).length, 2);
      assert.equal(orgs.filter((o: { notes: string | null }) => o.notes !== null).length, 10);
      assert.ok(orgs[0].id > 2 ** 32 && orgs[0].id < Number.MAX_SAFE_INTEGER);
      assert.match(orgs[1].domain_names[0], /\.(example\.com|test)$/);
      assert.equal(orgs[0].group_id, null);
      assert.deepEqual(orgs[0].organization_fields, {});
      const again = await startSandbox({ orgs: 3000, users: 120 });
      try {
        const same = await call(again, '/api/v2/organizations.json?page[size]=100');
        assert.deepEqual(same.json.organizations.map((o: { name: string }) => o.name), orgs.map((o: { name: string }) => o.name));
      } finally {
        await again.close();
      }
    });

    it('keeps names unique past the word combinations (suffixes) ', () => {
      const names = new Set<string>();
      for (let i = 0; i < sb.store.organizations.count; i++) names.add(sb.store.organizations.nameAt(i).toLowerCase());
      assert.equal(names.size, sb.store.organizations.count);
    });

    it('shows one, 404 when unknown', async () => {
      const id = sb.store.organizations.idAt(7);
      const r = await call(sb, `/api/v2/organizations/${id}.json`);
      assert.equal(r.json.organization.id, id);
      assert.equal(r.json.organization.url, `${sb.url}/api/v2/organizations/${id}.json`);
      assert.equal((await call(sb, `/api/v2/organizations/${id + 1}.json`)).status, 404);
    });

    it('autocompletes by case-insensitive name prefix (offset paged); 400 without name; 403 for end users', async () => {
      const first = sb.store.organizations.nameAt(0);
      const prefix = first.slice(0, 6).toUpperCase();
      const r = await call(sb, `/api/v2/organizations/autocomplete.json?name=${encodeURIComponent(prefix)}&per_page=10`);
      assert.equal(r.status, 200);
      assert.ok(r.json.count >= 1);
      assert.ok(r.json.organizations.every((o: { name: string }) => o.name.toLowerCase().startsWith(prefix.toLowerCase())));
      let expected = 0;
      for (let i = 0; i < sb.store.organizations.count; i++) {
        if (sb.store.organizations.nameAt(i).toLowerCase().startsWith(prefix.toLowerCase())) expected++;
      }
      assert.equal(r.json.count, expected);
      const full = await call(sb, `/api/v2/organizations/autocomplete.json?name=${encodeURIComponent(first)}`);
      assert.equal(full.json.organizations[0].name, first);
      const missingName = await call(sb, '/api/v2/organizations/autocomplete.json');
      assert.deepEqual([missingName.status, missingName.json.errors?.[0]?.code], [400, 'ParameterMissing']);
      assert.equal((await call(sb, '/api/v2/organizations/autocomplete.json?name=a', { as: endUser(sb) })).status, 403);
    });

    it('shows many by ids and by external_ids, in name order; more than 100 → 400 TooManyValues', async () => {
      const ids = [sb.store.organizations.idAt(2), 1, sb.store.organizations.idAt(5), sb.store.organizations.idAt(9)];
      const r = await call(sb, `/api/v2/organizations/show_many.json?ids=${ids.join(',')}`);
      const byName = [ids[0], ids[2], ids[3]].map((id) => sb.store.getOrganization(id)!).sort((a, b) => a.name.localeCompare(b.name)).map((o) => o.id);
      assert.deepEqual(r.json.organizations.map((o: { id: number }) => o.id), byName);
      const ext = await call(sb, '/api/v2/organizations/show_many.json?external_ids=org-000005,ORG-000004,ORG-999999');
      assert.deepEqual(ext.json.organizations.map((o: { external_id: string }) => o.external_id), ['ORG-000005'], 'org 4 has no external id');
      const tooMany = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
      const refused = await call(sb, `/api/v2/organizations/show_many.json?ids=${tooMany}`);
      assert.deepEqual([refused.status, refused.json], [400, { error: 'TooManyValues', description: 'Parameter  cannot specify more than 100 values', max_count: 100 }]);
    });

    it("lists a user's organizations", async () => {
      const userId = sb.store.users.idAt(6);
      const r = await call(sb, `/api/v2/users/${userId}/organizations.json`);
      const expected = sb.store.membershipsOfUser(userId).map((m) => m.organization_id).sort((a, b) => a - b);
      assert.ok(expected.length >= 1);
      assert.deepEqual(r.json.organizations.map((o: { id: number }) => o.id), expected);
    });

    it('adds organizations (hostile names kept verbatim) programmatically and over HTTP; duplicates 422', async () => {
      const org = sb.store.addOrganization({ name: XSS_NAME });
      const r = await call(sb, `/api/v2/organizations/${org.id}.json`);
      assert.equal(r.json.organization.name, XSS_NAME);
      const listed = await call(sb, `/api/v2/organizations.json?page=${Math.ceil(sb.store.organizations.count / 100)}`);
      assert.ok(listed.json.organizations.some((o: { name: string }) => o.name === XSS_NAME));
      const viaHttp = await call(sb, '/__sandbox/organizations', { as: 'none', method: 'POST', body: { name: 'Over The Wire Ltd' } });
      assert.equal(viaHttp.status, 201);
      assert.equal(viaHttp.json.organization.id, org.id + 13);
      const dup = await call(sb, '/__sandbox/organizations', { as: 'none', method: 'POST', body: { name: ` ${sb.store.organizations.nameAt(3).toUpperCase()} ` } });
      assert.equal(dup.status, 422);
      assert.equal(dup.json.details.name[0].error, 'DuplicateValue');
    });
  });

  describe('users', () => {
    it('lists users with Zendesk fields; user 0 is the admin, 1 the agent, most are end users', async () => {
      const r = await call(sb, '/api/v2/users.json?page[size]=100');
      const users = r.json.users;
      assert.equal(users[0].name, 'Sandbox Admin');
      assert.equal(users[0].email, sb.credentials.admin.email);
      assert.equal(users[1].role, 'agent');
      for (const key of ['id', 'url', 'name', 'email', 'role', 'organization_id', 'active', 'verified', 'suspended', 'time_zone', 'locale', 'created_at', 'updated_at']) {
        assert.ok(key in users[5], key);
      }
      const roles = users.map((u: { role: string }) => u.role);
      assert.ok(roles.filter((x: string) => x === 'end-user').length > 80);
      assert.ok(roles.filter((x: string) => x === 'agent').length >= 5);
      const emails = users.map((u: { email: string | null }) => u.email).filter((email: string | null) => email !== null);
      assert.equal(new Set(emails).size, emails.length, 'emails are unique');
      const withoutEmail = users.filter((u: { email: string | null; role: string }) => u.email === null);
      assert.deepEqual(withoutEmail.map((u: { id: number }) => sb.store.users.indexOf(u.id)), [6, 19, 32, 45, 58, 71, 84, 97], 'one in 13 has no email (API-NOTES §13)');
      assert.ok(withoutEmail.every((u: { role: string }) => u.role === 'end-user'));
      const member = users[6];
      assert.equal(member.organization_id, sb.store.defaultOrganizationOf(member.id));
    });

    it('filters the list by role (role= and role[]=), keeping the filter in paging links', async () => {
      const agents = await call(sb, '/api/v2/users.json?role=agent&page[size]=3');
      assert.ok(agents.json.users.length === 3 && agents.json.users.every((u: { role: string }) => u.role === 'agent'));
      const next = await call(sb, agents.json.links.next);
      assert.ok(next.json.users.every((u: { role: string }) => u.role === 'agent'));
      const staff = await call(sb, '/api/v2/users.json?role[]=admin&role[]=agent&per_page=100');
      const expected = Array.from({ length: sb.store.users.count }, (_, i) => sb.store.users.at(i)).filter((u) => u.role !== 'end-user');
      assert.equal(staff.json.count, expected.length);
      assert.ok(staff.json.users.some((u: { role: string }) => u.role === 'admin'));
    });

    it('shows one (404 when unknown) and many (≤100 ids)', async () => {
      const id = sb.store.users.idAt(9);
      assert.equal((await call(sb, `/api/v2/users/${id}.json`)).json.user.id, id);
      assert.equal((await call(sb, `/api/v2/users/${id + 1}.json`)).status, 404);
      const many = await call(sb, `/api/v2/users/show_many.json?ids=${id},${sb.credentials.admin.userId},5`);
      const byName = [id, sb.credentials.admin.userId].map((userId) => sb.store.getUser(userId)!).sort((a, b) => a.name.localeCompare(b.name)).map((u) => u.id);
      assert.deepEqual(many.json.users.map((u: { id: number }) => u.id), byName, 'name order, not the order asked');
      const tooMany = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
      const refused = await call(sb, `/api/v2/users/show_many.json?ids=${tooMany}`);
      assert.deepEqual([refused.status, refused.json.error, refused.json.max_count], [400, 'TooManyValues', 100]);
    });

    it('autocompletes for staff only; end users get 403', async () => {
      const name = sb.store.users.nameAt(10);
      const r = await call(sb, `/api/v2/users/autocomplete.json?name=${encodeURIComponent(name.slice(0, 3).toLowerCase())}`, { as: 'agent' });
      assert.equal(r.status, 200);
      assert.ok(r.json.users.some((u: { name: string }) => u.name === name));
      assert.ok(r.json.users.every((u: { name: string }) => u.name.toLowerCase().startsWith(name.slice(0, 3).toLowerCase())));
      assert.equal((await call(sb, '/api/v2/users/autocomplete.json?name=a', { as: endUser(sb) })).status, 403);
    });

    it('lets an end user read themselves but not others', async () => {
      const user = endUser(sb);
      assert.equal((await call(sb, `/api/v2/users/${user.id}.json`, { as: user })).status, 200);
      assert.equal((await call(sb, `/api/v2/users/${sb.credentials.admin.userId}.json`, { as: user })).status, 403);
    });
  });
});
