import * as vscode from 'vscode';
import type { CallOptions, WaitNotice } from '../zendesk';
import { Cancelled } from './pickers';

/**
 * Runs one Zendesk write under a cancellable progress notification. While Zendesk makes it wait
 * (rate limit, outage) the notification says so and for how long; Cancel aborts the wait and the
 * request at once. A write cancelled in flight may still have happened, so `cancelled` runs
 * (it refreshes what the tree shows) before the command ends quietly.
 */
export function withWaitingProgress<T>(title: string, work: (call: CallOptions) => Promise<T>, cancelled?: () => void): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    try {
      return await work({ signal: abort.signal, onWait: (notice) => progress.report({ message: waitMessage(notice) }) });
    } catch (error) {
      if (abort.signal.aborted) {
        cancelled?.();
        throw new Cancelled();
      }
      throw error;
    } finally {
      subscription.dispose();
    }
  }));
}

function waitMessage(notice: WaitNotice): string {
  const seconds = Math.max(1, Math.round(notice.waitMs / 1000));
  return notice.reason === 'rateLimited' || notice.reason === 'paced'
    ? vscode.l10n.t('Zendesk is rate limiting; waiting {0} s (Cancel stops it)', seconds)
    : vscode.l10n.t('Zendesk did not answer ({0}); retrying in {1} s (Cancel stops it)', notice.status ?? notice.reason, seconds);
}
