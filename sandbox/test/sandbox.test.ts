import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../src/server';
import { basicHeader, call, endUser } from '../src/testHelpers';

describe('sandbox: auth, routing, envelopes and recording', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox();
  });
  after(() => sb.close());

  describe('auth', () => {
    const me = '/api/v2/users/me.json';

    it('answers 401 Unauthorized without credentials, with the classic envelope', async () => {
      const r = await call(sb, me, { as: 'none' });
      assert.equal(r.status, 401);
      assert.deepEqual(r.json, { error: 'Unauthorized', description: "Couldn't authenticate you" });
      assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
    });

    it('rejects a wrong token, a password-style Basic login, and garbage', async () => {
      const { email, token } = sb.credentials.admin;
      for (const header of [
        basicHeader(email, 'wrong-token'),
        `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`,
        basicHeader('nobody@example.com', token),
        'Basic !!!',
        'Token abc',
      ]) {
        const r = await call(sb, me, { as: { header } });
        assert.equal(r.status, 401, header);
      }
    });

    it('accepts the admin and the agent credentials and reports who is calling', async () => {
      const admin = await call(sb, me, { as: 'admin' });
      assert.equal(admin.status, 200);
      assert.equal(admin.json.user.id, sb.credentials.admin.userId);
      assert.equal(admin.json.user.role, 'admin');
      assert.equal(admin.json.user.name, 'Sandbox Admin');
      const agent = await call(sb, me, { as: 'agent' });
      assert.equal(agent.json.user.id, sb.credentials.agent.userId);
      assert.equal(agent.json.user.role, 'agent');
      assert.equal(agent.json.user.email, 'agent@example.com');
    });

    it('treats API tokens as account-wide: any user email with a valid token acts as that user', async () => {
      const user = endUser(sb);
      const r = await call(sb, me, { as: { email: user.email.toUpperCase(), token: sb.credentials.agent.token } });
      assert.equal(r.status, 200);
      assert.equal(r.json.user.id, user.id);
      assert.equal(r.json.user.role, 'end-user');
    });

    it('accepts a live Bearer access token and rejects unknown or expired ones', async () => {
      const token = sb.accessTokens.issue(sb.credentials.agent.userId, 60);
      assert.equal((await call(sb, me, { as: { bearer: token } })).json.user.id, sb.credentials.agent.userId);
      assert.equal((await call(sb, me, { as: { bearer: 'not-a-token' } })).status, 401);
      sb.accessTokens.register('expired-token', sb.credentials.admin.userId, -1);
      assert.equal((await call(sb, me, { as: { bearer: 'expired-token' } })).status, 401);
    });
  });

  describe('routing', () => {
    it('serves every route with and without the .json suffix', async () => {
      const a = await call(sb, '/api/v2/organizations.json');
      const b = await call(sb, '/api/v2/organizations');
      assert.equal(a.status, 200);
      assert.deepEqual(a.json.organizations.map((o: { id: number }) => o.id), b.json.organizations.map((o: { id: number }) => o.id));
    });

    it('answers 404 InvalidEndpoint for an unknown route and for a known path with the wrong method', async () => {
      const expected = { error: 'InvalidEndpoint', description: 'Not found' };
      const unknown = await call(sb, '/api/v2/no_such_thing.json');
      assert.equal(unknown.status, 404);
      assert.deepEqual(unknown.json, expected);
      const [membership] = sb.store.membershipsOfUser(sb.store.users.idAt(3));
      const post = await call(sb, `/api/v2/users/${membership.user_id}/organization_memberships/${membership.id}/make_default.json`, { method: 'POST' });
      assert.equal(post.status, 404);
      assert.deepEqual(post.json, expected);
      // node-zendesk 4.0.0 sent create_many as PUT and got exactly this (API-NOTES §2).
      const put = await call(sb, '/api/v2/organization_memberships/create_many.json', { method: 'PUT', body: { organization_memberships: [] } });
      assert.deepEqual([put.status, put.json], [404, expected]);
    });

    it('answers 404 RecordNotFound for unknown records', async () => {
      for (const path of ['/api/v2/organization_memberships/1.json', '/api/v2/organizations/5.json', '/api/v2/users/7.json']) {
        const r = await call(sb, path);
        assert.equal(r.status, 404, path);
        assert.deepEqual(r.json, { error: 'RecordNotFound', description: 'Not found' });
      }
    });

    it('gives end users 403 Forbidden on staff-only reads', async () => {
      const user = endUser(sb);
      const r = await call(sb, '/api/v2/organizations.json', { as: user });
      assert.equal(r.status, 403);
      assert.equal(r.json.error, 'Forbidden');
    });
  });

  describe('recording', () => {
    it('records method, path, query, status, headers without Authorization, and body', async () => {
      sb.requests.length = 0;
      await call(sb, '/api/v2/organizations.json?page%5Bsize%5D=2', { headers: { 'User-Agent': 'sandbox-test/1.0' } });
      await call(sb, '/api/v2/organization_memberships.json', { method: 'POST', body: { organization_membership: {} } });
      assert.equal(sb.requests.length, 2);
      const [list, create] = sb.requests;
      assert.equal(list.method, 'GET');
      assert.equal(list.path, '/api/v2/organizations.json');
      assert.equal(new URLSearchParams(list.query).get('page[size]'), '2');
      assert.equal(list.status, 200);
      assert.equal(list.headers['user-agent'], 'sandbox-test/1.0');
      assert.equal(list.headers.accept, 'application/json');
      assert.equal(list.headers.authorization, undefined);
      assert.ok(list.receivedAt <= create.receivedAt);
      assert.equal(create.status, 422);
      assert.equal(create.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(create.body), { organization_membership: {} });
    });

    it('does not record control routes, and exposes and clears the log over HTTP', async () => {
      await call(sb, '/api/v2/users/me.json');
      const listed = await call(sb, '/__sandbox/requests', { as: 'none' });
      assert.equal(listed.status, 200);
      assert.ok(listed.json.requests.length > 0);
      assert.ok(listed.json.requests.every((r: { path: string }) => !r.path.startsWith('/__sandbox')));
      assert.equal((await call(sb, '/__sandbox/requests', { method: 'DELETE', as: 'none' })).status, 204);
      assert.equal(sb.requests.length, 0);
    });
  });

  describe('bodies', () => {
    it('ignores a JSON body sent without Content-Type: application/json (validates as empty → 422)', async () => {
      const orgId = sb.store.organizations.idAt(1);
      const r = await call(sb, '/api/v2/organization_memberships.json', {
        method: 'POST',
        rawBody: JSON.stringify({ organization_membership: { user_id: sb.store.users.idAt(5), organization_id: orgId } }),
        headers: { 'Content-Type': 'text/plain' },
      });
      assert.equal(r.status, 422);
      assert.equal(r.json.error, 'RecordInvalid');
    });

    it('answers 400 to unparseable JSON', async () => {
      const r = await call(sb, '/api/v2/organization_memberships.json', {
        method: 'POST', rawBody: '{"organization_membership":', headers: { 'Content-Type': 'application/json' },
      });
      assert.equal(r.status, 400);
      assert.equal(typeof r.json.error, 'string');
    });
  });
});
