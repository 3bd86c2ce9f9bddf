import * as vscode from 'vscode';
import { NotSignedInError } from '../auth/clients';
import { SecretStorageUnavailableError } from '../auth/accounts';
import { SessionEndedError } from '../auth/oauthSession';
import { ZendeskInputError, isAlreadyMemberError, isZendeskError, plainHttpSuggestion } from '../zendesk';
import type { UiContext } from './uiContext';
import { describeInputError } from './inputErrors';
import { NoAccountError } from './pickers';
import { literal } from '../outsideText';
import { CommandIds } from '../commandIds';

export type FailureChoice = 'retry' | undefined;

/**
 * Turns any failure into a message that says what to do, logs it (the HTTP layer has already
 * redacted credentials) and returns 'retry' when the user asked to try again.
 */
export async function reportFailure(context: UiContext, action: string, error: unknown): Promise<FailureChoice> {
  const { prompter, log } = context;
  const retry = vscode.l10n.t('Retry');
  const signIn = vscode.l10n.t('Sign In');
  const showLog = vscode.l10n.t('Show Log');
  // Error texts may come from Zendesk or the network; long ones are cut, not dropped.
  const shown = (text: string) => literal(text, 500);
  const what = literal(action);
  log.error(`${action} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);

  if (error instanceof SessionEndedError) {
    return undefined; // its one prompt has been shown (sessionEnded.ts)
  }
  if (error instanceof ZendeskInputError) {
    await prompter.warn(describeInputError(error));
    return undefined;
  }
  if (isAlreadyMemberError(error)) {
    await prompter.info(vscode.l10n.t('The user is already a member of that organization.'));
    return undefined;
  }
  if (error instanceof SecretStorageUnavailableError) {
    await prompter.error(shown(error.message));
    return undefined;
  }
  if (error instanceof NoAccountError) {
    if (await prompter.error(shown(error.message), signIn) === signIn) {
      await vscode.commands.executeCommand(CommandIds.signIn);
    }
    return undefined;
  }
  if (error instanceof NotSignedInError) {
    if (await prompter.error(shown(error.message), signIn) === signIn) {
      await vscode.commands.executeCommand(CommandIds.signIn, { origin: error.origin });
    }
    return undefined;
  }
  if (!isZendeskError(error)) {
    const choice = await prompter.error(vscode.l10n.t("Couldn't {0}: {1}", what, shown(error instanceof Error ? error.message : String(error))), showLog);
    if (choice === showLog) {
      log.show(true);
    }
    return undefined;
  }
  switch (true) {
    case error.status === 401: {
      const choice = await prompter.error(vscode.l10n.t('Zendesk at {0} no longer accepts the stored credentials. Sign in again.', literal(error.origin ?? '')), signIn);
      if (choice === signIn) {
        await vscode.commands.executeCommand(CommandIds.signIn, { origin: error.origin });
      }
      return undefined;
    }
    case error.code === 'Redirected': {
      // Zendesk's API answers; it does not redirect. The address leads somewhere else (often a help center).
      const choice = await prompter.error(vscode.l10n.t(
        "{0} redirected the request instead of answering it, so it is probably not the right Zendesk address. Sign in again with the account's zendesk.com address.",
        literal(error.origin ?? ''),
      ), signIn);
      if (choice === signIn) {
        await vscode.commands.executeCommand(CommandIds.signIn);
      }
      return undefined;
    }
    case error.code === 'TlsError': {
      // The message says what was wrong with the secure connection; for a sandbox typed without
      // http://, Sign In opens with the address to use.
      const suggestion = error.origin ? plainHttpSuggestion(error.tls, error.origin) : undefined;
      const choice = await prompter.error(shown(error.message), ...(suggestion ? [signIn] : [showLog]));
      if (choice === signIn) {
        await vscode.commands.executeCommand(CommandIds.signIn, { origin: suggestion });
      } else if (choice === showLog) {
        log.show(true);
      }
      return undefined;
    }
    case error.status === 403:
      await prompter.error(vscode.l10n.t("Your Zendesk role can't {0}. Ask a Zendesk admin. ({1})", what, shown(error.message)));
      return undefined;
    case error.status === 404:
      await prompter.warn(vscode.l10n.t("Couldn't {0}: it no longer exists in Zendesk. The view was refreshed.", what));
      return undefined;
    case error.status === 429:
      return choose(await prompter.warn(error.retryAfter !== undefined
        ? vscode.l10n.t('Zendesk is rate limiting requests; it asked to wait {0} s. Try again then.', Math.ceil(error.retryAfter))
        : vscode.l10n.t('Zendesk is rate limiting requests. Try again in a minute.'), retry), retry);
    case error.status === 0:
      return choose(await prompter.error(vscode.l10n.t("Couldn't reach Zendesk to {0}: {1}. Check the network or proxy, then retry.", what, shown(error.message)), retry), retry);
    default: {
      const choice = await prompter.error(vscode.l10n.t("Couldn't {0}: {1}", what, shown(error.message)), retry, showLog);
      if (choice === showLog) {
        log.show(true);
      }
      return choose(choice, retry);
    }
  }
}

function choose(choice: string | undefined, retry: string): FailureChoice {
  return choice === retry ? 'retry' : undefined;
}
