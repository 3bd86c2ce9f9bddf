import * as vscode from 'vscode';
import { stateMatches } from './pkce';

export const CALLBACK_PATH = '/auth-callback';

export interface AuthorizationResult {
  code?: string;
  error?: string;
  errorDescription?: string;
  /**
   * Set when the answer was refused because it belongs to another Zendesk: it arrived at another
   * origin's redirect path, or its `iss` names another issuer. Nothing may be exchanged then.
   */
  refused?: { reason: 'origin' | 'issuer'; from: string };
}

interface Pending {
  state: string;
  origin: string;
  resolve(result: AuthorizationResult): void;
}

/**
 * The redirect path of one Zendesk origin, `/auth-callback/acme.zendesk.com`. Every Zendesk the
 * extension signs in to is its own authorization server; a path of its own lets the callback
 * tell which one answered (OAuth mix-up defence, RFC 9700 §4.4.2).
 */
export function callbackPath(origin: string): string {
  return `${CALLBACK_PATH}/${new URL(origin).host}`;
}

/**
 * Receives Zendesk's redirect after the user allowed (or denied) access. VS Code hands the
 * extension `<scheme>://<extension id>/auth-callback/<host>?code=…&state=…` through its URI
 * handler — also in the browser and remote windows, where `asExternalUri` made the redirect reach
 * VS Code. Only a redirect whose `state` matches a sign-in this window started, that arrives at
 * that sign-in's own path and whose `iss` (RFC 9207, when sent) is that Zendesk, is accepted.
 */
export class OAuthCallbacks implements vscode.UriHandler {
  private readonly pending = new Set<Pending>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** The redirect URI to send to the Zendesk at `origin`, as this window can receive it. */
  static async redirectUri(extensionId: string, origin: string): Promise<string> {
    const local = vscode.Uri.parse(`${vscode.env.uriScheme}://${extensionId}${callbackPath(origin)}`);
    return (await vscode.env.asExternalUri(local)).toString(true);
  }

  /** Resolves with the redirect for `state` from `origin`, or undefined if cancelled or after `timeoutMs`. */
  wait(state: string, origin: string, token: vscode.CancellationToken, timeoutMs: number): Promise<AuthorizationResult | undefined> {
    return new Promise((resolve) => {
      const finish = (result: AuthorizationResult | undefined): void => {
        clearTimeout(timer);
        subscription.dispose();
        this.pending.delete(entry);
        resolve(result);
      };
      const entry: Pending = { state, origin, resolve: finish };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      const subscription = token.onCancellationRequested(() => finish(undefined));
      this.pending.add(entry);
    });
  }

  handleUri(uri: vscode.Uri): void {
    if (uri.path !== CALLBACK_PATH && !uri.path.startsWith(`${CALLBACK_PATH}/`)) {
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
    // The answer belongs to this sign-in (its state), but it must also come from its Zendesk.
    if (uri.path !== callbackPath(entry.origin)) {
      const from = uri.path.slice(CALLBACK_PATH.length + 1) || '?';
      this.log.warn(`refused a sign-in redirect at ${uri.path}: the sign-in in progress is for ${entry.origin}; nothing is exchanged`);
      entry.resolve({ refused: { reason: 'origin', from } });
      return;
    }
    const issuer = params.get('iss');
    if (issuer !== null && issuerOrigin(issuer) !== entry.origin) {
      this.log.warn(`refused a sign-in redirect whose issuer is not ${entry.origin}; nothing is exchanged`);
      entry.resolve({ refused: { reason: 'issuer', from: issuer } });
      return;
    }
    entry.resolve({
      code: params.get('code') ?? undefined,
      error: params.get('error') ?? undefined,
      errorDescription: params.get('error_description') ?? undefined,
    });
  }
}

/**
 * The origin an `iss` value names (RFC 9207: the issuer identifier, an https URL), or undefined.
 * Zendesk documents no issuer identifier, so any path it may carry is not compared: the origin is
 * what tells one Zendesk from another.
 */
function issuerOrigin(issuer: string): string | undefined {
  try {
    return new URL(issuer).origin;
  } catch {
    return undefined;
  }
}
