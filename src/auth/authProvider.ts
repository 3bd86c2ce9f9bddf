import * as vscode from 'vscode';
import { literal } from '../outsideText';
import type { Account, AccountStore } from './accounts';

export const AUTH_PROVIDER_ID = 'zendesk';

/**
 * Makes signed-in Zendesk accounts appear in VS Code's Accounts menu (and sign-out from there).
 * No token leaves the extension: a session names an account and carries an empty access token,
 * and sessions for particular scopes are never offered. The extension's grant is `read write` on
 * the whole account; an extension that asked for less would otherwise receive all of it. Another
 * extension that needs Zendesk registers its own OAuth client. (See SECURITY.md.)
 */
export class ZendeskAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private known: Map<string, vscode.AuthenticationSession>;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly accounts: AccountStore) {
    this.known = this.sessionsByOrigin();
    this.subscriptions = [accounts.onDidChange(() => this.announce())];
  }

  /** The accounts, for the Accounts menu (no scopes asked); nothing for a request with scopes. */
  async getSessions(scopes?: readonly string[]): Promise<vscode.AuthenticationSession[]> {
    return scopes && scopes.length > 0 ? [] : [...this.sessionsByOrigin().values()];
  }

  /** Sessions are not created for other extensions: signing in happens in the Zendesk view. */
  async createSession(_scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    throw new Error(vscode.l10n.t('Zendesk sessions are not shared with other extensions. Sign in with the Zendesk view (Zendesk: Sign In…).'));
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.accounts.remove(sessionId);
  }

  private sessionsByOrigin(): Map<string, vscode.AuthenticationSession> {
    return new Map(this.accounts.list().map((account) => [account.origin, sessionOf(account)]));
  }

  private announce(): void {
    const next = this.sessionsByOrigin();
    const added = [...next.values()].filter((session) => !this.known.has(session.id));
    const removed = [...this.known.values()].filter((session) => !next.has(session.id));
    const changed = [...next.values()].filter((session) => this.known.has(session.id) && this.known.get(session.id)?.account.label !== session.account.label);
    this.known = next;
    if (added.length || removed.length || changed.length) {
      this.changed.fire({ added, removed, changed });
    }
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.changed.dispose();
  }
}

function sessionOf(account: Account): vscode.AuthenticationSession {
  return {
    id: account.origin,
    accessToken: '',
    account: { id: account.origin, label: `${literal(account.userName)} — ${literal(new URL(account.origin).host)}` },
    scopes: [],
  };
}
