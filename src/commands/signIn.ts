import * as vscode from 'vscode';
import { apiTokenSunset } from '../auth/apiTokenSunset';
import type { AuthMethod } from '../auth/accounts';
import type { OAuthCallbacks } from '../auth/oauthCallbacks';
import { ZendeskInputError, baseUrlFromUserInput } from '../zendesk';
import type { CommandContext, CommandDefinition } from './context';
import { describeInputError } from '../ui/inputErrors';
import { Cancelled } from '../ui/pickers';
import { signInWithApiToken } from './signInApiToken';
import { signInWithClientCredentials, signInWithOAuth } from '../auth/oauthSignIn';
import { ask, sunsetText } from '../ui/signInQuestions';
import { literal } from '../outsideText';

function validateAddress(text: string): string | undefined {
  if (text.trim() === '') {
    return vscode.l10n.t('Enter your Zendesk address, for example acme or acme.zendesk.com.');
  }
  try {
    baseUrlFromUserInput(text);
    return undefined;
  } catch (error) {
    return error instanceof ZendeskInputError ? describeInputError(error) : literal(String(error), 500);
  }
}

/**
 * Sign In: the Zendesk address, then how — OAuth (the way in since Zendesk retires API tokens),
 * client credentials for service use, or a legacy API token. Credentials are checked with
 * GET /api/v2/users/me before anything is stored, and kept in SecretStorage under the origin.
 */
export function createSignIn(callbacks: OAuthCallbacks): CommandDefinition {
  return {
    id: 'zendesk.signIn',
    action: vscode.l10n.t('sign in'),
    async run(context: CommandContext, options?: unknown) {
      const suggested = (options as { origin?: string } | undefined)?.origin;
      const address = await ask(context, {
        title: vscode.l10n.t('Sign in to Zendesk'),
        prompt: vscode.l10n.t('Your Zendesk address'),
        placeHolder: vscode.l10n.t('acme, acme.zendesk.com or https://support.acme.com'),
        value: suggested,
        validateInput: validateAddress,
      });
      const origin = baseUrlFromUserInput(address);
      const method = await pickMethod(context, origin);
      switch (method) {
        case 'oauth': return signInWithOAuth(context, callbacks, origin);
        case 'clientCredentials': return signInWithClientCredentials(context, origin);
        case 'apiToken': return signInWithApiToken(context, origin);
      }
    },
  };
}

async function pickMethod(context: CommandContext, origin: string): Promise<AuthMethod> {
  const previous = context.accounts.hint(origin)?.method;
  const ended = apiTokenSunset(Date.now()).level === 'ended';
  const items: Array<vscode.QuickPickItem & { method: AuthMethod }> = [
    { method: 'oauth', label: `$(key) ${vscode.l10n.t('OAuth (recommended)')}`, detail: vscode.l10n.t('Allow access in your browser, with an OAuth client registered in Admin Center') },
    { method: 'clientCredentials', label: `$(server) ${vscode.l10n.t('OAuth client credentials')}`, detail: vscode.l10n.t('For service use: a confidential client\'s identifier and secret, no browser') },
    {
      method: 'apiToken',
      label: `$(warning) ${vscode.l10n.t('API token (legacy)')}`,
      detail: ended
        ? vscode.l10n.t('Zendesk stopped accepting API tokens on 30 April 2027')
        : vscode.l10n.t('Email and API token — Zendesk stops accepting API tokens on {0}', sunsetText()),
    },
  ];
  const picked = await context.prompter.pick(
    previous ? [...items].sort((a, b) => Number(b.method === previous) - Number(a.method === previous)) : items,
    { title: vscode.l10n.t('Sign in to {0}', literal(new URL(origin).host)), placeHolder: vscode.l10n.t('How do you want to sign in?') },
  );
  if (!picked) {
    throw new Cancelled();
  }
  return picked.method;
}
