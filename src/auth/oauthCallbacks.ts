import * as vscode from 'vscode';
import { stateMatches } from './pkce';

export const CALLBACK_PATH = '/auth-callback';

export interface AuthorizationResult {
  code?: string;
  error?: string;
  errorDescription?: string;
}

interface Pending {
  state: string;
  resolve(result: AuthorizationResult): void;
}

/**
 * Receives Zendesk's redirect after the user allowed (or denied) access. VS Code hands the
 * extension `<scheme>://<extension id>/auth-callback?code=…&state=…` through its URI handler —
 * also in the browser and remote windows, where `asExternalUri` made the redirect reach VS Code.
 * Only a redirect whose `state` matches a sign-in this window started is accepted.
 */
export class OAuthCallbacks implements vscode.UriHandler {
  private readonly pending = new Set<Pending>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** The redirect URI to send to Zendesk, as this window can receive it. */
  static async redirectUri(extensionId: string): Promise<string> {
    const local = vscode.Uri.parse(`${vscode.env.uriScheme}://${extensionId}${CALLBACK_PATH}`);
    return (await vscode.env.asExternalUri(local)).toString(true);
  }

  /** Resolves with the redirect for `state`, or undefined if cancelled or after `timeoutMs`. */
  wait(state: string, token: vscode.CancellationToken, timeoutMs: number): Promise<AuthorizationResult | undefined> {
    return new Promise((resolve) => {
      const finish = (result: AuthorizationResult | undefined): void => {
        clearTimeout(timer);
        subscription.dispose();
        this.pending.delete(entry);
        resolve(result);
      };
      const entry: Pending = { state, resolve: finish };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      const subscription = token.onCancellationRequested(() => finish(undefined));
      this.pending.add(entry);
    });
  }

  handleUri(uri: vscode.Uri): void {
    if (uri.path !== CALLBACK_PATH) {
      this.log.warn(`ignored a link to ${uri.path}`);
      return;
    }
    const params = new URLSearchParams(uri.query);
    const entry = [...this.pending].find((candidate) => stateMatches(candidate.state, params.get('state')));
    if (!entry) {
      this.log.warn('ignored a sign-in redirect whose state matches no sign-in in progress');
      void vscode.window.showWarningMessage(vscode.l10n.t('This Zendesk sign-in link does not belong to a sign-in in progress in this window (it may be old, or from another window). Start Sign In again.'));
      return;
    }
    entry.resolve({
      code: params.get('code') ?? undefined,
      error: params.get('error') ?? undefined,
      errorDescription: params.get('error_description') ?? undefined,
    });
  }
}
