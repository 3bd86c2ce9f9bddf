import * as vscode from 'vscode';
import type { Account, AccountStore } from './accounts';

export const AUTH_PROVIDER_ID = 'zendesk';

/**
 * Makes signed-in Zendesk accounts appear in VS Code's Accounts menu (and sign-out from there).
 * Sessions carry OAuth access tokens; API-token accounts expose no token to other extensions.
 */
export class ZendeskAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private known: Map<string, vscode.AuthenticationSession>;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly accounts: AccountStore, private readonly signIn: () => Thenable<string | undefined>) {
    this.known = new Map(accounts.list().map((account) => [account.origin, sessionOf(account, '')]));
    this.subscriptions = [
      accounts.onDidChange(() => void this.announce()),
      accounts.onDidChangeCredentials((origin) => void this.announceNewToken(origin)),
    ];
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    return Promise.all(this.accounts.list().map(async (account) => sessionOf(account, await this.accessToken(account))));
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const origin = await this.signIn();
    const account = origin ? this.accounts.get(origin) : undefined;
    if (!account) {
      throw new Error(vscode.l10n.t('Sign-in to Zendesk was cancelled.'));
    }
    return sessionOf(account, await this.accessToken(account));
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.accounts.remove(sessionId);
  }

  private async accessToken(account: Account): Promise<string> {
    const credentials = await this.accounts.credentials(account.origin).catch(() => undefined);
    return credentials && credentials.kind !== 'apiToken' ? credentials.tokens.accessToken : '';
  }

  private async announce(): Promise<void> {
    const next = new Map(this.accounts.list().map((account) => [account.origin, sessionOf(account, '')]));
    const added = [...next.values()].filter((session) => !this.known.has(session.id));
    const removed = [...this.known.values()].filter((session) => !next.has(session.id));
    const changed = [...next.values()].filter((session) => this.known.has(session.id) && this.known.get(session.id)?.account.label !== session.account.label);
    this.known = next;
    if (added.length || removed.length || changed.length) {
      this.changed.fire({ added, removed, changed });
    }
  }

  /** A rotated access token: extensions holding the session must drop the revoked one. */
  private async announceNewToken(origin: string): Promise<void> {
    const account = this.accounts.get(origin);
    if (!account || !this.known.has(origin)) {
      return; // a session being added or removed: announce() tells
    }
    const accessToken = await this.accessToken(account);
    if (accessToken) {
      this.changed.fire({ added: [], removed: [], changed: [sessionOf(account, accessToken)] });
    }
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.changed.dispose();
  }
}

function sessionOf(account: Account, accessToken: string): vscode.AuthenticationSession {
  return {
    id: account.origin,
    accessToken,
    account: { id: account.origin, label: `${account.userName} — ${new URL(account.origin).host}` },
    scopes: [],
  };
}
