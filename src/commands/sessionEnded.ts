import * as vscode from 'vscode';
import type { SessionEndedError } from '../auth/oauthSession';
import type { CommandContext } from './context';

/**
 * Zendesk refused the refresh token (revoked, expired, rotated away): the account is signed out
 * and the user sees one prompt to sign in again, however many requests were in flight.
 */
export async function sessionEnded(context: CommandContext, error: SessionEndedError): Promise<void> {
  context.log.warn(`OAuth session for ${error.origin} ended: ${error.reason}`);
  await context.accounts.remove(error.origin);
  const signIn = vscode.l10n.t('Sign In');
  const choice = await context.prompter.error(
    vscode.l10n.t('Your Zendesk session for {0} has ended ({1}). Sign in again to continue.', new URL(error.origin).host, error.reason),
    signIn,
  );
  if (choice === signIn) {
    await vscode.commands.executeCommand('zendesk.signIn', { origin: error.origin });
  }
}
