// Rows of the matrix for getting and keeping a session: the OAuth sign-in (code exchange, then
// GET /users/me) and the token refresh an expired access token causes. The fault hits the token
// endpoint, whose "write" is issuing (and, on refresh, rotating) tokens.
import assert from 'node:assert/strict';
import type { Sandbox } from 'zendesk-sandbox';
import { createPkcePair, createState } from '../../../src/auth/pkce';
import { ZendeskTokenEndpoint, createZendeskClient } from '../../../src/zendesk';
import { CellContext, OAUTH_CLIENT, failureOf } from './cellContext';
import { AFTER_WRITE, FaultTarget, injectRequestFault } from './faultClasses';
import type { MatrixRow } from './matrixTable';

const TOKENS: FaultTarget = { path: /^\/oauth\/tokens$/, method: 'POST' };
const REDIRECT = 'http://127.0.0.1/callback';
const NO_JOB = { 'job-404-then-found': 'no job', 'job-killed': 'no job' } as const;

/** What the user's browser does: consent (Allow) on the sandbox's page, and the code it brings back. */
async function authorizationCode(sandbox: Sandbox, challenge: string): Promise<string> {
  const query = new URLSearchParams({
    response_type: 'code', client_id: OAUTH_CLIENT, redirect_uri: REDIRECT, scope: 'read write', state: createState(), code_challenge: challenge, code_challenge_method: 'S256',
  });
  const page = await fetch(`${sandbox.url}/oauth/authorizations/new?${query}`);
  const form = new URLSearchParams();
  for (const [, name, value] of (await page.text()).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(name, value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
  }
  form.set('decision', 'allow');
  const answer = await fetch(`${sandbox.url}/oauth/authorizations`, {
    method: 'POST', redirect: 'manual', body: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  const code = new URL(answer.headers.get('location') ?? 'http://x/').searchParams.get('code');
  assert.ok(code, `consent: HTTP ${answer.status}`);
  return code;
}

/** Whether Zendesk still takes this refresh token (asked directly, so the session under test is not involved). */
async function refreshTokenWorks(sandbox: Sandbox, refreshToken: string): Promise<boolean> {
  const answer = await fetch(`${sandbox.url}/oauth/tokens`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: OAUTH_CLIENT }),
  });
  return answer.status === 201;
}

/** The OAuth sign-in: the code exchanged (the fault on that request, unless `faulty` is false), then who the token belongs to. */
async function signIn(ctx: CellContext, faulty = true): Promise<number> {
  const pkce = createPkcePair();
  const code = await authorizationCode(ctx.sandbox, pkce.challenge);
  if (faulty) {
    assert.ok(injectRequestFault(ctx.sandbox, ctx.fault, TOKENS));
  }
  const endpoint = new ZendeskTokenEndpoint({ baseUrl: ctx.sandbox.url, retry: ctx.policy, sleep: ctx.sleep });
  const tokens = await endpoint.exchangeCode({ clientId: OAUTH_CLIENT, code, redirectUri: REDIRECT, codeVerifier: pkce.verifier });
  const client = createZendeskClient({ baseUrl: ctx.sandbox.url, credentials: { kind: 'bearer', accessToken: tokens.accessToken }, retry: ctx.policy, sleep: ctx.sleep });
  return (await client.showCurrentUser()).id;
}

export const SESSION_ROWS: MatrixRow[] = [
  {
    name: 'sign-in',
    notApplicable: { '401-mid-session': 'no session yet (a refused sign-in is tested in signIn tests)', ...NO_JOB },
    async run(ctx) {
      const admin = ctx.sandbox.credentials.admin.userId;
      if (ctx.fault === '429-persistent') {
        assert.equal((await failureOf(signIn(ctx))).status, 429, 'told: Zendesk is rate limiting');
      } else if (AFTER_WRITE.has(ctx.fault)) {
        // Zendesk issued the tokens, but their answer was lost: the code is spent, so the sign-in
        // fails, and says so; the user is not signed in, and signing in again works.
        await failureOf(signIn(ctx));
        ctx.sandbox.faults.clear();
        assert.equal(await signIn(ctx, false), admin, 'signing in again works');
      } else {
        assert.equal(await signIn(ctx), admin, 'signed in as the admin');
      }
      ctx.assertWithinBound(TOKENS, 2);
    },
  },
  {
    name: 'token refresh',
    notApplicable: NO_JOB,
    async run(ctx) {
      const session = ctx.oauthSession();
      ctx.sandbox.oauth.expireAccessTokens(); // the next request meets 401 and refreshes
      if (ctx.fault === '401-mid-session') {
        ctx.sandbox.faults.inject({ path: TOKENS.path, method: 'POST', kind: 'status', status: 401, body: '{"error":"invalid_client","error_description":"Client authentication failed."}', times: 1 });
      } else {
        assert.ok(injectRequestFault(ctx.sandbox, ctx.fault, TOKENS));
      }
      const call = session.client.showCurrentUser();
      if (ctx.fault === '429-persistent') {
        assert.equal((await failureOf(call)).status, 429, 'told: Zendesk is rate limiting, not that the session ended');
        assert.equal(session.ended.length, 0);
        ctx.sandbox.faults.clear();
        assert.ok(await refreshTokenWorks(ctx.sandbox, session.firstRefreshToken), 'Zendesk still takes the session');
      } else if (AFTER_WRITE.has(ctx.fault) || ctx.fault === '401-mid-session') {
        // Rotated, but the new pair was lost (or the client was refused): the session is over, said once.
        await failureOf(call);
        assert.equal(session.ended.length, 1, 'told once: sign in again');
        ctx.sandbox.faults.clear();
        assert.equal(await refreshTokenWorks(ctx.sandbox, session.firstRefreshToken), ctx.fault === '401-mid-session',
          'Zendesk holds what the user was told: the old refresh token is dead after a rotation');
      } else {
        assert.equal((await call).id, ctx.sandbox.credentials.admin.userId);
        assert.equal(session.ended.length, 0, 'the session goes on');
        assert.ok(session.store.saved && session.store.saved.tokens.refreshToken !== session.firstRefreshToken, 'the rotated pair was saved');
      }
      ctx.assertWithinBound(TOKENS, 2);
    },
  },
];
