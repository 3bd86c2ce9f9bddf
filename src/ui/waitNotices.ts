import * as vscode from 'vscode';
import type { WaitNotice } from '../zendesk';
import { literal } from '../outsideText';

/**
 * When Zendesk makes us wait (rate limit, outage, pacing), say so in the status bar for exactly
 * as long as the wait lasts, so a slow action never looks frozen.
 */
export function showWaitNotice(origin: string, notice: WaitNotice): void {
  const seconds = Math.max(1, Math.round(notice.waitMs / 1000));
  const host = literal(new URL(origin).host);
  const text = notice.reason === 'rateLimited' || notice.reason === 'paced'
    ? vscode.l10n.t('$(watch) Zendesk ({0}) rate limit: waiting {1} s', host, seconds)
    : vscode.l10n.t('$(sync~spin) Zendesk ({0}) did not answer ({1}); retrying in {2} s', host, notice.status ?? notice.reason, seconds);
  vscode.window.setStatusBarMessage(text, notice.waitMs);
}
