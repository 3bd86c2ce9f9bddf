// Checks on what the jobs webview sends, and the rules for which actions an operation offers.
// No `vscode` import: the host, the webview bundle and plain mocha tests all use this file.
import type { OperationSummary, WebviewMessage } from './model';

/** Operation ids are ours (short); anything longer is not one of them. */
const MAX_OPERATION_ID_LENGTH = 200;

/**
 * The message as the protocol defines it, rebuilt from known fields only, or undefined for
 * anything else. The webview is treated as untrusted input.
 */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined;
  }
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'expand':
    case 'collapse':
    case 'retryFailed':
    case 'export':
    case 'cancel':
    case 'resume': {
      const operationId = message.operationId;
      return isOperationId(operationId) ? { type: message.type, operationId } : undefined;
    }
    default:
      return undefined;
  }
}

export function isOperationId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_OPERATION_ID_LENGTH;
}

/** Retrying makes sense once nothing of the operation is still moving, something failed, and no retry took it yet. */
export function canRetryFailed(summary: Pick<OperationSummary, 'state' | 'counts' | 'retriedBy'>): boolean {
  return summary.state !== 'running' && summary.counts.failed > 0 && !summary.retriedBy;
}

/** Only chunks not yet sent can be cancelled; Zendesk has no way to stop a submitted job. */
export function canCancel(summary: OperationSummary): boolean {
  return summary.state === 'running' && summary.cancellable;
}

/** A paused operation offers Resume (only while it is running: a finished one has nothing to resume). */
export function canResume(summary: Pick<OperationSummary, 'state' | 'paused'>): boolean {
  return summary.state === 'running' && summary.paused !== undefined;
}

export function runningCount(summaries: readonly OperationSummary[]): number {
  return summaries.filter((summary) => summary.state === 'running').length;
}
