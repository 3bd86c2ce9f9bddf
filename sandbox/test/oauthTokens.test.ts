import assert from 'node:assert/strict';
import {
  authorize, EXTENSION, exchangeCode, extensionCode, manualClock, me, pkce, requestToken, SERVICE, signIn, type TokenBody,
} from './oauthTestHelpers';
import { userIdOf } from '../src/ids';
import { startSandbox, type Sandbox } from '../src/server';
import type { CallResult } from '../src/testHelpers';

function assertOAuthError(r: CallResult, status: number, error: string): void {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.error, error, r.text);
  assert.equal(typeof r.json.error_description, 'string');
  assert.deepEqual(Object.keys(r.json).sort(), ['error', 'error_description']);
  assert.equal(r.headers.get('cache-control'), 'no-store');
}

const refreshWith = (sb: Sandbox, refreshToken: string, extra: Record<string, unknown> = {}): Promise<CallResult> =>
  requestToken(sb, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: EXTENSION.id, ...extra });

describe('sandbox: OAuth token endpoint (POST /oauth/tokens)', () => {
  const clock = manualClock();
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ orgs: 3, users: 10, now: clock.now });
  });
  after(() => sb.close());

  describe('authorization_code', () => {
    it('answers 201 with the token object, no-store, and rate-limit headers; defaults 1800 s / 30 days', async () => {
      const { code, pkce: p } = await extensionCode(sb);
      const r = await exchangeCode(sb, code, p);
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(Object.keys(r.json).sort(), ['access_token', 'expires_in', 'refresh_token', 'refresh_token_expires_in', 'scope', 'token_type']);
      assert.equal(r.json.token_type, 'bearer');
      assert.equal(r.json.scope, 'read write');
      assert.equal(r.json.expires_in, 1800);
      assert.equal(r.json.refresh_token_expires_in, 2_592_000);
      assert.equal(r.headers.get('cache-control'), 'no-store');
      assert.equal(r.headers.get('pragma'), 'no-cache');
      assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.ok(r.headers.get('x-rate-limit-remaining'));
      assert.notEqual(r.json.access_token, r.json.refresh_token);
    });

    it('honours expires_in and refresh_token_expires_in at their limits, and a narrower scope', async () => {
      const { code, pkce: p } = await extensionCode(sb);
      const r = await exchangeCode(sb, code, p, { expires_in: 300, refresh_token_expires_in: 7_776_000, scope: 'read' });
      assert.equal(r.status, 201, r.text);
      assert.deepEqual([r.json.expires_in, r.json.refresh_token_expires_in, r.json.scope], [300, 7_776_000, 'read']);
      const second = await extensionCode(sb);
      const top = await exchangeCode(sb, second.code, second.pkce, { expires_in: 172_800, refresh_token_expires_in: 604_800 });
      assert.deepEqual([top.status, top.json.expires_in, top.json.refresh_token_expires_in], [201, 172_800, 604_800]);
    });

    it('accepts a form-encoded body too', async () => {
      const { code, pkce: p } = await extensionCode(sb);
      const r = await requestToken(sb, {
        grant_type: 'authorization_code', code, client_id: EXTENSION.id, redirect_uri: EXTENSION.redirectUri, code_verifier: p.verifier, expires_in: 600,
      }, 'form');
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.expires_in, 600);
    });

    it('works for a confidential client with its secret (no PKCE), and refuses a wrong or missing secret', async () => {
      const redirectUri = 'http://127.0.0.1:5000/callback';
      const target = await authorize(sb, { response_type: 'code', client_id: SERVICE.id, redirect_uri: redirectUri, scope: 'read', state: 'c' });
      const code = target.searchParams.get('code') ?? '';
      const body = { grant_type: 'authorization_code', code, client_id: SERVICE.id, redirect_uri: redirectUri };
      assertOAuthError(await requestToken(sb, { ...body, client_secret: 'wrong' }), 401, 'invalid_client');
      assertOAuthError(await requestToken(sb, body), 401, 'invalid_client');
      const r = await requestToken(sb, { ...body, client_secret: SERVICE.secret });
      assert.equal(r.status, 201, r.text);
      assert.equal((await me(sb, r.json.access_token)).json.user.id, sb.credentials.admin.userId);
    });

    it('refuses a wrong code_verifier with invalid_grant, and a missing one with invalid_request', async () => {
      const { code, pkce: p } = await extensionCode(sb);
      assertOAuthError(await exchangeCode(sb, code, p, { code_verifier: undefined }), 400, 'invalid_request');
      assertOAuthError(await exchangeCode(sb, code, p, { code_verifier: 'tooshort' }), 400, 'invalid_request');
      assertOAuthError(await exchangeCode(sb, code, pkce()), 400, 'invalid_grant');
      assertOAuthError(await exchangeCode(sb, code, p), 400, 'invalid_grant'); // a failed attempt used the code up
    });

    it('refuses a reused code with invalid_grant and revokes what the first use bought', async () => {
      const { code, pkce: p } = await extensionCode(sb);
      const first = await exchangeCode(sb, code, p);
      assert.equal(first.status, 201);
      assertOAuthError(await exchangeCode(sb, code, p), 400, 'invalid_grant');
      assert.equal((await me(sb, first.json.access_token)).status, 401);
      assertOAuthError(await refreshWith(sb, first.json.refresh_token), 400, 'invalid_grant');
    });

    it('refuses a code older than 120 seconds', async () => {
      const fresh = await extensionCode(sb);
      clock.advance(119);
      assert.equal((await exchangeCode(sb, fresh.code, fresh.pkce)).status, 201, 'valid at 119 s');
      const stale = await extensionCode(sb);
      clock.advance(120);
      assertOAuthError(await exchangeCode(sb, stale.code, stale.pkce), 400, 'invalid_grant');
    });

    it('refuses a redirect_uri that differs from the authorization request (even by its query) or is missing', async () => {
      const { code, pkce: p } = await extensionCode(sb, { redirect_uri: `${EXTENSION.redirectUri}?vscode-reqid=1` });
      assertOAuthError(await exchangeCode(sb, code, p, { redirect_uri: undefined }), 400, 'invalid_request');
      assertOAuthError(await exchangeCode(sb, code, p, { redirect_uri: `${EXTENSION.redirectUri}?vscode-reqid=2` }), 400, 'invalid_grant');
      const other = await extensionCode(sb);
      assertOAuthError(await exchangeCode(sb, other.code, other.pkce, { redirect_uri: 'http://localhost:1/callback' }), 400, 'invalid_grant');
    });

    it('refuses an unknown code, and a code presented by another client', async () => {
      assertOAuthError(await exchangeCode(sb, 'no-such-code', pkce()), 400, 'invalid_grant');
      const { code } = await extensionCode(sb);
      assertOAuthError(await requestToken(sb, {
        grant_type: 'authorization_code', code, client_id: SERVICE.id, client_secret: SERVICE.secret, redirect_uri: EXTENSION.redirectUri,
      }), 400, 'invalid_grant');
    });

    it('refuses a scope beyond what the user authorized', async () => {
      const { code, pkce: p } = await extensionCode(sb, { scope: 'read' });
      assertOAuthError(await exchangeCode(sb, code, p, { scope: 'read write' }), 400, 'invalid_scope');
      assert.equal((await exchangeCode(sb, code, p, { scope: 'users:read' })).status, 201, 'the refusal did not use the code; a narrower scope is fine');
    });
  });

  describe('client authentication and request shape', () => {
    it('answers 401 invalid_client for an unknown or missing client_id', async () => {
      const { code, pkce: p } = await extensionCode(sb);
      assertOAuthError(await exchangeCode(sb, code, p, { client_id: 'nobody' }), 401, 'invalid_client');
      assertOAuthError(await exchangeCode(sb, code, p, { client_id: undefined }), 401, 'invalid_client');
    });

    it('answers unsupported_grant_type for password, implicit and made-up grants; invalid_request without one', async () => {
      for (const grantType of ['password', 'implicit', 'token', 'urn:ietf:params:oauth:grant-type:device_code']) {
        assertOAuthError(await requestToken(sb, { grant_type: grantType, client_id: EXTENSION.id }), 400, 'unsupported_grant_type');
      }
      assertOAuthError(await requestToken(sb, { client_id: EXTENSION.id }), 400, 'invalid_request');
    });

    it('answers invalid_request for out-of-range lifetimes and malformed parameters', async () => {
      const { code, pkce: p } = await extensionCode(sb);
      for (const extra of [
        { expires_in: 299 }, { expires_in: 172_801 }, { expires_in: 'soon' }, { expires_in: 1.5 },
        { refresh_token_expires_in: 604_799 }, { refresh_token_expires_in: 7_776_001 }, { code: 42 },
      ]) {
        assertOAuthError(await exchangeCode(sb, code, p, extra), 400, 'invalid_request');
      }
      assert.equal((await exchangeCode(sb, code, p)).status, 201, 'none of those used the code up');
    });

    it('answers invalid_request for a body that is not JSON or a form, broken JSON, or a repeated form parameter', async () => {
      const post = (rawBody: string, contentType: string): Promise<Response> =>
        fetch(`${sb.url}/oauth/tokens`, { method: 'POST', headers: { 'Content-Type': contentType }, body: rawBody });
      for (const [body, type] of [
        ['grant_type=client_credentials', 'text/plain'],
        ['{"grant_type":', 'application/json'],
        ['["grant_type"]', 'application/json'],
        [`grant_type=client_credentials&client_id=${SERVICE.id}&client_id=x`, 'application/x-www-form-urlencoded'],
      ]) {
        const response = await post(body, type);
        assert.equal(response.status, 400, body);
        assert.equal(((await response.json()) as { error: string }).error, 'invalid_request', body);
      }
    });

    it('answers invalid_scope for an unknown scope', async () => {
      const r = await requestToken(sb, { grant_type: 'client_credentials', client_id: SERVICE.id, client_secret: SERVICE.secret, scope: 'read everything' });
      assertOAuthError(r, 400, 'invalid_scope');
    });
  });

  describe('refresh_token (rotation)', () => {
    it('replaces the pair: the old access and refresh tokens stop working at once, the new ones work', async () => {
      const first = await signIn(sb);
      const r = await refreshWith(sb, first.refresh_token ?? '');
      assert.equal(r.status, 201, r.text);
      const second = r.json as TokenBody;
      assert.notEqual(second.access_token, first.access_token);
      assert.notEqual(second.refresh_token, first.refresh_token);
      assert.equal(second.scope, first.scope);
      assert.equal((await me(sb, first.access_token)).status, 401, 'old access token');
      assertOAuthError(await refreshWith(sb, first.refresh_token ?? ''), 400, 'invalid_grant');
      assert.equal((await me(sb, second.access_token)).status, 200, 'new access token');
      const third = await refreshWith(sb, second.refresh_token ?? '');
      assert.equal(third.status, 201, 'new refresh token');
    });

    it('may narrow the scope, never widen it, and keeps the grant\'s scope for the next refresh', async () => {
      const session = await signIn(sb, { scope: 'read write' });
      const narrowed = await refreshWith(sb, session.refresh_token ?? '', { scope: 'read' });
      assert.equal(narrowed.json.scope, 'read');
      const back = await refreshWith(sb, narrowed.json.refresh_token, { scope: 'read write' });
      assert.equal(back.status, 201, 'the user granted read write');
      const readOnly = await signIn(sb, { scope: 'read' });
      assertOAuthError(await refreshWith(sb, readOnly.refresh_token ?? '', { scope: 'read write' }), 400, 'invalid_scope');
    });

    it('refuses revoked, expired, unknown and other clients\' refresh tokens with invalid_grant', async () => {
      const session = await signIn(sb);
      assertOAuthError(await refreshWith(sb, session.refresh_token ?? '', { client_id: SERVICE.id, client_secret: SERVICE.secret }), 400, 'invalid_grant');
      assertOAuthError(await refreshWith(sb, 'not-a-refresh-token'), 400, 'invalid_grant');
      assertOAuthError(await refreshWith(sb, ''), 400, 'invalid_request');
      sb.oauth.revokeRefreshTokens();
      assertOAuthError(await refreshWith(sb, session.refresh_token ?? ''), 400, 'invalid_grant');
      assert.equal((await me(sb, session.access_token)).status, 200, 'the access token lives on until it expires');

      const later = await signIn(sb, { scope: 'read' });
      clock.advance(30 * 24 * 3600);
      assertOAuthError(await refreshWith(sb, later.refresh_token ?? ''), 400, 'invalid_grant');
    });

    it('needs the secret for a confidential client\'s refresh token', async () => {
      const redirectUri = 'http://localhost:4000/callback';
      const target = await authorize(sb, { response_type: 'code', client_id: SERVICE.id, redirect_uri: redirectUri, scope: 'read' });
      const tokens = await requestToken(sb, {
        grant_type: 'authorization_code', code: target.searchParams.get('code'), client_id: SERVICE.id, client_secret: SERVICE.secret, redirect_uri: redirectUri,
      });
      const body = { grant_type: 'refresh_token', refresh_token: tokens.json.refresh_token, client_id: SERVICE.id };
      assertOAuthError(await requestToken(sb, body), 401, 'invalid_client');
      assert.equal((await requestToken(sb, { ...body, client_secret: SERVICE.secret })).status, 201);
    });
  });

  describe('client_credentials', () => {
    it('gives a confidential client an access token for its owner (the admin) and no refresh token', async () => {
      const r = await requestToken(sb, { grant_type: 'client_credentials', client_id: SERVICE.id, client_secret: SERVICE.secret, scope: 'read', expires_in: 900 });
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(Object.keys(r.json).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
      assert.equal(r.json.expires_in, 900);
      assert.equal((await me(sb, r.json.access_token)).json.user.id, sb.credentials.admin.userId);
    });

    it('answers unauthorized_client for a public client, invalid_client for a wrong secret, invalid_scope without a scope', async () => {
      assertOAuthError(await requestToken(sb, { grant_type: 'client_credentials', client_id: EXTENSION.id, scope: 'read' }), 400, 'unauthorized_client');
      assertOAuthError(await requestToken(sb, { grant_type: 'client_credentials', client_id: SERVICE.id, client_secret: 'nope', scope: 'read' }), 401, 'invalid_client');
      assertOAuthError(await requestToken(sb, { grant_type: 'client_credentials', client_id: SERVICE.id, client_secret: SERVICE.secret }), 400, 'invalid_scope');
    });

    it('acts as the configured ownerUserId', async () => {
      const agentId = userIdOf(1);
      const owned = await startSandbox({ orgs: 1, users: 5, oauthClients: [{ id: 'robot', secret: 's3cret', redirectUris: [], ownerUserId: agentId }] });
      try {
        const r = await requestToken(owned, { grant_type: 'client_credentials', client_id: 'robot', client_secret: 's3cret', scope: 'read' });
        assert.equal((await me(owned, r.json.access_token)).json.user.id, owned.credentials.agent.userId);
      } finally {
        await owned.close();
      }
      await assert.rejects(startSandbox({ oauthClients: [{ id: 'robot', secret: 's', redirectUris: [], ownerUserId: 1 }] }), /ownerUserId 1 is not a sandbox user/);
    });
  });

  describe('recording, rate limiting, faults and stats', () => {
    it('records token requests with their body (secrets included) and needs no Authorization header', async () => {
      sb.requests.length = 0;
      await requestToken(sb, { grant_type: 'client_credentials', client_id: SERVICE.id, client_secret: SERVICE.secret, scope: 'read' });
      const [recorded] = sb.requests;
      assert.equal(recorded.path, '/oauth/tokens');
      assert.equal(recorded.status, 201);
      assert.equal(recorded.headers.authorization, undefined);
      assert.equal(JSON.parse(recorded.body).grant_type, 'client_credentials');
      assert.equal(JSON.parse(recorded.body).client_secret, SERVICE.secret);
    });

    it('is rate limited like every API request', async () => {
      const limited = await startSandbox({ orgs: 1, users: 3, rateLimit: 1 });
      try {
        const body = { grant_type: 'client_credentials', client_id: SERVICE.id, client_secret: SERVICE.secret, scope: 'read' };
        assert.equal((await requestToken(limited, body)).status, 201);
        const refused = await requestToken(limited, body);
        assert.equal(refused.status, 429);
        assert.ok(refused.headers.get('retry-after'));
      } finally {
        await limited.close();
      }
    });

    it('takes injected faults like any path (e.g. a 503 on refresh)', async () => {
      const session = await signIn(sb);
      sb.faults.inject({ path: '/oauth/tokens', kind: '503', retryAfter: 2 });
      assert.equal((await refreshWith(sb, session.refresh_token ?? '')).status, 503);
      assert.equal((await refreshWith(sb, session.refresh_token ?? '')).status, 201, 'the faulted request changed nothing');
    });

    it('counts issued token sets by grant type and refused requests by error', async () => {
      const counted = await startSandbox({ orgs: 1, users: 3 });
      try {
        const session = await signIn(counted);
        await refreshWith(counted, session.refresh_token ?? '');
        await requestToken(counted, { grant_type: 'client_credentials', client_id: SERVICE.id, client_secret: SERVICE.secret, scope: 'read' });
        await requestToken(counted, { grant_type: 'password', client_id: EXTENSION.id });
        await refreshWith(counted, session.refresh_token ?? '');
        counted.oauth.issue({ clientId: EXTENSION.id });
        assert.deepEqual(counted.oauth.stats(), {
          issued: { authorization_code: 1, refresh_token: 1, client_credentials: 1, sandbox: 1 },
          refused: 2,
          refusedByError: { unsupported_grant_type: 1, invalid_grant: 1 },
        });
      } finally {
        await counted.close();
      }
    });
  });
});
