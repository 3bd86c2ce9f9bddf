import * as vscode from 'vscode';
import { apiTokenSunset } from '../auth/apiTokenSunset';
import type { AuthMethod } from '../auth/accounts';
import { OAuthCallbacks } from '../auth/oauthCallbacks';
import { AuthorizationCodeSignIn, clientCredentialsGrant } from '../auth/oauthSignIn';
import { checkAndSave } from '../auth/signInCheck';
import { CommandIds } from '../commandIds';
import { ZendeskInputError, baseUrlFromUserInput, isZendeskError } from '../zendesk';
import { type Command, defineCommand, type CommandContext } from './command';
import { describeInputError } from '../ui/inputErrors';
import { Cancelled } from '../ui/pickers';
import { ask, askApiToken, askClient, signedInMessage, sunsetText, whileChecking } from '../ui/signInQuestions';
import { literal } from '../outsideText';

const CONSENT_TIMEOUT_MS = 5 * 60_000;

/** What another command may pass: the address to suggest (after a 401, a TLS problem, an ended session). */
interface SignInOptions {
  origin?: string;
}

function isSignInOptions(value: unknown): value is SignInOptions {
  return typeof value === 'object' && value !== null && (!('origin' in value) || value.origin === undefined || typeof value.origin === 'string');
}

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
export function createSignIn(callbacks: OAuthCallbacks): Command {
  return defineCommand({
    id: CommandIds.signIn,
    action: vscode.l10n.t('sign in'),
    args: ([options]) => (isSignInOptions(options) ? options : {}),
    async run(context, { origin: suggested }) {
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
  });
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

/** The browser shows Zendesk's consent page; its answer comes back through VS Code's URI handler. */
async function signInWithOAuth(context: CommandContext, callbacks: OAuthCallbacks, origin: string): Promise<string | undefined> {
  const host = literal(new URL(origin).host);
  const title = vscode.l10n.t('Sign in to {0} with OAuth', host);
  const redirectUri = await OAuthCallbacks.redirectUri(context.extensionContext.extension.id, origin);
  const client = await askClient(context, origin, title, redirectUri.split('?')[0], false);
  const signIn = new AuthorizationCodeSignIn(origin, client, redirectUri);
  context.log.info(`opening ${origin}/oauth/authorizations/new for client ${client.clientId}`);

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Allow access in your browser to finish signing in to {0}…', host), cancellable: true },
    async (_progress, token) => {
      const answer = signIn.answer(callbacks, token, CONSENT_TIMEOUT_MS);
      if (!await context.prompter.openExternal(signIn.url)) {
        throw new Cancelled();
      }
      return answer;
    },
  );
  if (!result) {
    await context.prompter.warn(vscode.l10n.t('Signing in to {0} was cancelled or took longer than 5 minutes. Run Sign In again.', host));
    return undefined;
  }
  if (result.refused) {
    // OAuth mix-up (RFC 9700 §4.4): a code from another Zendesk must never reach this one's token endpoint.
    await context.prompter.error(vscode.l10n.t(
      'The answer to this sign-in came from {0}, not from {1}, so it was refused and nothing was sent to Zendesk. Run Sign In again; if this repeats, tell your Zendesk admin.',
      literal(result.refused.from), host,
    ));
    return undefined;
  }
  if (result.error || !result.code) {
    const denied = result.error === 'access_denied';
    await context.prompter.error(denied
      ? vscode.l10n.t('Access to {0} was denied on the Zendesk page, so you are not signed in.', host)
      : vscode.l10n.t('Zendesk did not sign you in: {0}', result.errorDescription || result.error ? literal(result.errorDescription || result.error, 500) : vscode.l10n.t('no code came back')));
    return undefined;
  }
  const grant = await signIn.exchange(context, result.code);
  const account = await whileChecking(origin, (signal) => checkAndSave(context, origin, 'oauth', grant, signal));
  await context.prompter.info(signedInMessage(account));
  return origin;
}

/** Client credentials, for service use: the client's own token, no browser. */
async function signInWithClientCredentials(context: CommandContext, origin: string): Promise<string | undefined> {
  const host = literal(new URL(origin).host);
  const client = await askClient(context, origin, vscode.l10n.t('Sign in to {0} with client credentials', host), undefined, true);
  const grant = await clientCredentialsGrant(context, origin, client);
  const account = await whileChecking(origin, (signal) => checkAndSave(context, origin, 'clientCredentials', grant, signal));
  await context.prompter.info(signedInMessage(account));
  return origin;
}

/** Legacy: email + API token (Basic auth). Zendesk stops accepting API tokens on 2027-04-30. */
async function signInWithApiToken(context: CommandContext, origin: string): Promise<string | undefined> {
  const host = literal(new URL(origin).host);
  const sunset = apiTokenSunset(Date.now());
  if (sunset.level === 'ended') {
    await context.prompter.error(vscode.l10n.t('Zendesk stopped accepting API tokens on 30 April 2027. Sign in with OAuth instead.'));
    return undefined;
  }
  const { email, token } = await askApiToken(context, origin);
  try {
    const account = await whileChecking(origin, (signal) => checkAndSave(context, origin, 'apiToken', { kind: 'apiToken', email, token }, signal));
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
