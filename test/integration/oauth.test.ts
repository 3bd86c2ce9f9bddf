import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OrganizationNode } from '../../src/tree/nodes';
import { Sandbox, startSandbox } from 'zendesk-sandbox';
import { CLIENT_CREDENTIALS, OAUTH, extensionApi, scriptedPrompter, signOutEverywhere } from './fixture';
import { consentingBrowser } from './oauthBrowser';
import type { ScriptedPrompter } from './scriptedPrompter';
import type { ZendeskTestApi } from '../../src/extension';

const PUBLIC_CLIENT = 'zendesk-memberships-vscode';
const SERVICE_CLIENT = 'zendesk-memberships-service';
const SERVICE_SECRET = 'sandbox-service-secret';

interface StoredGrant { kind: string; clientId: string; clientSecret?: string; tokens: { accessToken: string; refreshToken?: string } }

describe('OAuth sign-in and sessions', () => {
  let api: ZendeskTestApi;
  let sandbox: Sandbox;
  let prompter: ScriptedPrompter;
  const seenSecrets = new Set<string>();

  const tokenRequests = (grant: string) => sandbox.requests.filter((request) => request.path === '/oauth/tokens' && (request.body ?? '').includes(`"grant_type":"${grant}"`));
  const stored = async (): Promise<StoredGrant> => {
    const text = await api.commands.extensionContext.secrets.get(`zendesk.credentials:${sandbox.url}`);
    assert.ok(text, 'credentials are in SecretStorage');
    const grant = JSON.parse(text) as StoredGrant;
    [grant.tokens.accessToken, grant.tokens.refreshToken, grant.clientSecret].forEach((secret) => secret && seenSecrets.add(secret));
    return grant;
  };
  const signInWithOAuth = async (decision: 'allow' | 'deny' = 'allow'): Promise<string | undefined> => {
    prompter.script({ input: sandbox.url }, { pick: OAUTH }, { input: PUBLIC_CLIENT }, { input: '' }, { browse: consentingBrowser(api.callbacks, decision) });
    return vscode.commands.executeCommand<string | undefined>('zendesk.signIn');
  };

  before(async () => {
    api = await extensionApi();
    await signOutEverywhere(api);
    sandbox = await startSandbox({ rateLimit: 0, orgs: 8, users: 40 });
    prompter = scriptedPrompter(api);
  });
  afterEach(() => {
    assert.equal(prompter.unused, 0, 'every scripted answer was used');
    assert.deepEqual(prompter.browseErrors, []);
    prompter.reset();
    sandbox.faults.clear();
  });
  after(async () => {
    await signOutEverywhere(api);
    await sandbox.close();
  });

  it('signs in with the authorization code and PKCE: consent in the browser, state checked, tokens only in SecretStorage', async () => {
    const origin = await signInWithOAuth();
    assert.equal(origin, sandbox.url);
    const account = api.commands.accounts.get(sandbox.url);
    assert.equal(account?.method, 'oauth');
    assert.equal(account?.userName, 'Sandbox Admin');
    assert.match(prompter.lastMessage()?.text ?? '', /Signed in to 127\.0\.0\.1:\d+ as Sandbox Admin .* with OAuth\./);

    const opened = new URL(prompter.opened[0]);
    assert.equal(opened.pathname, '/oauth/authorizations/new');
    assert.equal(opened.searchParams.get('code_challenge_method'), 'S256');
    assert.ok((opened.searchParams.get('state') ?? '').length >= 22);
    const [exchange] = tokenRequests('authorization_code');
    const body = JSON.parse(exchange.body ?? '{}') as Record<string, string>;
    assert.ok(body.code_verifier && !body.client_secret, 'a public client proves itself with PKCE, no secret');
    assert.equal(body.redirect_uri, opened.searchParams.get('redirect_uri'));

    const grant = await stored();
    assert.equal(grant.kind, 'oauth');
    assert.ok(grant.tokens.accessToken && grant.tokens.refreshToken);
    const roots = await api.tree.getChildren();
    assert.equal(roots.filter((row) => row.kind === 'organization').length, 8, 'the tree is populated');
  });

  it('ignores a redirect whose state does not match, and finishes with the right one', async () => {
    await signOutEverywhere(api);
    let forged = '';
    const browser = consentingBrowser(api.callbacks, 'allow', (query) => { forged = query.get('state') ?? ''; });
    prompter.script({ input: sandbox.url }, { pick: OAUTH }, { input: PUBLIC_CLIENT }, { input: '' }, {
      browse: async (url) => {
        // A forged redirect first (an attacker's link with their own code), then the real one.
        api.callbacks.handleUri(vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: 'zendesk-memberships.zendesk-memberships', path: '/auth-callback', query: 'code=attacker-code&state=forged-state-value-000' }));
        await browser(url);
      },
    });
    assert.equal(await vscode.commands.executeCommand<string | undefined>('zendesk.signIn'), sandbox.url);
    assert.ok(forged.length > 0);
    assert.ok(api.logLines.some((line) => /state matches no sign-in in progress/.test(line)), 'the forged redirect was refused');
    assert.ok(!sandbox.requests.some((request) => (request.body ?? '').includes('attacker-code')), 'its code was never exchanged');
  });

  it('refuses an answer delivered for another Zendesk (OAuth mix-up): nothing is exchanged anywhere', async () => {
    await signOutEverywhere(api);
    const other = await startSandbox({ rateLimit: 0, orgs: 2, users: 5 });
    try {
      const otherHost = new URL(other.url).host;
      const exchangesBefore = tokenRequests('authorization_code').length;
      let delivered = '';
      prompter.script({ input: sandbox.url }, { pick: OAUTH }, { input: PUBLIC_CLIENT }, { input: '' }, {
        // The sign-in is for this sandbox (A). The user ends up on the other Zendesk's (B's) consent
        // page with A's state, as a mix-up attacker arranges, and B answers at B's redirect path.
        browse: async (url) => {
          const forA = new URL(url);
          const redirect = new URL(forA.searchParams.get('redirect_uri') ?? '');
          assert.equal(redirect.searchParams.get('vscode-path') ?? redirect.pathname, `/auth-callback/${new URL(sandbox.url).host}`, 'each Zendesk has its own redirect path');
          redirect.searchParams.set('vscode-path', `/auth-callback/${otherHost}`);
          const atB = new URL(`${forA.pathname}${forA.search}`, other.url);
          atB.searchParams.set('redirect_uri', redirect.toString());
          await consentingBrowser(api.callbacks, 'allow', (query) => { delivered = query.get('code') ?? ''; })(atB.toString());
        },
      });
      assert.equal(await vscode.commands.executeCommand<string | undefined>('zendesk.signIn'), undefined);
      assert.ok(delivered.length > 0, 'B issued a code and it was delivered');
      assert.match(prompter.lastMessage()?.text ?? '', new RegExp(`came from ${otherHost.replace(/\./g, '\\.')}, not from ${new URL(sandbox.url).host.replace(/\./g, '\\.')}, so it was refused and nothing was sent`));
      assert.equal(tokenRequests('authorization_code').length, exchangesBefore, 'A was sent no code');
      assert.deepEqual(other.requests.filter((request) => request.path === '/oauth/tokens'), [], 'B was sent nothing either');
      assert.ok(!sandbox.requests.some((request) => (request.body ?? '').includes(delivered)), "B's code never reached A");
      assert.equal(api.commands.accounts.list().length, 0);
      assert.ok(api.logLines.some((line) => /refused a sign-in redirect at \/auth-callback\//.test(line)));
    } finally {
      await other.close();
    }
  });

  it("refuses an answer whose iss names another Zendesk, and accepts one naming this one (RFC 9207)", async () => {
    await signOutEverywhere(api);
    const exchangesBefore = tokenRequests('authorization_code').length;
    prompter.script({ input: sandbox.url }, { pick: OAUTH }, { input: PUBLIC_CLIENT }, { input: '' }, {
      browse: consentingBrowser(api.callbacks, 'allow', (query) => query.set('iss', 'https://evil.zendesk.com')),
    });
    assert.equal(await vscode.commands.executeCommand<string | undefined>('zendesk.signIn'), undefined);
    assert.match(prompter.lastMessage()?.text ?? '', /came from https:\/\/evil\.zendesk\.com, not from .*so it was refused/);
    assert.equal(tokenRequests('authorization_code').length, exchangesBefore, 'nothing was exchanged');
    assert.equal(api.commands.accounts.list().length, 0);

    prompter.reset();
    prompter.script({ input: sandbox.url }, { pick: OAUTH }, { input: PUBLIC_CLIENT }, { input: '' }, {
      browse: consentingBrowser(api.callbacks, 'allow', (query) => query.set('iss', sandbox.url)),
    });
    assert.equal(await vscode.commands.executeCommand<string | undefined>('zendesk.signIn'), sandbox.url);
    assert.equal(tokenRequests('authorization_code').length, exchangesBefore + 1);
  });

  it('gives other extensions no Zendesk token through VS Code\'s authentication API', async () => {
    if (!api.commands.accounts.get(sandbox.url)) {
      await signInWithOAuth();
    }
    const grant = await stored();
    assert.ok(grant.tokens.accessToken, 'the account does hold a token');
    assert.equal(await vscode.authentication.getSession('zendesk', ['read'], { silent: true }), undefined, 'no session for scopes');
    assert.equal(await vscode.authentication.getSession('zendesk', ['read', 'write'], { silent: true }), undefined);
    const listed = await vscode.authentication.getSession('zendesk', [], { silent: true });
    assert.ok(listed === undefined || listed.accessToken === '', 'an account, if listed, carries no token');
    const sessions = await api.authProvider.getSessions(undefined);
    assert.deepEqual(sessions.map((session) => [session.id, session.accessToken]), [[sandbox.url, '']]);
  });

  it('says so when access is denied, and stores nothing', async () => {
    await signOutEverywhere(api);
    assert.equal(await signInWithOAuth('deny'), undefined);
    assert.match(prompter.lastMessage()?.text ?? '', /Access to 127\.0\.0\.1:\d+ was denied/);
    assert.equal(api.commands.accounts.list().length, 0);
    assert.equal(await api.commands.extensionContext.secrets.get(`zendesk.credentials:${sandbox.url}`), undefined);
  });

  it('signs in with client credentials for service use', async () => {
    prompter.script({ input: sandbox.url }, { pick: CLIENT_CREDENTIALS }, { input: SERVICE_CLIENT }, { input: SERVICE_SECRET });
    assert.equal(await vscode.commands.executeCommand<string | undefined>('zendesk.signIn'), sandbox.url);
    assert.equal(api.commands.accounts.get(sandbox.url)?.method, 'clientCredentials');
    const grant = await stored();
    assert.equal(grant.clientSecret, SERVICE_SECRET, 'the secret is kept with the grant, in SecretStorage');
    assert.equal(tokenRequests('client_credentials').length, 1);
    // Its token expiring is handled by asking for a new one.
    sandbox.oauth.expireAccessTokens();
    const client = await api.commands.clients.for(sandbox.url);
    assert.equal((await client.showCurrentUser()).role, 'admin');
    assert.equal(tokenRequests('client_credentials').length, 2);
    await signOutEverywhere(api);
  });

  it('refreshes an expired access token during use without the user noticing, and keeps the rotated pair', async () => {
    await signInWithOAuth();
    prompter.reset();
    const before = await stored();
    const org = (await api.tree.getChildren())[0] as OrganizationNode;
    sandbox.oauth.expireAccessTokens();
    const members = await api.tree.getChildren(org);
    assert.ok(members.length > 0 && members.every((row) => row.kind === 'membership'), 'the organization loaded');
    assert.equal(tokenRequests('refresh_token').length, 1);
    assert.deepEqual(prompter.messages, [], 'no prompt, no error');
    const after = await stored();
    assert.notEqual(after.tokens.refreshToken, before.tokens.refreshToken, 'the rotated refresh token was saved');
    assert.notEqual(after.tokens.accessToken, before.tokens.accessToken);
  });

  it('makes exactly one refresh call for many requests that meet an expired token at once', async () => {
    const refreshesBefore = tokenRequests('refresh_token').length;
    sandbox.oauth.expireAccessTokens();
    const client = await api.commands.clients.for(sandbox.url);
    const users = await Promise.all(Array.from({ length: 12 }, (_, index) => client.showUser(sandbox.store.users.at(index).id)));
    assert.equal(users.length, 12);
    assert.equal(tokenRequests('refresh_token').length - refreshesBefore, 1);
  });

  it('ends a session whose refresh token was revoked with one clear prompt, and retries nothing forever', async () => {
    sandbox.oauth.revokeRefreshTokens();
    sandbox.oauth.expireAccessTokens();
    const client = await api.commands.clients.for(sandbox.url);
    const refreshesBefore = tokenRequests('refresh_token').length;
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => client.showCurrentUser()));
    assert.ok(outcomes.every((outcome) => outcome.status === 'rejected'));
    assert.equal(tokenRequests('refresh_token').length - refreshesBefore, 1, 'one refused refresh, no more');
    const endedPrompts = () => prompter.messages.filter((message) => /session for 127\.0\.0\.1:\d+ has ended/.test(message.text));
    await waitFor(() => endedPrompts().length > 0, 'the prompt');
    assert.equal(api.commands.accounts.list().length, 0, 'signed out');
    await client.showCurrentUser().catch(() => undefined); // one more failure does not prompt again
    const prompts = endedPrompts();
    assert.equal(prompts.length, 1);
    assert.deepEqual(prompts[0].actions, ['Sign In']);
  });

  it('offers the API token only as legacy, saying when it stops working', async () => {
    const offered: string[] = [];
    prompter.script({ input: sandbox.url }, { pick: (item) => { offered.push(`${String(item.label)} — ${String(item.detail)}`); return false; } });
    await vscode.commands.executeCommand('zendesk.signIn');
    assert.match(offered[0], /OAuth \(recommended\)/);
    assert.match(offered[2], /API token \(legacy\) — Email and API token — Zendesk stops accepting API tokens on 30 April 2027 \(in \d+ days\)/);
  });

  it('leaves no token of any kind in settings, globalState, the log or the files VS Code keeps', async () => {
    await signInWithOAuth();
    await stored();
    const { extensionContext } = api.commands;
    seenSecrets.add(sandbox.credentials.admin.token).add(SERVICE_SECRET);
    const globalState = JSON.stringify(extensionContext.globalState.keys().map((key) => [key, extensionContext.globalState.get(key)]));
    const settings = JSON.stringify(vscode.workspace.getConfiguration('zendesk')) + JSON.stringify(vscode.workspace.getConfiguration('http'));
    const log = api.logLines.join('\n');
    // What VS Code wrote to disk for this profile: settings.json, the global state database, logs.
    const userDir = path.dirname(path.dirname(extensionContext.globalStorageUri.fsPath));
    const files = [...filesUnder(userDir), ...filesUnder(extensionContext.logUri.fsPath)];
    assert.ok(files.length > 0);
    for (const secret of seenSecrets) {
      assert.ok(!globalState.includes(secret), 'not in globalState');
      assert.ok(!settings.includes(secret), 'not in settings');
      assert.ok(!log.includes(secret), 'not in the log');
      for (const file of files) {
        assert.ok(!fs.readFileSync(file).includes(secret), `not in ${file}`);
      }
    }
  });
});

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(file) : entry.isFile() && fs.statSync(file).size < 50_000_000 ? [file] : [];
  });
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
