import * as vscode from 'vscode';
import { apiTokenSunset } from '../auth/apiTokenSunset';
import type { Account } from '../auth/accounts';
import type { OAuthClient } from '../auth/oauthSignIn';
import type { UiContext } from './uiContext';
import { Cancelled } from './pickers';
import { literal } from '../outsideText';
import { withCancellableProgress } from './cancellableProgress';
import { countMessages } from '../countMessages';

/** Asks one question of the sign-in; dismissing it cancels the sign-in. */
export async function ask(context: UiContext, options: vscode.InputBoxOptions): Promise<string> {
  const answer = await context.prompter.input(options);
  if (answer === undefined) {
    throw new Cancelled();
  }
  return answer.trim();
}

/** A validator for a required answer ("Enter the client secret."). @literalText */
export function requireNonEmpty(what: string): (text: string) => string | undefined {
  return (text) => (text.trim() ? undefined : vscode.l10n.t('Enter the {0}.', what));
}

/** "30 April 2027 (in 153 days)" — the date API tokens stop working, and how far off it is. @literalText */
export function sunsetText(now: number = Date.now()): string {
  const { daysLeft } = apiTokenSunset(now);
  return countMessages.sunsetDate(daysLeft);
}

/** @literalText */
export function signedInMessage(account: Account): string {
  const how = account.method === 'oauth' ? vscode.l10n.t('OAuth') : account.method === 'clientCredentials' ? vscode.l10n.t('OAuth client credentials') : vscode.l10n.t('an API token');
  return vscode.l10n.t('Signed in to {0} as {1} ({2}, {3}) with {4}.', literal(new URL(account.origin).host), literal(account.userName), literal(account.email), literal(account.role), how);
}

/** The OAuth client an admin registered in Admin Center: identifier, and a secret if confidential. */
export async function askClient(context: UiContext, origin: string, title: string, redirectUri: string | undefined, secretRequired: boolean): Promise<OAuthClient> {
  const clientId = await ask(context, {
    title,
    prompt: redirectUri
      ? vscode.l10n.t('Identifier of the OAuth client (Admin Center → Apps and integrations → APIs → OAuth clients). Its redirect URLs must include {0}', literal(redirectUri, 500))
      : vscode.l10n.t('Identifier of the OAuth client (Admin Center → Apps and integrations → APIs → OAuth clients)'),
    value: context.accounts.hint(origin)?.clientId,
    validateInput: requireNonEmpty(vscode.l10n.t('client identifier')),
  });
  const clientSecret = await ask(context, {
    title,
    prompt: secretRequired
      ? vscode.l10n.t("The client's secret. It is kept in VS Code's secret storage.")
      : vscode.l10n.t('The client\'s secret if it is a confidential client; leave empty for a public client (PKCE). It is kept in VS Code\'s secret storage.'),
    password: true,
    validateInput: secretRequired ? requireNonEmpty(vscode.l10n.t('client secret')) : undefined,
  });
  return { clientId, clientSecret: clientSecret || undefined };
}

/** The email of a Zendesk user and their API token (legacy). */
export async function askApiToken(context: UiContext, origin: string): Promise<{ email: string; token: string }> {
  const title = vscode.l10n.t('Sign in to {0} with an API token (legacy)', literal(new URL(origin).host));
  const email = await ask(context, {
    title,
    prompt: vscode.l10n.t('The email address of your Zendesk user'),
    placeHolder: 'you@example.com',
    value: context.accounts.hint(origin)?.email,
    validateInput: (text) => (/^[^\s@]+@[^\s@]+$/.test(text.trim()) ? undefined : vscode.l10n.t('Enter an email address.')),
  });
  const token = await ask(context, {
    title,
    prompt: vscode.l10n.t('API token (Admin Center → Apps and integrations → APIs → Zendesk API). Zendesk stops accepting API tokens on {0}.', sunsetText()),
    password: true,
    validateInput: requireNonEmpty(vscode.l10n.t('API token')),
  });
  return { email, token };
}

/** Runs the credentials check under a progress notification naming the address; Cancel stops it before anything is stored. */
export function whileChecking<T>(origin: string, check: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return withCancellableProgress(vscode.l10n.t('Checking the credentials with {0}…', literal(new URL(origin).host)), check);
}
