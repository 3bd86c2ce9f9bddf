// Every string the webview shows, in one place. The host localizes its own strings with
// vscode.l10n; the webview has no l10n bundle yet, so these are English for now.
import type { BulkKind, ItemOutcome, OperationSummary } from '../jobs/model';

export const strings = {
  emptyTitle: 'No bulk operations yet',
  emptyHint: 'Adding or removing many memberships at once runs as Zendesk background jobs. Their progress and results appear here.',
  operationsLabel: 'Bulk operations',
  retryFailed: 'Retry failed items',
  retried: 'Failed items were retried in a new operation.',
  waitingForSignIn: 'Sign in to this account to continue.',
  exportResults: 'Export results',
  cancelPending: 'Cancel pending',
  cancelNote: 'Jobs already submitted to Zendesk cannot be cancelled.',
  loadingItems: 'Loading items…',
  noItems: 'This operation has no items.',
  previousPage: 'Previous',
  nextPage: 'Next',
  columnUser: 'User',
  columnOrganization: 'Organization',
  columnOutcome: 'Outcome',
  columnDetail: 'Detail',
  showItems: 'Show items',
  hideItems: 'Hide items',
  status(summary: OperationSummary): string {
    switch (summary.state) {
      case 'running':
        return 'Running';
      case 'cancelled':
        return 'Cancelled';
      case 'completed':
        return summary.counts.failed > 0 ? 'Completed with failures' : 'Completed';
    }
  },
  succeeded: (kind: BulkKind, count: string) => (kind === 'add' ? `${count} added` : `${count} removed`),
  failed: (count: string) => `${count} failed`,
  pending: (count: string) => `${count} pending`,
  cancelled: (count: string) => `${count} cancelled`,
  processed: (processed: string, total: string) => `${processed} of ${total} processed`,
  progressLabel: (title: string) => `Progress of ${title}`,
  duration: (duration: string, running: boolean) => (running ? `running for ${duration}` : `took ${duration}`),
  tableCaption: (first: string, last: string, total: string, failed: number, failedText: string) =>
    `Items ${first}–${last} of ${total}` + (failed > 0 ? `, ${failedText} failed listed first` : ''),
  pageOf: (page: string, pageCount: string) => `Page ${page} of ${pageCount}`,
  outcome(kind: BulkKind, outcome: ItemOutcome): string {
    switch (outcome) {
      case 'succeeded':
        return kind === 'add' ? 'Added' : 'Removed';
      case 'failed':
        return 'Failed';
      case 'pending':
        return 'Pending';
      case 'submitted':
        return 'Submitted';
      case 'cancelled':
        return 'Cancelled';
    }
  },
};
