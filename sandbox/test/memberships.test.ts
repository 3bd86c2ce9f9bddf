import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../src/server';
import { call, endUser } from '../src/testHelpers';

const MEMBERSHIP_KEYS = ['created_at', 'default', 'id', 'organization_id', 'organization_name', 'updated_at', 'url', 'user_id', 'view_tickets'];

describe('sandbox: organization membership endpoints', () => {
  let sb: Sandbox;
  /** A fresh end user with no memberships, and an org, for each test. */
  let userId: number;
  let orgId: number;
  let n = 0;

  before(async () => {
    sb = await startSandbox({ orgs: 12, users: 60 });
  });
  after(() => sb.close());
  beforeEach(() => {
    n++;
    userId = sb.store.addUser({ name: `Member Test ${n}`, email: `member.test.${n}@example.org` }).id;
    orgId = sb.store.addOrganization({ name: `Membership Test Org ${n}` }).id;
  });

  describe('lists', () => {
    it('lists account-wide with every OrganizationMembershipObject field, default true or null', async () => {
      const size = sb.store.memberships.size;
      const r = await call(sb, '/api/v2/organization_memberships.json');
      assert.equal(r.status, 200);
      const list = r.json.organization_memberships;
      assert.ok(size > 50);
      assert.equal(list.length, Math.min(100, size));
      assert.deepEqual(Object.keys(list[0]).sort(), MEMBERSHIP_KEYS);
      assert.ok(list.some((m: { default: unknown }) => m.default === null));
      assert.ok(list.every((m: { default: unknown }) => m.default === true || m.default === null));
      assert.equal(list[0].url, `${sb.url}/api/v2/organization_memberships/${list[0].id}.json`);
      assert.equal(r.json.count, size);
    });

    it('sideloads users and organizations with include=users,organizations', async () => {
      const r = await call(sb, '/api/v2/organization_memberships.json?per_page=5&include=users,organizations');
      const page = r.json.organization_memberships as Array<{ user_id: number; organization_id: number }>;
      assert.deepEqual(new Set(r.json.users.map((u: { id: number }) => u.id)), new Set(page.map((m) => m.user_id)));
      assert.deepEqual(new Set(r.json.organizations.map((o: { id: number }) => o.id)), new Set(page.map((m) => m.organization_id)));
      assert.equal(typeof r.json.users[0].name, 'string');
      const byUser = await call(sb, `/api/v2/users/${sb.store.users.idAt(3)}/organization_memberships.json?include=organizations`);
      assert.equal(byUser.json.organizations.length, byUser.json.organization_memberships.length);
      assert.equal(byUser.json.users, undefined);
    });

    it('lists per user and per organization; 404 for an unknown user or org', async () => {
      sb.store.createMembership(userId, orgId);
      const byUser = await call(sb, `/api/v2/users/${userId}/organization_memberships.json`);
      assert.deepEqual(byUser.json.organization_memberships.map((m: { organization_id: number }) => m.organization_id), [orgId]);
      const byOrg = await call(sb, `/api/v2/organizations/${orgId}/organization_memberships.json`);
      assert.deepEqual(byOrg.json.organization_memberships.map((m: { user_id: number }) => m.user_id), [userId]);
      assert.equal((await call(sb, '/api/v2/users/372999999999/organization_memberships.json')).status, 404);
      assert.equal((await call(sb, '/api/v2/organizations/360999999999/organization_memberships.json')).status, 404);
    });

    it('shows end users only their own memberships, and forbids them other users and orgs', async () => {
      const user = endUser(sb);
      const own = await call(sb, '/api/v2/organization_memberships.json', { as: user });
      assert.equal(own.status, 200);
      assert.ok(own.json.organization_memberships.length > 0);
      assert.ok(own.json.organization_memberships.every((m: { user_id: number }) => m.user_id === user.id));
      assert.equal((await call(sb, `/api/v2/users/${userId}/organization_memberships.json`, { as: user })).status, 403);
      assert.equal((await call(sb, `/api/v2/organizations/${orgId}/organization_memberships.json`, { as: user })).status, 403);
    });
  });

  describe('create', () => {
    it('creates with 201 via /organization_memberships and via /users/{id}/organization_memberships', async () => {
      const a = await call(sb, '/api/v2/organization_memberships.json', {
        method: 'POST', body: { organization_membership: { user_id: userId, organization_id: orgId } },
      });
      assert.equal(a.status, 201);
      const m = a.json.organization_membership;
      assert.equal(m.user_id, userId);
      assert.equal(m.organization_id, orgId);
      assert.equal(m.default, true, "a user's first membership becomes the default");
      assert.equal(m.organization_name, undefined, 'single-object answers omit organization_name (API-NOTES §3.1)');
      assert.match(m.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const other = sb.store.addOrganization({ name: `Second Org ${n}` });
      const b = await call(sb, `/api/v2/users/${userId}/organization_memberships.json`, {
        method: 'POST', body: { organization_membership: { organization_id: other.id } },
      });
      assert.equal(b.status, 201);
      assert.equal(b.json.organization_membership.user_id, userId);
      assert.equal(b.json.organization_membership.default, null);
      assert.ok(sb.store.findMembership(userId, other.id));
    });

    it('answers 422 DuplicateValue for an existing pair', async () => {
      sb.store.createMembership(userId, orgId);
      const r = await call(sb, '/api/v2/organization_memberships.json', {
        method: 'POST', body: { organization_membership: { user_id: userId, organization_id: orgId } },
      });
      assert.equal(r.status, 422);
      assert.deepEqual(r.json, {
        error: 'RecordInvalid',
        description: 'Record validation errors',
        details: { user_id: [{ description: `User ${userId} is already a member of organization ${orgId}`, error: 'DuplicateValue' }] },
      });
    });

    it('answers 422 BlankValue for a missing user or organization, and for the create_many shape', async () => {
      const noUser = await call(sb, '/api/v2/organization_memberships.json', {
        method: 'POST', body: { organization_membership: { user_id: 372999999999, organization_id: orgId } },
      });
      assert.equal(noUser.status, 422);
      assert.deepEqual(noUser.json.details, { user: [{ description: 'User cannot be blank', error: 'BlankValue' }] });
      const noOrg = await call(sb, '/api/v2/organization_memberships.json', {
        method: 'POST', body: { organization_membership: { user_id: userId, organization_id: 42 } },
      });
      assert.deepEqual(noOrg.json.details, { organization: [{ description: 'Organization cannot be blank', error: 'BlankValue' }] });
      const wrongShape = await call(sb, '/api/v2/organization_memberships.json', {
        method: 'POST', body: { organization_memberships: [{ user_id: userId, organization_id: orgId }] },
      });
      assert.equal(wrongShape.status, 422);
      assert.deepEqual(Object.keys(wrongShape.json.details).sort(), ['organization', 'user']);
      assert.equal(sb.store.findMembership(userId, orgId), undefined);
    });

    it('404s a create for a user path that does not exist', async () => {
      const r = await call(sb, '/api/v2/users/372999999999/organization_memberships.json', {
        method: 'POST', body: { organization_membership: { organization_id: orgId } },
      });
      assert.equal(r.status, 404);
    });
  });

  describe('show and delete', () => {
    it('shows by id and via the user, 404 when unknown or owned by another user', async () => {
      const m = sb.store.createMembership(userId, orgId);
      const a = await call(sb, `/api/v2/organization_memberships/${m.id}.json`);
      assert.equal(a.status, 200);
      assert.equal(a.json.organization_membership.id, m.id);
      const b = await call(sb, `/api/v2/users/${userId}/organization_memberships/${m.id}.json`);
      assert.equal(b.json.organization_membership.organization_id, orgId);
      const wrongUser = await call(sb, `/api/v2/users/${sb.credentials.admin.userId}/organization_memberships/${m.id}.json`);
      assert.equal(wrongUser.status, 404);
      assert.equal(wrongUser.json.error, 'RecordNotFound');
    });

    it('deletes with 204 and no body (both variants), then 404', async () => {
      const other = sb.store.addOrganization({ name: `Delete Org ${n}` });
      const m1 = sb.store.createMembership(userId, orgId);
      const m2 = sb.store.createMembership(userId, other.id);
      const a = await call(sb, `/api/v2/organization_memberships/${m1.id}.json`, { method: 'DELETE' });
      assert.equal(a.status, 204);
      assert.equal(a.text, '');
      assert.equal(a.headers.get('content-type'), null);
      const b = await call(sb, `/api/v2/users/${userId}/organization_memberships/${m2.id}.json`, { method: 'DELETE' });
      assert.equal(b.status, 204);
      assert.equal(sb.store.membershipsOfUser(userId).length, 0);
      const again = await call(sb, `/api/v2/organization_memberships/${m1.id}.json`, { method: 'DELETE' });
      assert.equal(again.status, 404);
    });

    it('unassigns an organization with 204, 404 when not a member', async () => {
      sb.store.createMembership(userId, orgId);
      const r = await call(sb, `/api/v2/users/${userId}/organizations/${orgId}.json`, { method: 'DELETE' });
      assert.equal(r.status, 204);
      assert.equal(sb.store.findMembership(userId, orgId), undefined);
      const again = await call(sb, `/api/v2/users/${userId}/organizations/${orgId}.json`, { method: 'DELETE' });
      assert.equal(again.status, 404);
    });
  });

  describe('make default', () => {
    it('PUT …/organization_memberships/{id}/make_default answers the user\'s whole list', async () => {
      const other = sb.store.addOrganization({ name: `Another Org ${n}` });
      sb.store.createMembership(userId, orgId);
      const second = sb.store.createMembership(userId, other.id);
      const r = await call(sb, `/api/v2/users/${userId}/organization_memberships/${second.id}/make_default.json`, { method: 'PUT' });
      assert.equal(r.status, 200);
      const list = r.json.organization_memberships;
      assert.equal(list.length, 2);
      assert.equal(list[0].id, second.id);
      assert.equal(list[0].default, true);
      assert.equal(list[1].default, null);
      assert.equal(list[0].organization_name, other.name);
    });

    it('PUT …/organizations/{id}/make_default answers one membership; 404 when not a member', async () => {
      const other = sb.store.addOrganization({ name: `Default Org ${n}` });
      sb.store.createMembership(userId, orgId);
      sb.store.createMembership(userId, other.id);
      const r = await call(sb, `/api/v2/users/${userId}/organizations/${other.id}/make_default.json`, { method: 'PUT' });
      assert.equal(r.status, 200);
      assert.equal(r.json.organization_membership.organization_id, other.id);
      assert.equal(r.json.organization_membership.default, true);
      const stranger = sb.store.addOrganization({ name: `Stranger Org ${n}` });
      const missing = await call(sb, `/api/v2/users/${userId}/organizations/${stranger.id}/make_default.json`, { method: 'PUT' });
      assert.equal(missing.status, 404);
    });
  });

  describe('roles', () => {
    it('lets the agent manage end users\' memberships but not staff ones (403)', async () => {
      const asAgent = { as: 'agent' as const, method: 'POST' };
      const ok = await call(sb, '/api/v2/organization_memberships.json', {
        ...asAgent, body: { organization_membership: { user_id: userId, organization_id: orgId } },
      });
      assert.equal(ok.status, 201);
      const staff = sb.store.addUser({ name: `Staff ${n}`, email: `staff.${n}@example.org`, role: 'agent' });
      const denied = await call(sb, '/api/v2/organization_memberships.json', {
        ...asAgent, body: { organization_membership: { user_id: staff.id, organization_id: orgId } },
      });
      assert.equal(denied.status, 403);
      assert.equal(denied.json.error, 'Forbidden');
      const staffMembership = sb.store.createMembership(staff.id, orgId);
      const deleteDenied = await call(sb, `/api/v2/organization_memberships/${staffMembership.id}.json`, { method: 'DELETE', as: 'agent' });
      assert.equal(deleteDenied.status, 403);
      const byAdmin = await call(sb, `/api/v2/organization_memberships/${staffMembership.id}.json`, { method: 'DELETE', as: 'admin' });
      assert.equal(byAdmin.status, 204);
    });

    it('forbids every write to end users', async () => {
      const user = endUser(sb);
      const m = sb.store.membershipsOfUser(user.id)[0];
      const attempts = [
        call(sb, '/api/v2/organization_memberships.json', { method: 'POST', as: user, body: { organization_membership: { user_id: user.id, organization_id: orgId } } }),
        call(sb, `/api/v2/organization_memberships/${m.id}.json`, { method: 'DELETE', as: user }),
        call(sb, `/api/v2/users/${user.id}/organization_memberships/${m.id}/make_default.json`, { method: 'PUT', as: user }),
        call(sb, '/api/v2/organization_memberships/create_many.json', { method: 'POST', as: user, body: { organization_memberships: [{ user_id: user.id, organization_id: orgId }] } }),
        call(sb, `/api/v2/organization_memberships/destroy_many.json?ids=${m.id}`, { method: 'DELETE', as: user }),
      ];
      for (const r of await Promise.all(attempts)) assert.equal(r.status, 403);
      assert.ok(sb.store.getMembership(m.id));
    });
  });
});
