import * as vscode from 'vscode';
import type { ApiTokenCredentials } from '../zendesk';

export type AuthMethod = 'apiToken';

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
export type StoredCredentials = ApiTokenCredentials;

const ACCOUNTS_KEY = 'zendesk.accounts';
const SECRET_PREFIX = 'zendesk.credentials:';

/** SecretStorage refused: typically no OS keyring on Linux. Never fall back to plaintext. */
export class SecretStorageUnavailableError extends Error {
  override readonly name = 'SecretStorageUnavailableError';
  constructor(cause: unknown) {
    super(vscode.l10n.t(
      "VS Code couldn't use the operating system's secret storage ({0}). Nothing was saved. On Linux, install and unlock a keyring such as gnome-keyring or KWallet, then sign in again.",
      cause instanceof Error ? cause.message : String(cause),
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
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage, private readonly state: vscode.Memento) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key.startsWith(SECRET_PREFIX)) {
        void this.reconcile();
      }
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
    try {
      await this.secrets.store(SECRET_PREFIX + account.origin, JSON.stringify(credentials));
    } catch (error) {
      throw new SecretStorageUnavailableError(error);
    }
    const others = this.list().filter((existing) => existing.origin !== account.origin);
    await this.state.update(ACCOUNTS_KEY, [...others, account]);
    this.changed.fire();
  }

  async remove(origin: string): Promise<void> {
    await this.state.update(ACCOUNTS_KEY, this.list().filter((account) => account.origin !== origin));
    try {
      await this.secrets.delete(SECRET_PREFIX + origin);
    } finally {
      this.changed.fire();
    }
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
  }
}
