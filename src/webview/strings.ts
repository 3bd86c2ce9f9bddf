// Every string the webview shows, in one place. They go through @vscode/l10n, configured with the
// bundle the host sends (vscode.l10n.bundle), so the panel speaks the language of the rest of
// VS Code. Getters, not constants: the bundle arrives after this module has loaded.
import * as l10n from '@vscode/l10n';
import { countMessages } from '../countMessages';
import type { ItemChange, ItemOutcome, OperationSummary } from '../jobs/panelProtocol';

export const strings = {
  get emptyTitle() { return l10n.t('No bulk operations yet'); },
  get emptyHint() { return l10n.t('Adding or removing many memberships at once runs as Zendesk background jobs. Their progress and results appear here.'); },
  get operationsLabel() { return l10n.t('Bulk operations'); },
  get retryFailed() { return l10n.t('Retry failed items'); },
  get undo() { return l10n.t('Undo…'); },
  get retried() { return l10n.t('Failed items were retried in a new operation.'); },
  get waitingForSignIn() { return l10n.t('Sign in to this account to continue.'); },
  get resume() { return l10n.t('Resume'); },
  paused: (reason: 'rateLimited' | 'unavailable', since: string) => (reason === 'rateLimited'
    ? l10n.t('Paused: Zendesk has been rate limiting since {0}.', since)
    : l10n.t('Paused: Zendesk has been unavailable since {0}.', since)),
  get exportResults() { return l10n.t('Export results'); },
  get cancelPending() { return l10n.t('Cancel pending'); },
  get cancelNote() { return l10n.t('Jobs already submitted to Zendesk cannot be cancelled.'); },
  get loadingItems() { return l10n.t('Loading items…'); },
  get noItems() { return l10n.t('This operation has no items.'); },
  get previousPage() { return l10n.t('Previous'); },
  get nextPage() { return l10n.t('Next'); },
  get columnUser() { return l10n.t('User'); },
  get columnOrganization() { return l10n.t('Organization'); },
  get columnOutcome() { return l10n.t('Outcome'); },
  get columnDetail() { return l10n.t('Detail'); },
  get showItems() { return l10n.t('Show items'); },
  get hideItems() { return l10n.t('Hide items'); },
  get queueTitle() { return l10n.t("Zendesk's job queue"); },
  get queueEmpty() { return l10n.t('No recent jobs.'); },
  get queueFull() { return l10n.t('The account is at its limit: new bulk jobs wait until some of these finish.'); },
  get columnJob() { return l10n.t('Job'); },
  get columnStatus() { return l10n.t('Status'); },
  get columnProgress() { return l10n.t('Progress'); },
  get columnFrom() { return l10n.t('From'); },
  get columnMessage() { return l10n.t('Message'); },
  get jobOurs() { return l10n.t('this extension'); },
  get jobTheirs() { return l10n.t('another integration'); },
  /** "12 of 30 queued or running: 10 ours, 2 from other integrations" (numbers formatted; `complete` false: "at least"). */
  queueUsage: (active: string, limit: string, ours: string, others: string, complete: boolean) => (complete
    ? l10n.t('{0} of {1} queued or running: {2} ours, {3} from other integrations', active, limit, ours, others)
    : l10n.t('At least {0} of {1} queued or running: {2} ours, {3} from other integrations', active, limit, ours, others)),
  queueUnavailable: (reason: string) => l10n.t("Zendesk's job list could not be read: {0}", reason),
  queueChecked: (time: string) => l10n.t('(checked at {0})', time),
  jobProgress: (progress: string, total: string) => l10n.t('{0} of {1}', progress, total),
  jobStatus(status: string): string {
    switch (status) {
      case 'queued': return l10n.t('Queued');
      case 'working': return l10n.t('Running');
      case 'completed': return l10n.t('Completed');
      case 'failed': return l10n.t('Failed');
      case 'killed': return l10n.t('Killed');
      default: return status;
    }
  },
  status(summary: OperationSummary): string {
    switch (summary.state) {
      case 'running':
        return summary.paused ? l10n.t('Paused') : l10n.t('Running');
      case 'cancelled':
        return l10n.t('Cancelled');
      case 'completed':
        return summary.counts.failed > 0 ? l10n.t('Completed with failures') : l10n.t('Completed');
    }
  },
  /** "242 added"; a move, sync or undo counts what each item did: "3 added, 2 removed, 1 made default". */
  succeeded(summary: Pick<OperationSummary, 'kind' | 'counts' | 'succeededBy'>, number: (value: number) => string): string {
    if (summary.kind === 'add') return l10n.t('{0} added', number(summary.counts.succeeded));
    if (summary.kind === 'remove') return l10n.t('{0} removed', number(summary.counts.succeeded));
    const { add, remove, makeDefault } = summary.succeededBy;
    const parts = [
      add > 0 ? l10n.t('{0} added', number(add)) : '',
      remove > 0 ? l10n.t('{0} removed', number(remove)) : '',
      makeDefault > 0 ? l10n.t('{0} made default', number(makeDefault)) : '',
    ].filter(Boolean);
    return parts.length ? parts.join(', ') : l10n.t('{0} changed', number(0));
  },
  failed: (count: string) => l10n.t('{0} failed', count),
  pending: (count: string) => l10n.t('{0} pending', count),
  cancelled: (count: string) => l10n.t('{0} cancelled', count),
  processed: (processed: string, total: string) => l10n.t('{0} of {1} processed', processed, total),
  progressLabel: (title: string) => l10n.t('Progress of {0}', title),
  duration: (duration: string, running: boolean) => (running ? l10n.t('running for {0}', duration) : l10n.t('took {0}', duration)),
  tableCaption: countMessages.itemsCaption,
  pageOf: (page: string, pageCount: string) => l10n.t('Page {0} of {1}', page, pageCount),
  outcome(change: ItemChange, outcome: ItemOutcome): string {
    switch (outcome) {
      case 'succeeded':
        return change === 'add' ? l10n.t('Added') : change === 'remove' ? l10n.t('Removed') : l10n.t('Made default');
      case 'failed':
        return l10n.t('Failed');
      case 'pending':
        return l10n.t('Pending');
      case 'submitted':
        return l10n.t('Submitted');
      case 'cancelled':
        return l10n.t('Cancelled');
    }
  },
};

/** Called with the host's bundle before the first render; no bundle means English. */
export function useTranslations(bundle: Record<string, string> | undefined): void {
  if (bundle) {
    l10n.config({ contents: bundle });
  }
}
