import * as vscode from 'vscode';
import type { ApiTokenCredentials } from '../zendesk';
import type { OAuthGrant } from './oauthSession';

/** OAuth (authorization code + PKCE) is the way in; API tokens are legacy until 2027-04-30. */
export type AuthMethod = 'oauth' | 'clientCredentials' | 'apiToken';

/** What the extension remembers about a signed-in account. Nothing here is secret. */
export interface Account {
  /** Normalised origin, e.g. https://acme.zendesk.com — also the key of its secret. */
  origin: string;
  userId: number;
  userName: string;
  email: string;
  role: string;
  method: AuthMethod;
}

/** What lives in SecretStorage, under a key bound to the account's origin. */
export type StoredCredentials = ApiTokenCredentials | OAuthGrant;

/** What a later sign-in to the same address can suggest (nothing secret). */
export interface SignInHint {
  method: AuthMethod;
  email?: string;
  clientId?: string;
}

const ACCOUNTS_KEY = 'zendesk.accounts';
const HINTS_KEY = 'zendesk.signInHints';
const SECRET_PREFIX = 'zendesk.credentials:';

/** SecretStorage refused: typically no OS keyring on Linux. Never fall back to plaintext. */
export class SecretStorageUnavailableError extends Error {
  override readonly name = 'SecretStorageUnavailableError';
  /** `signingOut`: a sign-out failed, so the account and its secret are still there. */
  constructor(cause: unknown, signingOut = false) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(signingOut
      ? vscode.l10n.t(
        "VS Code couldn't use the operating system's secret storage ({0}), so you are still signed in and the credentials are still stored. On Linux, install and unlock a keyring such as gnome-keyring or KWallet, then sign out again.",
        reason,
      )
      : vscode.l10n.t(
        "VS Code couldn't use the operating system's secret storage ({0}). Nothing was saved. On Linux, install and unlock a keyring such as gnome-keyring or KWallet, then sign in again.",
        reason,
      ));
  }
}

/**
 * Accounts: the non-secret list in globalState, credentials in SecretStorage keyed by origin
 * (so a changed address can never receive another address's token). Changes made by another
 * window arrive through `secrets.onDidChange` and are re-announced here.
 */
export class AccountStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly credentialsChanged = new vscode.EventEmitter<string>();
  /** New credentials for a listed account (a token rotation, here or in another window): its origin. */
  readonly onDidChangeCredentials = this.credentialsChanged.event;
  private readonly subscription: vscode.Disposable;
  /** What this window last wrote under each key: a change event that finds it there is our own echo. */
  private readonly written = new Map<string, string | undefined>();

  constructor(private readonly secrets: vscode.SecretStorage, private readonly state: vscode.Memento) {
    this.subscription = secrets.onDidChange(async (event) => {
      if (!event.key.startsWith(SECRET_PREFIX)) {
        return;
      }
      if (this.written.has(event.key) && await this.secrets.get(event.key).then((value) => value === this.written.get(event.key), () => false)) {
        return; // our own write: save/remove/updateCredentials have already said what changed
      }
      this.credentialsChanged.fire(event.key.slice(SECRET_PREFIX.length));
      void this.reconcile();
    });
  }

  list(): Account[] {
    return this.state.get<Account[]>(ACCOUNTS_KEY, []);
  }

  get(origin: string): Account | undefined {
    return this.list().find((account) => account.origin === origin);
  }

  async credentials(origin: string): Promise<StoredCredentials | undefined> {
    let text: string | undefined;
    try {
      text = await this.secrets.get(SECRET_PREFIX + origin);
    } catch (error) {
      throw new SecretStorageUnavailableError(error);
    }
    if (!text) {
      return undefined;
    }
    try {
      return JSON.parse(text) as StoredCredentials;
    } catch {
      return undefined;
    }
  }

  /** Stores the secret first: an account is listed only once its credentials are safe. */
  async save(account: Account, credentials: StoredCredentials): Promise<void> {
    const signedInAlready = this.get(account.origin) !== undefined;
    await this.storeSecret(account.origin, credentials);
    const others = this.list().filter((existing) => existing.origin !== account.origin);
    await this.state.update(ACCOUNTS_KEY, [...others, account]);
    await this.rememberHint(account.origin, {
      method: account.method,
      email: credentials.kind === 'apiToken' ? credentials.email : undefined,
      clientId: credentials.kind === 'apiToken' ? undefined : credentials.clientId,
    });
    this.changed.fire();
    if (signedInAlready) {
      this.credentialsChanged.fire(account.origin);
    }
  }

  /** New tokens for a signed-in account (a refresh): the account list does not change. */
  async updateCredentials(origin: string, credentials: StoredCredentials): Promise<void> {
    await this.storeSecret(origin, credentials);
    this.credentialsChanged.fire(origin);
  }

  hint(origin: string): SignInHint | undefined {
    return this.state.get<Record<string, SignInHint>>(HINTS_KEY, {})[origin];
  }

  private async rememberHint(origin: string, hint: SignInHint): Promise<void> {
    await this.state.update(HINTS_KEY, { ...this.state.get<Record<string, SignInHint>>(HINTS_KEY, {}), [origin]: hint });
  }

  private async storeSecret(origin: string, credentials: StoredCredentials): Promise<void> {
    const value = JSON.stringify(credentials);
    this.written.set(SECRET_PREFIX + origin, value);
    try {
      await this.secrets.store(SECRET_PREFIX + origin, value);
    } catch (error) {
      this.written.delete(SECRET_PREFIX + origin);
      throw new SecretStorageUnavailableError(error);
    }
  }

  /** Deletes the secret first: if the keyring fails, the account stays listed, as its secret stays stored. */
  async remove(origin: string): Promise<void> {
    const key = SECRET_PREFIX + origin;
    this.written.set(key, undefined);
    try {
      await this.secrets.delete(key);
    } catch (error) {
      this.written.delete(key);
      throw new SecretStorageUnavailableError(error, true);
    }
    await this.state.update(ACCOUNTS_KEY, this.list().filter((account) => account.origin !== origin));
    this.changed.fire();
  }

  /**
   * Signs out only if the stored credentials still satisfy `stale` (SecretStorage has no atomic
   * compare-and-delete; checking just before deleting narrows the race to one read). Says whether
   * it signed out.
   */
  async removeIf(origin: string, stale: (stored: StoredCredentials | undefined) => boolean): Promise<boolean> {
    if (!stale(await this.credentials(origin))) {
      return false;
    }
    await this.remove(origin);
    return true;
  }

  /** Drops listed accounts whose secret vanished (signed out in another window). */
  private async reconcile(): Promise<void> {
    const accounts = this.list();
    const present = await Promise.all(accounts.map(async (account) => {
      try {
        return (await this.secrets.get(SECRET_PREFIX + account.origin)) !== undefined;
      } catch {
        return true; // an unreadable store is not a sign-out
      }
    }));
    const kept = accounts.filter((_, index) => present[index]);
    if (kept.length !== accounts.length) {
      await this.state.update(ACCOUNTS_KEY, kept);
    }
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.credentialsChanged.dispose();
  }
}
