import * as vscode from 'vscode';
import type { SessionEndedError } from '../auth/oauthSession';
import type { UiContext } from './uiContext';
import { literal } from '../outsideText';
import { CommandIds } from '../commandIds';

/**
 * Zendesk refused the refresh token (revoked, expired, rotated away): the account is signed out
 * and the user sees one prompt to sign in again, however many requests were in flight. If another
 * window saved a newer pair meanwhile, the account stays: only its failed requests need repeating.
 */
export async function sessionEnded(context: UiContext, error: SessionEndedError): Promise<void> {
  const host = literal(new URL(error.origin).host);
  context.log.warn(`OAuth session for ${error.origin} ended: ${error.reason}`);
  let renewedElsewhere = false;
  try {
    renewedElsewhere = !await context.accounts.removeIf(error.origin, (stored) => error.isRefusedGrant(stored));
  } catch (failure) {
    // The keyring failed: the refused tokens may stay stored, but the session has still ended.
    context.log.error(`Signing out of ${error.origin} failed: ${failure instanceof Error ? failure.message : String(failure)}`);
  }
  if (renewedElsewhere) {
    context.log.info(`Another window renewed the OAuth session for ${error.origin}: it stays signed in`);
    await context.prompter.warn(vscode.l10n.t('A Zendesk request for {0} failed while another window renewed the session. Try again.', host));
    return;
  }
  const signIn = vscode.l10n.t('Sign In');
  const choice = await context.prompter.error(
    vscode.l10n.t('Your Zendesk session for {0} has ended ({1}). Sign in again to continue.', host, literal(error.reason, 500)),
    signIn,
  );
  if (choice === signIn) {
    await vscode.commands.executeCommand(CommandIds.signIn, { origin: error.origin });
  }
}
