import * as vscode from 'vscode';
import { apiTokenSunset } from '../auth/apiTokenSunset';
import { isZendeskError } from '../zendesk';
import type { CommandContext } from './context';
import { ask, completeSignIn, requireNonEmpty, signedInMessage, sunsetText } from '../ui/signInQuestions';
import { literal } from '../outsideText';

/** Legacy: email + API token (Basic auth). Zendesk stops accepting API tokens on 2027-04-30. */
export async function signInWithApiToken(context: CommandContext, origin: string): Promise<string | undefined> {
  const host = literal(new URL(origin).host);
  const sunset = apiTokenSunset(Date.now());
  if (sunset.level === 'ended') {
    await context.prompter.error(vscode.l10n.t('Zendesk stopped accepting API tokens on 30 April 2027. Sign in with OAuth instead.'));
    return undefined;
  }
  const email = await ask(context, {
    title: vscode.l10n.t('Sign in to {0} with an API token (legacy)', host),
    prompt: vscode.l10n.t('The email address of your Zendesk user'),
    placeHolder: 'you@example.com',
    value: context.accounts.hint(origin)?.email,
    validateInput: (text) => (/^[^\s@]+@[^\s@]+$/.test(text.trim()) ? undefined : vscode.l10n.t('Enter an email address.')),
  });
  const token = await ask(context, {
    title: vscode.l10n.t('Sign in to {0} with an API token (legacy)', host),
    prompt: vscode.l10n.t('API token (Admin Center → Apps and integrations → APIs → Zendesk API). Zendesk stops accepting API tokens on {0}.', sunsetText()),
    password: true,
    validateInput: requireNonEmpty(vscode.l10n.t('API token')),
  });
  const credentials = { kind: 'apiToken' as const, email, token };
  try {
    const { account } = await completeSignIn(context, origin, 'apiToken', credentials, credentials);
    const notice = vscode.l10n.t('API tokens stop working on {0}: switch to OAuth before then (Zendesk: Sign In… → OAuth).', sunsetText());
    if (sunset.level === 'info') {
      await context.prompter.info(`${signedInMessage(account)} ${notice}`);
    } else {
      await context.prompter.warn(`${signedInMessage(account)} ${notice}`);
    }
    return origin;
  } catch (error) {
    if (isZendeskError(error) && error.status === 401) {
      await context.prompter.error(vscode.l10n.t("Zendesk at {0} didn't accept that email and API token.", host));
      return undefined;
    }
    throw error;
  }
}
