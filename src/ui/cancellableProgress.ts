import * as vscode from 'vscode';
import { Cancelled } from './cancelled';

/**
 * Runs reads that wait on Zendesk under a progress notification with a Cancel button. Cancel
 * aborts the request in flight (the signal goes down to the HTTP call) and ends the command
 * quietly (`Cancelled`); nothing is written, so nothing needs reconciling.
 */
export function withCancellableProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    try {
      return await work(abort.signal);
    } catch (error) {
      if (abort.signal.aborted) {
        throw new Cancelled();
      }
      throw error;
    } finally {
      subscription.dispose();
    }
  }));
}
