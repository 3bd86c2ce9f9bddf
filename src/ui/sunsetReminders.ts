import * as vscode from 'vscode';
import type { AccountStore } from '../auth/accounts';
import { apiTokenSunset } from '../auth/apiTokenSunset';
import { literal } from '../outsideText';
import { countMessages } from '../countMessages';
import { CommandIds } from '../commandIds';

const REMINDED_KEY = 'zendesk.apiTokenRemindedAt';
const DAY_MS = 86_400_000;

/** The line above the tree while an account still uses an API token (empty otherwise). */
export function apiTokenViewMessage(accounts: AccountStore, now: number = Date.now()): string | undefined {
  const legacy = accounts.list().filter((account) => account.method === 'apiToken');
  if (legacy.length === 0) {
    return undefined;
  }
  const hosts = legacy.map((account) => new URL(account.origin).host).join(', ');
  const { level, daysLeft } = apiTokenSunset(now);
  return level === 'ended'
    ? vscode.l10n.t('Zendesk no longer accepts API tokens ({0}). Sign in again with OAuth.', hosts)
    : countMessages.apiTokenViewMessage(hosts, daysLeft);
}

/**
 * A reminder that grows as 2027-04-30 nears: weekly within 90 days, daily within 30, and an error
 * (with a way to sign in with OAuth) once API tokens have stopped working. Nothing further off.
 */
export async function remindAboutApiTokens(accounts: AccountStore, state: vscode.Memento, now: number = Date.now()): Promise<void> {
  const legacy = accounts.list().find((account) => account.method === 'apiToken');
  const { level, daysLeft } = apiTokenSunset(now);
  if (!legacy || level === 'info') {
    return;
  }
  const interval = level === 'warning' ? 7 * DAY_MS : DAY_MS;
  if (level !== 'ended' && now - state.get<number>(REMINDED_KEY, 0) < interval) {
    return;
  }
  await state.update(REMINDED_KEY, now);
  const signIn = vscode.l10n.t('Sign In with OAuth');
  const host = literal(new URL(legacy.origin).host);
  const choice = level === 'ended'
    ? await vscode.window.showErrorMessage(vscode.l10n.t('Zendesk stopped accepting API tokens on 30 April 2027, so {0} cannot be reached with the stored token. Sign in with OAuth.', host), signIn)
    : await vscode.window.showWarningMessage(countMessages.apiTokenReminder(daysLeft, host), signIn);
  if (choice === signIn) {
    await vscode.commands.executeCommand(CommandIds.signIn, { origin: legacy.origin });
  }
}
