import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  consentActionUrl, authorize, EXTENSION, exchangeCode, extensionRequest, manualClock, me, openConsentPage, pkce, SERVICE, submitConsent, type Page,
} from './oauthTestHelpers';
import { startSandbox, type Sandbox } from '../src/server';
import { call } from '../src/testHelpers';

/** The page is an HTML error page, not a redirect. */
function assertErrorPage(page: Page, status: number, text: RegExp): void {
  assert.equal(page.status, status, page.html);
  assert.equal(page.location, undefined, 'never redirects');
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(page.html, text);
  assert.equal(page.form, undefined);
}

/** The browser was sent back to the client with `error` (and the request's state). */
function assertErrorRedirect(page: Page, error: string, state: string | undefined, redirectUri = EXTENSION.redirectUri): URL {
  assert.equal(page.status, 302, page.html);
  const target = new URL(page.location ?? '');
  assert.ok(page.location?.startsWith(`${redirectUri}?`), page.location);
  assert.equal(target.searchParams.get('error'), error);
  assert.ok((target.searchParams.get('error_description') ?? '').length > 0, 'error_description');
  assert.equal(target.searchParams.get('state'), state ?? null);
  assert.equal(target.searchParams.get('code'), null);
  return target;
}

describe('sandbox: OAuth authorization (consent page)', () => {
  const clock = manualClock();
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ orgs: 3, users: 10, now: clock.now });
  });
  after(() => sb.close());

  describe('the authorization-code flow with PKCE (public client)', () => {
    it('shows a consent page, and Allow sends a code and the state back; the code buys a working token', async () => {
      const p = pkce();
      const query = extensionRequest(p, { scope: 'read organizations:write' });
      const page = await openConsentPage(sb, query);
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.match(page.html, /Signed in as Sandbox Admin \(admin@example\.com\)/);
      assert.match(page.html, /Zendesk Memberships for VS Code/);
      assert.match(page.html, /<code>read<\/code>/);
      assert.match(page.html, /<code>organizations:write<\/code>/);
      const form = page.form;
      assert.ok(form);
      assert.equal(form.method, 'post');
      assert.equal(form.action, '../authorizations', 'relative, so it also works behind a path proxy');
      assert.equal(consentActionUrl(sb, form).pathname, '/oauth/authorizations');
      assert.deepEqual(form.decisions, ['allow', 'deny']);
      for (const name of ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method']) {
        assert.equal(form.fields[name], query[name], `hidden ${name}`);
      }
      assert.ok((form.fields.csrf_token ?? '').length >= 32, 'an anti-CSRF token');

      const answer = await submitConsent(sb, form, 'allow');
      assert.equal(answer.status, 302);
      const target = new URL(answer.location ?? '');
      assert.ok(answer.location?.startsWith(`${EXTENSION.redirectUri}?`));
      assert.equal(target.searchParams.get('state'), query.state);
      const code = target.searchParams.get('code');
      assert.ok(code);

      const token = await exchangeCode(sb, code, p);
      assert.equal(token.status, 201, token.text);
      assert.equal(token.json.scope, 'read organizations:write');
      const who = await me(sb, token.json.access_token);
      assert.equal(who.status, 200);
      assert.equal(who.json.user.id, sb.credentials.admin.userId);
    });

    it('sends a strict CSP (no script, nonce-only style, form-action naming the redirect target) and no-store', async () => {
      const page = await openConsentPage(sb, extensionRequest(pkce()));
      const csp = page.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'none'/);
      const nonce = /style-src 'nonce-([^']+)'/.exec(csp)?.[1];
      assert.ok(nonce, csp);
      assert.ok(page.html.includes(`<style nonce="${nonce}">`));
      assert.match(csp, /form-action 'self' vscode:\/\/zendesk-memberships\.zendesk-memberships(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(page.html, /<script|\bon[a-z]+=|https?:\/\//i, 'no script, handlers or external resources');
      assert.equal(page.headers.get('cache-control'), 'no-store');
      assert.equal(page.headers.get('x-frame-options'), 'DENY');
      const other = await openConsentPage(sb, extensionRequest(pkce()));
      assert.notEqual(/nonce-([^']+)/.exec(other.headers.get('content-security-policy') ?? '')?.[1], nonce, 'a fresh nonce per page');
    });

    it('Deny sends access_denied and the state back, and no code', async () => {
      const query = extensionRequest(pkce());
      const target = await authorize(sb, query, 'deny');
      assert.equal(target.searchParams.get('error'), 'access_denied');
      assert.ok(target.searchParams.get('error_description'));
      assert.equal(target.searchParams.get('state'), query.state);
      assert.equal(target.searchParams.get('code'), null);
    });

    it('consents as another user with login_as, and the token acts as that user', async () => {
      const agent = sb.credentials.agent;
      const p = pkce();
      const page = await openConsentPage(sb, extensionRequest(p, { login_as: agent.email }));
      assert.match(page.html, /Signed in as [^<]+ \(agent@example\.com\)/);
      assert.equal(page.form?.fields.login_as, agent.email);
      const answer = await submitConsent(sb, page.form!, 'allow');
      const code = new URL(answer.location ?? '').searchParams.get('code') ?? '';
      const token = await exchangeCode(sb, code, p);
      assert.equal((await me(sb, token.json.access_token)).json.user.id, agent.userId);
      assertErrorPage(await openConsentPage(sb, extensionRequest(p, { login_as: 'nobody@example.com' })), 400, /nobody@example\.com/);
    });

    it('lets a confidential client skip PKCE', async () => {
      const page = await openConsentPage(sb, {
        response_type: 'code', client_id: SERVICE.id, redirect_uri: 'http://127.0.0.1:7777/callback', scope: 'read', state: 's',
      });
      assert.equal(page.status, 200, page.location);
    });
  });

  describe('redirect_uri matching', () => {
    it('ignores the query (VS Code for the web adds vscode-reqid) and keeps it on the way back', async () => {
      const redirectUri = `${EXTENSION.redirectUri}?windowId=3&vscode-reqid=17&x=a%20b`;
      const page = await openConsentPage(sb, extensionRequest(pkce(), { redirect_uri: redirectUri }));
      assert.ok(page.html.includes('value="vscode://zendesk-memberships.zendesk-memberships/auth-callback?windowId=3&amp;vscode-reqid=17&amp;x=a%20b"'),
        'the hidden field uses the common &amp; entity');
      const target = await authorize(sb, extensionRequest(pkce(), { redirect_uri: redirectUri }));
      assert.equal(target.searchParams.get('vscode-reqid'), '17');
      assert.equal(target.searchParams.get('windowId'), '3');
      assert.equal(target.searchParams.get('x'), 'a b');
      assert.ok(target.searchParams.get('code'));
    });

    it('delivers the code to a real loopback callback (code-server style) on any port', async () => {
      const received: URL[] = [];
      const server: Server = createServer((req, res) => {
        received.push(new URL(req.url ?? '/', 'http://127.0.0.1'));
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('signed in');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const port = (server.address() as AddressInfo).port;
        const p = pkce();
        const redirectUri = `http://127.0.0.1:${port}/stable-abc/callback?vscode-reqid=5&vscode-scheme=code-oss`;
        const page = await openConsentPage(sb, extensionRequest(p, { redirect_uri: redirectUri, state: 'st' }));
        const form = page.form!;
        const landed = await fetch(consentActionUrl(sb, form), {
          method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...form.fields, decision: 'allow' }),
        });
        assert.equal(await landed.text(), 'signed in', 'the browser followed the 302 to the callback');
        assert.equal(received.length, 1);
        const [callback] = received;
        assert.equal(callback.pathname, '/stable-abc/callback');
        assert.equal(callback.searchParams.get('vscode-reqid'), '5');
        assert.equal(callback.searchParams.get('state'), 'st');
        const token = await exchangeCode(sb, callback.searchParams.get('code') ?? '', p, { redirect_uri: redirectUri });
        assert.equal(token.status, 201, token.text);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('refuses an unregistered redirect_uri with an error page, never a redirect', async () => {
      for (const redirectUri of [
        'vscode://zendesk-memberships.zendesk-memberships/other-callback',
        'vscode://evil.example/auth-callback',
        'https://zendesk-memberships.zendesk-memberships/auth-callback',
        'http://attacker.example/callback',
        'http://localhost:8080/not-the-callback',
        `${EXTENSION.redirectUri}#fragment`,
        'not a url',
      ]) {
        assertErrorPage(await openConsentPage(sb, extensionRequest(pkce(), { redirect_uri: redirectUri })), 400, /redirect URI/i);
      }
      assertErrorPage(await openConsentPage(sb, extensionRequest(pkce(), { redirect_uri: undefined })), 400, /redirect_uri/);
    });

    it('accepts loopback /callback URLs as a sandbox convenience: localhost, 127.x and [::1], http or https', async () => {
      for (const redirectUri of ['http://localhost:8080/callback', 'https://127.0.0.1:9443/proxy/callback', 'http://[::1]:3000/callback']) {
        const page = await openConsentPage(sb, extensionRequest(pkce(), { redirect_uri: redirectUri }));
        assert.equal(page.status, 200, `${redirectUri}: ${page.html}`);
      }
    });
  });

  describe('invalid requests', () => {
    it('answers an unknown or missing client with an HTML error page, not a redirect, escaping what it echoes', async () => {
      const hostile = '<script>alert(1)</script>';
      const page = await openConsentPage(sb, extensionRequest(pkce(), { client_id: hostile }));
      assertErrorPage(page, 400, /Unknown OAuth client/);
      assert.ok(!page.html.includes(hostile), 'echoed text is escaped');
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'.*form-action 'none'/);
      assertErrorPage(await openConsentPage(sb, extensionRequest(pkce(), { client_id: undefined })), 400, /client_id/);
    });

    it('redirects back with unsupported_response_type or invalid_request for a bad response_type', async () => {
      assertErrorRedirect(await openConsentPage(sb, extensionRequest(pkce(), { response_type: 'token', state: 's1' })), 'unsupported_response_type', 's1');
      assertErrorRedirect(await openConsentPage(sb, extensionRequest(pkce(), { response_type: undefined, state: 's2' })), 'invalid_request', 's2');
    });

    it('redirects back with invalid_request when a public client omits PKCE or uses anything but S256', async () => {
      const p = pkce();
      const cases: Array<[string, Record<string, string | undefined>]> = [
        ['no PKCE', { code_challenge: undefined, code_challenge_method: undefined }],
        ['plain', { code_challenge_method: 'plain' }],
        ['method missing (plain by default)', { code_challenge_method: undefined }],
        ['method without challenge', { code_challenge: undefined }],
        ['malformed challenge', { code_challenge: 'short' }],
      ];
      for (const [what, overrides] of cases) {
        const target = assertErrorRedirect(await openConsentPage(sb, extensionRequest(p, { ...overrides, state: what })), 'invalid_request', what);
        assert.ok(target.searchParams.get('error_description'), what);
      }
    });

    it('redirects back with invalid_scope for an unknown or missing scope', async () => {
      for (const scope of ['read admin', 'tickets:delete', 'auditlogs:write', 'users:read:extra', undefined, '   ']) {
        assertErrorRedirect(await openConsentPage(sb, extensionRequest(pkce(), { scope, state: 'sc' })), 'invalid_scope', 'sc');
      }
    });

    it('omits state from an error redirect when the request had none', async () => {
      assertErrorRedirect(await openConsentPage(sb, extensionRequest(pkce(), { scope: 'bogus', state: undefined })), 'invalid_scope', undefined);
    });

    it('answers a repeated parameter with an error page', async () => {
      const p = pkce();
      const response = await fetch(`${sb.url}/oauth/authorizations/new?${new URLSearchParams(extensionRequest(p) as Record<string, string>)}&client_id=other`, { redirect: 'manual' });
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('location'), null);
    });
  });

  describe('the consent form (anti-CSRF)', () => {
    it('refuses a forged token, a replayed form and a non-form body', async () => {
      const page = await openConsentPage(sb, extensionRequest(pkce()));
      const form = page.form!;
      assertErrorPage(await submitConsent(sb, form, 'allow', { csrf_token: 'forged' }), 403, /no longer valid/);
      assert.equal((await submitConsent(sb, form, 'allow')).status, 302, 'the real token still works');
      assertErrorPage(await submitConsent(sb, form, 'allow'), 403, /no longer valid/);
      const json = await call(sb, '/oauth/authorizations', { method: 'POST', as: 'none', body: { ...form.fields, decision: 'allow' } });
      assert.equal(json.status, 400);
    });

    it('refuses a form whose hidden fields were edited (e.g. a wider scope), without a code', async () => {
      const page = await openConsentPage(sb, extensionRequest(pkce(), { scope: 'read' }));
      const answer = await submitConsent(sb, page.form!, 'allow', { scope: 'read write' });
      assertErrorPage(answer, 400, /scope/);
    });

    it('expires an unanswered consent page after 10 minutes', async () => {
      const page = await openConsentPage(sb, extensionRequest(pkce()));
      clock.advance(601);
      assertErrorPage(await submitConsent(sb, page.form!, 'allow'), 403, /no longer valid/);
    });

    it('needs a decision', async () => {
      const page = await openConsentPage(sb, extensionRequest(pkce()));
      assertErrorPage(await submitConsent(sb, page.form!, 'maybe'), 400, /Allow nor Deny/);
    });
  });

  describe('recording and rate limiting', () => {
    it('records the pages like any request, but does not count them against the API rate limit', async () => {
      const limited = await startSandbox({ orgs: 1, users: 3, rateLimit: 1 });
      try {
        for (let i = 0; i < 3; i++) assert.equal((await openConsentPage(limited, extensionRequest(pkce()))).status, 200);
        assert.equal(limited.requests.filter((r) => r.path === '/oauth/authorizations/new').length, 3);
        assert.equal((await call(limited, '/api/v2/users/me.json')).status, 200);
        assert.equal((await call(limited, '/api/v2/users/me.json')).status, 429);
      } finally {
        await limited.close();
      }
    });
  });
});
