import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { GrantStore, OAuthGrant, RefreshingCredentials, SessionEndedError } from '../../../src/auth/oauthSession';
import { ZendeskTokenEndpoint, createZendeskClient } from '../../../src/zendesk';
import { Sandbox, startSandbox, waitFor } from 'zendesk-sandbox';

const CLIENT = 'zendesk-memberships-vscode';

/** SecretStorage as far as the session is concerned; records the order of events. */
class RecordingStore implements GrantStore {
  saved: OAuthGrant | undefined;
  constructor(private readonly events: string[]) {}
  async load(): Promise<OAuthGrant | undefined> { return this.saved; }
  async save(grant: OAuthGrant): Promise<void> {
    this.events.push(`saved ${grant.tokens.accessToken.slice(0, 6)}`);
    this.saved = grant;
  }
}

describe('RefreshingCredentials against the sandbox', () => {
  let sandbox: Sandbox;
  let clock: number;
  before(async () => {
    clock = Date.now();
    sandbox = await startSandbox({ rateLimit: 0, orgs: 2, users: 10, now: () => clock });
  });
  after(() => sandbox.close());
  afterEach(() => sandbox.faults.clear());

  function session(accessTtlSeconds = 1_800) {
    const issued = sandbox.oauth.issue({ clientId: CLIENT, accessTtlSeconds });
    const events: string[] = [];
    const store = new RecordingStore(events);
    const ended: SessionEndedError[] = [];
    const grant: OAuthGrant = {
      kind: 'oauth', clientId: CLIENT,
      tokens: { accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: clock + accessTtlSeconds * 1000 },
    };
    const credentials = new RefreshingCredentials({
      origin: sandbox.url, grant, store, now: () => clock, refreshSkewMs: 120_000,
      endpoint: new ZendeskTokenEndpoint({ baseUrl: sandbox.url, now: () => clock, retry: { backoffBaseMs: 5, backoffCapMs: 10 } }),
      onSessionEnded: (error) => ended.push(error),
    });
    const client = createZendeskClient({ baseUrl: sandbox.url, credentials, retry: { backoffBaseMs: 5, backoffCapMs: 10 } });
    const apiCalls = (): string[] => sandbox.requests.filter((request) => request.path === '/api/v2/users/me').map((request) => `${request.status}`);
    return { client, events, store, ended, issued, apiCalls };
  }
  const refreshes = () => sandbox.requests.filter((request) => request.path === '/oauth/tokens' && (request.body ?? '').includes('refresh_token')).length;

  it('refreshes shortly before expiry, and saves the rotated pair before using it', async () => {
    const { client, store, issued } = session(600);
    const before = refreshes();
    await client.showCurrentUser();
    assert.equal(refreshes(), before, 'plenty of time left: no refresh');
    clock += 500_000; // 100 s left, inside the 120 s margin
    const statusBefore = sandbox.requests.length;
    await client.showCurrentUser();
    assert.equal(refreshes(), before + 1);
    const after = sandbox.requests.slice(statusBefore).map((request) => `${request.path} ${request.status}`);
    assert.deepEqual(after, ['/oauth/tokens 201', '/api/v2/users/me 200'], 'refreshed first, so no request met an expired token');
    assert.ok(store.saved && store.saved.tokens.refreshToken !== issued.refreshToken);
  });

  it('refreshes once on a 401 and retries the request, however many are in flight', async () => {
    const { client, events } = session();
    sandbox.oauth.expireAccessTokens();
    const before = refreshes();
    const results = await Promise.all(Array.from({ length: 8 }, () => client.showCurrentUser()));
    assert.equal(results.length, 8);
    assert.equal(refreshes() - before, 1);
    assert.equal(events.length, 1);
  });

  it('ends the session once when the refresh token is refused, and asks Zendesk nothing more', async () => {
    const { client, ended } = session();
    sandbox.oauth.revokeRefreshTokens();
    sandbox.oauth.expireAccessTokens();
    const before = refreshes();
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => client.showCurrentUser()));
    assert.ok(outcomes.every((outcome) => outcome.status === 'rejected'));
    await assert.rejects(client.showCurrentUser(), SessionEndedError);
    assert.equal(refreshes() - before, 1);
    assert.equal(ended.length, 1);
    assert.match(ended[0].message, /has ended .*Sign in again/);
  });

  it('adopts the tokens another window rotated first, without refreshing with the dead ones', async () => {
    const { client, store, ended, issued } = session();
    // Another window refreshed with the same refresh token (killing ours) and saved the new pair.
    const rotated = await new ZendeskTokenEndpoint({ baseUrl: sandbox.url, now: () => clock }).refresh({ clientId: CLIENT, refreshToken: issued.refreshToken as string });
    store.saved = { kind: 'oauth', clientId: CLIENT, tokens: rotated };
    const before = { refreshes: refreshes(), refused: sandbox.oauth.stats().refused };
    assert.equal((await client.showCurrentUser()).role, 'admin');
    assert.equal(ended.length, 0);
    assert.equal(refreshes(), before.refreshes, 'the stored pair was read before refreshing, so no refresh was needed');
    assert.equal(sandbox.oauth.stats().refused, before.refused);
  });

  it('adopts a pair another window saved while its own refresh was on the way, instead of ending the session', async () => {
    const { client, store, ended, issued } = session(600);
    clock += 500_000; // inside the margin: the next request refreshes first
    const refusedBefore = sandbox.oauth.stats().refused;
    const before = refreshes();
    // Ours is held on the way in; meanwhile another window rotates with the same token and saves.
    sandbox.faults.inject({ path: '/oauth/tokens', kind: 'delay', delayMs: 1_000 });
    const request = client.showCurrentUser();
    await waitFor(() => refreshes() > before || undefined, 'our refresh to reach Zendesk');
    const rotated = await new ZendeskTokenEndpoint({ baseUrl: sandbox.url, now: () => clock }).refresh({ clientId: CLIENT, refreshToken: issued.refreshToken as string });
    store.saved = { kind: 'oauth', clientId: CLIENT, tokens: rotated };
    assert.equal((await request).role, 'admin');
    assert.equal(sandbox.oauth.stats().refused, refusedBefore + 1, 'ours was refused: the other window had rotated');
    assert.equal(ended.length, 0);
  });

  it('ends the session naming the refused pair, so only that pair may be deleted, without showing it', async () => {
    const { client, ended, issued } = session();
    sandbox.oauth.revokeRefreshTokens();
    sandbox.oauth.expireAccessTokens();
    await assert.rejects(client.showCurrentUser());
    assert.equal(ended.length, 1);
    const [error] = ended;
    const refusedPair = { accessToken: issued.accessToken, refreshToken: issued.refreshToken };
    assert.equal(error.isRefusedGrant({ kind: 'oauth', tokens: refusedPair }), true, 'still stored: delete');
    assert.equal(error.isRefusedGrant(undefined), true, 'already gone: nothing to keep');
    const renewed = sandbox.oauth.issue({ clientId: CLIENT });
    assert.equal(error.isRefusedGrant({ kind: 'oauth', tokens: { accessToken: renewed.accessToken, refreshToken: renewed.refreshToken } }), false, 'another window saved a new pair: keep it');
    assert.equal(error.isRefusedGrant({ kind: 'apiToken' }), false, 'signed in again with an API token: keep it');
    for (const shown of [error.message, JSON.stringify(error), inspect(error), String(error.stack)]) {
      assert.ok(!shown.includes(issued.accessToken) && !shown.includes(issued.refreshToken as string), 'no token in what an error shows');
    }
  });

  it('saves the rotated pair even when the request that started the refresh is cancelled mid-rotation', async () => {
    const { client, store, ended, issued } = session(600);
    clock += 500_000; // inside the margin: the next request refreshes first
    const rotations = sandbox.oauth.stats().issued.refresh_token;
    // Zendesk rotates, then its answer is slow to arrive: the caller gives up in between.
    sandbox.faults.inject({ path: '/oauth/tokens', kind: 'delay', delayMs: 1_000, afterHandler: true });
    const cancel = new AbortController();
    const cancelled = client.showCurrentUser({ signal: cancel.signal });
    await waitFor(() => sandbox.oauth.stats().issued.refresh_token > rotations || undefined, 'Zendesk to rotate the tokens');
    cancel.abort();
    await assert.rejects(cancelled, { name: 'AbortError' });
    assert.equal((await client.showCurrentUser()).role, 'admin', 'the next request uses the rotated pair');
    assert.ok(store.saved && store.saved.tokens.refreshToken !== issued.refreshToken, 'the rotated pair was saved');
    assert.equal(ended.length, 0);
  });

  it('repeats a refresh that met a 500 (a repeat of one carried out would be refused, and say so)', async () => {
    const { client, store, ended, issued } = session(600);
    clock += 500_000; // 100 s left: refresh early
    sandbox.faults.inject({ path: '/oauth/tokens', kind: '500' });
    const before = refreshes();
    assert.equal((await client.showCurrentUser()).role, 'admin');
    assert.equal(refreshes(), before + 2, 'the 500, then the repeat');
    assert.ok(store.saved && store.saved.tokens.refreshToken !== issued.refreshToken, 'rotated');
    assert.equal(ended.length, 0);
  });

  it('keeps using the still-valid token when the early refresh fails for a while, and refreshes later', async () => {
    const { client, store, ended, issued } = session(600);
    clock += 500_000; // 100 s left: refresh early
    sandbox.faults.inject({ path: '/oauth/tokens', kind: '500', times: 0 });
    const before = refreshes();
    assert.equal((await client.showCurrentUser()).role, 'admin', 'the request went through with the current token');
    assert.equal(refreshes(), before + 5, 'the early refresh was tried, up to the attempt cap');
    assert.equal(store.saved?.tokens.refreshToken, undefined, 'nothing was rotated');
    assert.equal(ended.length, 0);
    sandbox.faults.clear();
    await client.showCurrentUser();
    assert.equal(refreshes(), before + 6, 'the next request tried again');
    assert.ok(store.saved && store.saved.tokens.refreshToken !== issued.refreshToken, 'and this time rotated');
  });

  it('fails the request with the refresh\'s own error when it fails for a while after the token has expired', async () => {
    const { client, ended } = session(600);
    clock += 600_000; // expired
    sandbox.faults.inject({ path: '/oauth/tokens', kind: '500', times: 0 });
    await assert.rejects(client.showCurrentUser(), { status: 500 });
    assert.equal(ended.length, 0, 'a while of trouble does not end the session');
  });

  it('says Zendesk is unavailable, not that the credentials were refused, when the refresh after a 401 fails for a while', async () => {
    const { client, ended } = session(600);
    sandbox.oauth.expireAccessTokens(); // Zendesk ends the token before its time: the request meets 401
    sandbox.faults.inject({ path: '/oauth/tokens', kind: '503', times: 0 });
    await assert.rejects(client.showCurrentUser(), { status: 503 });
    assert.equal(ended.length, 0);
    sandbox.faults.clear();
    assert.equal((await client.showCurrentUser()).role, 'admin', 'the session goes on once Zendesk is back');
  });

  it('ends the session at once when Zendesk rotated but its answer could not be read (the new pair is lost)', async () => {
    const { client, ended } = session(600);
    clock += 600_000;
    sandbox.faults.inject({ path: '/oauth/tokens', kind: 'malformed-json', afterHandler: true });
    await assert.rejects(client.showCurrentUser());
    assert.equal(ended.length, 1, 'told once: sign in again');
  });
});
