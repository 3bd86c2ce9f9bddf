// AccountStore and the authentication provider in the real extension host, over a SecretStorage
// that can be made to fail the way a missing or locked OS keyring does.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Account, AccountStore, SecretStorageUnavailableError, StoredCredentials } from '../../src/auth/accounts';
import { ZendeskAuthenticationProvider } from '../../src/auth/authProvider';

/** SecretStorage in memory; `failing` makes every call reject as a keyring would. */
class FlakyKeyring implements vscode.SecretStorage {
  readonly values = new Map<string, string>();
  failing = false;
  private readonly emitter = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.emitter.event;

  async get(key: string): Promise<string | undefined> {
    this.check();
    return this.values.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    this.check();
    this.values.set(key, value);
    this.emitter.fire({ key });
  }

  async delete(key: string): Promise<void> {
    this.check();
    this.values.delete(key);
    this.emitter.fire({ key });
  }

  async keys(): Promise<string[]> {
    this.check();
    return [...this.values.keys()];
  }

  private check(): void {
    if (this.failing) {
      throw new Error('Cannot create an item in a locked collection');
    }
  }
}

class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T {
    return (this.values.has(key) ? this.values.get(key) : defaultValue) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
  text(): string {
    return JSON.stringify([...this.values]);
  }
}

const ORIGIN = 'https://acme.zendesk.com';
const ACCOUNT: Account = { origin: ORIGIN, userId: 1, userName: 'Ann Admin', email: 'ann@acme.test', role: 'admin', method: 'oauth' };

function grant(accessToken: string, refreshToken: string): StoredCredentials {
  return { kind: 'oauth', clientId: 'vscode', tokens: { accessToken, refreshToken, expiresAt: Date.now() + 3_600_000 } };
}

describe('accounts over a failing keyring', () => {
  let keyring: FlakyKeyring;
  let state: MemoryMemento;
  let store: AccountStore;
  beforeEach(() => {
    keyring = new FlakyKeyring();
    state = new MemoryMemento();
    store = new AccountStore(keyring, state);
  });
  afterEach(() => store.dispose());

  it('a refused store saves nothing anywhere, and says why', async () => {
    keyring.failing = true;
    await assert.rejects(store.save(ACCOUNT, grant('access-secret-1', 'refresh-secret-1')), (error: unknown) =>
      error instanceof SecretStorageUnavailableError && /Nothing was saved/.test(error.message) && !error.message.includes('secret-1'));
    assert.deepEqual(store.list(), [], 'not listed without its secret');
    assert.ok(!state.text().includes('secret-1'), 'no plaintext fallback in globalState');
    assert.equal(keyring.values.size, 0);
  });

  it('a refused delete on sign-out keeps the account listed with its secret, and says so', async () => {
    await store.save(ACCOUNT, grant('access-secret-1', 'refresh-secret-1'));
    keyring.failing = true;
    await assert.rejects(store.remove(ORIGIN), (error: unknown) => error instanceof SecretStorageUnavailableError && /still signed in/.test(error.message));
    assert.deepEqual(store.list().map((account) => account.origin), [ORIGIN]);
    assert.equal(keyring.values.size, 1, 'the secret is still stored');
    keyring.failing = false;
    await store.remove(ORIGIN);
    assert.deepEqual(store.list(), []);
    assert.equal(keyring.values.size, 0);
  });

  it('removeIf signs out only while the stored credentials are the stale ones', async () => {
    await store.save(ACCOUNT, grant('access-old', 'refresh-old'));
    await store.updateCredentials(ORIGIN, grant('access-new', 'refresh-new')); // another refresh won meanwhile
    const isOld = (stored: StoredCredentials | undefined) => stored?.kind === 'oauth' && stored.tokens.refreshToken === 'refresh-old';
    assert.equal(await store.removeIf(ORIGIN, isOld), false);
    assert.deepEqual(store.list().map((account) => account.origin), [ORIGIN], 'the newer session is kept');
    const isNew = (stored: StoredCredentials | undefined) => stored?.kind === 'oauth' && stored.tokens.refreshToken === 'refresh-new';
    assert.equal(await store.removeIf(ORIGIN, isNew), true);
    assert.deepEqual(store.list(), []);
  });

  it('the authentication provider lists accounts for the Accounts menu but hands no token to any extension, whatever scopes it asks for', async () => {
    await store.save({ ...ACCOUNT, userName: 'Mallory [x](command:zendesk.signOut) \u202Eevil' }, grant('access-1', 'refresh-1'));
    const provider = new ZendeskAuthenticationProvider(store);
    const events: vscode.AuthenticationProviderAuthenticationSessionsChangeEvent[] = [];
    const subscription = provider.onDidChangeSessions((event) => events.push(event));
    try {
      const [session, ...others] = await provider.getSessions();
      assert.equal(others.length, 0);
      assert.equal(session.id, ORIGIN);
      assert.equal(session.accessToken, '', 'no token in the session');
      assert.deepEqual(session.scopes, []);
      assert.doesNotMatch(session.account.label, /\]\(|\u202E/, 'the account label is shown literally');
      for (const scopes of [['read'], ['read', 'write'], ['organizations:write'], ['write']]) {
        assert.deepEqual(await provider.getSessions(scopes), [], `nothing for ${scopes.join(' ')}`);
        await assert.rejects(provider.createSession(scopes), /not shared with other extensions/);
      }
      // A rotated token is not announced (there is no token to replace), and nothing announced carries one.
      await store.updateCredentials(ORIGIN, grant('access-2', 'refresh-2'));
      assert.deepEqual((await provider.getSessions()).map((listed) => listed.accessToken), ['']);
      await store.remove(ORIGIN);
      await new Promise<void>((resolve) => (events.some((event) => event.removed?.length) ? resolve() : provider.onDidChangeSessions(() => resolve())));
      const announced = events.flatMap((event) => [...(event.added ?? []), ...(event.removed ?? []), ...(event.changed ?? [])]);
      assert.ok(announced.length > 0 && announced.every((listed) => listed.accessToken === ''), JSON.stringify(announced));
    } finally {
      subscription.dispose();
      provider.dispose();
    }
  });
});
