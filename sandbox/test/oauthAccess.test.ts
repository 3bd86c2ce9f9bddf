import assert from 'node:assert/strict';
import { EXTENSION, manualClock, me, requestToken, SERVICE, signIn } from './oauthTestHelpers';
import { startSandbox, type Sandbox } from '../src/server';
import { call } from '../src/testHelpers';

const UNAUTHORIZED = { error: 'Unauthorized', description: "Couldn't authenticate you" };

describe('sandbox: API calls with OAuth access tokens, and the OAuth test controls', () => {
  const clock = manualClock();
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ orgs: 5, users: 20, now: clock.now });
  });
  after(() => sb.close());

  describe('expiry', () => {
    it('accepts a token until expires_in has passed, then answers 401 like any bad credential', async () => {
      const session = await signIn(sb);
      clock.advance(session.expires_in - 1);
      assert.equal((await me(sb, session.access_token)).status, 200);
      clock.advance(1);
      const expired = await me(sb, session.access_token);
      assert.equal(expired.status, 401);
      assert.deepEqual(expired.json, UNAUTHORIZED);
      const renewed = await requestToken(sb, { grant_type: 'refresh_token', refresh_token: session.refresh_token, client_id: EXTENSION.id });
      assert.equal(renewed.status, 201, 'the refresh token outlives the access token');
      assert.equal((await me(sb, renewed.json.access_token)).status, 200);
    });

    it('expireAccessTokens() ends every current access token at once, whoever issued it', async () => {
      const session = await signIn(sb);
      const direct = sb.accessTokens.issue(sb.credentials.agent.userId, 3600);
      sb.oauth.expireAccessTokens();
      assert.deepEqual((await me(sb, session.access_token)).json, UNAUTHORIZED);
      assert.equal((await me(sb, direct)).status, 401);
      const renewed = await requestToken(sb, { grant_type: 'refresh_token', refresh_token: session.refresh_token, client_id: EXTENSION.id });
      assert.equal((await me(sb, renewed.json.access_token)).status, 200, 'tokens issued afterwards work');
    });
  });

  describe('scopes', () => {
    const orgId = (): number => sb.store.organizations.idAt(0);
    const freshUser = (): number => sb.store.addUser({ name: `Scope Test ${Math.random()}` }).id;
    const createMembership = (token: string): ReturnType<typeof call> => call(sb, '/api/v2/organization_memberships.json', {
      method: 'POST', as: { bearer: token }, body: { organization_membership: { user_id: freshUser(), organization_id: orgId() } },
    });

    it('a read-only token reads but gets 403 Forbidden on POST, PUT and DELETE', async () => {
      const { accessToken: token } = sb.oauth.issue({ clientId: EXTENSION.id, scope: 'read' });
      assert.equal((await call(sb, '/api/v2/organizations.json', { as: { bearer: token } })).status, 200);
      const post = await createMembership(token);
      assert.equal(post.status, 403);
      assert.equal(post.json.error, 'Forbidden');
      const membership = sb.store.createMembership(freshUser(), orgId());
      const put = await call(sb, `/api/v2/users/${membership.user_id}/organization_memberships/${membership.id}/make_default.json`, { method: 'PUT', as: { bearer: token } });
      assert.equal(put.status, 403);
      const del = await call(sb, `/api/v2/organization_memberships/${membership.id}.json`, { method: 'DELETE', as: { bearer: token } });
      assert.equal(del.status, 403);
      assert.ok(sb.store.getMembership(membership.id), 'nothing was deleted');
    });

    it('a read write token writes', async () => {
      const { accessToken: token } = sb.oauth.issue({ clientId: EXTENSION.id, scope: 'read write' });
      assert.equal((await createMembership(token)).status, 201);
    });

    it('a write-only token cannot read', async () => {
      const { accessToken: token } = sb.oauth.issue({ clientId: EXTENSION.id, scope: 'write' });
      assert.equal((await call(sb, '/api/v2/users/me.json', { as: { bearer: token } })).status, 403);
      assert.equal((await createMembership(token)).status, 201);
    });

    it('resource scopes open their own resource: organizations:read reads organizations and memberships, not users', async () => {
      const { accessToken: token } = sb.oauth.issue({ clientId: EXTENSION.id, scope: 'organizations:read' });
      const as = { bearer: token };
      assert.equal((await call(sb, '/api/v2/organizations.json', { as })).status, 200);
      assert.equal((await call(sb, `/api/v2/organizations/${orgId()}/organization_memberships.json`, { as })).status, 200);
      assert.equal((await call(sb, '/api/v2/users.json', { as })).status, 403);
      assert.equal((await createMembership(token)).status, 403);
      const writer = sb.oauth.issue({ clientId: EXTENSION.id, scope: 'users:write' });
      assert.equal((await createMembership(writer.accessToken)).status, 201, 'memberships open with users: scopes too');
    });

    it('an OAuth token still carries its user\'s role: an end user with read write gets 403 on staff-only lists', async () => {
      const endUserId = sb.store.users.idAt(2);
      const { accessToken: token } = sb.oauth.issue({ clientId: EXTENSION.id, userId: endUserId, scope: 'read write' });
      assert.equal((await me(sb, token)).json.user.id, endUserId);
      assert.equal((await call(sb, '/api/v2/organizations.json', { as: { bearer: token } })).status, 403);
    });
  });

  describe('sandbox.oauth controls in-process', () => {
    it('issue() hands out a session for any client and user, and throws on bad input', async () => {
      const set = sb.oauth.issue({ clientId: SERVICE.id, userId: sb.credentials.agent.userId, scope: 'users:read', accessTtlSeconds: 60 });
      assert.deepEqual([set.tokenType, set.scope, set.expiresIn, set.refreshTokenExpiresIn], ['bearer', 'users:read', 60, 2_592_000]);
      assert.equal((await me(sb, set.accessToken)).json.user.id, sb.credentials.agent.userId);
      const refreshed = await requestToken(sb, { grant_type: 'refresh_token', refresh_token: set.refreshToken, client_id: SERVICE.id, client_secret: SERVICE.secret });
      assert.equal(refreshed.status, 201);
      assert.throws(() => sb.oauth.issue({ clientId: 'nobody' }), /no OAuth client/);
      assert.throws(() => sb.oauth.issue({ clientId: EXTENSION.id, userId: 1 }), /no user/);
      assert.throws(() => sb.oauth.issue({ clientId: EXTENSION.id, scope: 'everything' }), /unknown scope/);
    });

    it('lists the registered clients with their defaults', () => {
      assert.deepEqual(sb.oauth.clients.map((c) => [c.id, c.secret !== undefined, c.accessTokenTtlSeconds, c.refreshTokenTtlSeconds]), [
        [EXTENSION.id, false, 1800, 2_592_000],
        [SERVICE.id, true, 1800, 2_592_000],
      ]);
    });
  });

  describe('/__sandbox/oauth over HTTP (no auth, not recorded)', () => {
    it('issues a session, expires access tokens, revokes refresh tokens and reports stats', async () => {
      sb.requests.length = 0;
      const issued = await call(sb, '/__sandbox/oauth/issue', { method: 'POST', as: 'none', body: { client_id: EXTENSION.id, scope: 'read', expires_in: 120 } });
      assert.equal(issued.status, 201, issued.text);
      assert.deepEqual([issued.json.token_type, issued.json.scope, issued.json.expires_in], ['bearer', 'read', 120]);
      assert.equal((await me(sb, issued.json.access_token)).json.user.id, sb.credentials.admin.userId);

      assert.equal((await call(sb, '/__sandbox/oauth/expire_access_tokens', { method: 'POST', as: 'none' })).status, 204);
      assert.equal((await me(sb, issued.json.access_token)).status, 401);
      assert.equal((await call(sb, '/__sandbox/oauth/revoke_refresh_tokens', { method: 'POST', as: 'none' })).status, 204);
      const refused = await requestToken(sb, { grant_type: 'refresh_token', refresh_token: issued.json.refresh_token, client_id: EXTENSION.id });
      assert.equal(refused.json.error, 'invalid_grant');

      const stats = await call(sb, '/__sandbox/oauth/stats', { as: 'none' });
      assert.equal(stats.status, 200);
      assert.ok(stats.json.issued.sandbox >= 1);
      assert.ok(stats.json.refused_by_error.invalid_grant >= 1);
      assert.equal(typeof stats.json.refused, 'number');
      assert.ok(sb.requests.every((r) => !r.path.startsWith('/__sandbox')), 'controls are not recorded');
    });

    it('answers 400 to a bad issue request and 404 to an unknown control', async () => {
      assert.equal((await call(sb, '/__sandbox/oauth/issue', { method: 'POST', as: 'none', body: { client_id: 'nobody' } })).status, 400);
      assert.equal((await call(sb, '/__sandbox/oauth/issue', { method: 'POST', as: 'none', body: { scope: 'read' } })).status, 400);
      assert.equal((await call(sb, '/__sandbox/oauth/issue', { method: 'POST', as: 'none', body: { client_id: EXTENSION.id, user_id: 'x' } })).status, 400);
      assert.equal((await call(sb, '/__sandbox/oauth/nothing', { method: 'POST', as: 'none' })).status, 404);
    });
  });
});
