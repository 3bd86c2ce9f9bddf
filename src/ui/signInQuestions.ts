import * as vscode from 'vscode';
import { apiTokenSunset } from '../auth/apiTokenSunset';
import type { Account, AuthMethod, StoredCredentials } from '../auth/accounts';
import { createZendeskClient } from '../zendesk';
import type { Credentials, User } from '../zendesk';
import type { CommandContext } from '../commands/context';
import { Cancelled } from './pickers';
import { literal } from '../outsideText';
import { countMessages } from '../countMessages';

/** Asks one question of the sign-in; dismissing it cancels the sign-in. */
export async function ask(context: CommandContext, options: vscode.InputBoxOptions): Promise<string> {
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

/**
 * The last step of every method: ask Zendesk who these credentials belong to
 * (GET /api/v2/users/me), and only then store them and list the account.
 */
export async function completeSignIn(
  context: CommandContext, origin: string, method: AuthMethod, credentials: StoredCredentials, checkWith: Credentials,
): Promise<{ account: Account; me: User }> {
  const host = literal(new URL(origin).host);
  const client = createZendeskClient({ baseUrl: origin, credentials: checkWith, logger: context.log, userAgent: context.userAgent });
  const me = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the credentials with {0}…', host) },
    () => client.showCurrentUser(),
  );
  const account: Account = {
    origin, method, userId: me.id, userName: me.name, email: me.email ?? '', role: me.role ?? 'unknown',
  };
  await context.accounts.save(account, credentials);
  context.log.info(`Signed in to ${origin} as user ${me.id} (${me.role ?? 'unknown role'}) with ${method}`);
  return { account, me };
}

/** @literalText */
export function signedInMessage(account: Account): string {
  const how = account.method === 'oauth' ? vscode.l10n.t('OAuth') : account.method === 'clientCredentials' ? vscode.l10n.t('OAuth client credentials') : vscode.l10n.t('an API token');
  return vscode.l10n.t('Signed in to {0} as {1} ({2}, {3}) with {4}.', literal(new URL(account.origin).host), literal(account.userName), literal(account.email), literal(account.role), how);
}
