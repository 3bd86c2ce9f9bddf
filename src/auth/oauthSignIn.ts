import * as vscode from 'vscode';
import { OAuthCallbacks } from './oauthCallbacks';
import { createPkcePair, createState } from './pkce';
import { ZendeskTokenEndpoint, authorizationUrl } from '../zendesk';
import type { CommandContext } from '../commands/context';
import { Cancelled } from '../ui/pickers';
import { ask, completeSignIn, requireNonEmpty, signedInMessage } from '../ui/signInQuestions';
import { literal } from '../outsideText';

const CONSENT_TIMEOUT_MS = 5 * 60_000;

/** The OAuth client an admin registered in Admin Center: identifier, and a secret if confidential. */
async function askClient(context: CommandContext, origin: string, title: string, redirectUri: string | undefined, secretRequired: boolean) {
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

/**
 * Authorization code with PKCE (S256): the browser shows Zendesk's consent page, the redirect
 * comes back through VS Code's URI handler, `state` is checked, the code is exchanged.
 */
export async function signInWithOAuth(context: CommandContext, callbacks: OAuthCallbacks, origin: string): Promise<string | undefined> {
  const host = literal(new URL(origin).host);
  const title = vscode.l10n.t('Sign in to {0} with OAuth', host);
  const redirectUri = await OAuthCallbacks.redirectUri(context.extensionContext.extension.id, origin);
  const client = await askClient(context, origin, title, redirectUri.split('?')[0], false);
  const pkce = createPkcePair();
  const state = createState();
  const url = authorizationUrl(origin, { ...client, redirectUri, state, codeChallenge: pkce.challenge });
  context.log.info(`opening ${origin}/oauth/authorizations/new for client ${client.clientId}`);

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Allow access in your browser to finish signing in to {0}…', host), cancellable: true },
    async (_progress, token) => {
      const redirect = callbacks.wait(state, origin, token, CONSENT_TIMEOUT_MS);
      if (!await context.prompter.openExternal(url)) {
        throw new Cancelled();
      }
      return redirect;
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

  const endpoint = new ZendeskTokenEndpoint({ baseUrl: origin, logger: context.log, userAgent: context.userAgent });
  const tokens = await endpoint.exchangeCode({ ...client, code: result.code, redirectUri, codeVerifier: pkce.verifier });
  const grant = { kind: 'oauth' as const, ...client, tokens };
  const { account } = await completeSignIn(context, origin, 'oauth', grant, { kind: 'bearer', accessToken: tokens.accessToken });
  await context.prompter.info(signedInMessage(account));
  return origin;
}

/** Client credentials, for service use: the client's own token, no browser. */
export async function signInWithClientCredentials(context: CommandContext, origin: string): Promise<string | undefined> {
  const host = literal(new URL(origin).host);
  const client = await askClient(context, origin, vscode.l10n.t('Sign in to {0} with client credentials', host), undefined, true);
  const endpoint = new ZendeskTokenEndpoint({ baseUrl: origin, logger: context.log, userAgent: context.userAgent });
  const tokens = await endpoint.clientCredentials(client);
  const grant = { kind: 'clientCredentials' as const, ...client, tokens };
  const { account } = await completeSignIn(context, origin, 'clientCredentials', grant, { kind: 'bearer', accessToken: tokens.accessToken });
  await context.prompter.info(signedInMessage(account));
  return origin;
}
