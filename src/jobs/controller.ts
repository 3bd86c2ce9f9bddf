import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { NotSignedInError, type ZendeskClients } from '../auth/clients';
import { SessionEndedError } from '../auth/oauthSession';
import { DEFAULT_MAX_JOBS_IN_FLIGHT } from './defaults';
import { JobEngine } from './engine';
import { FileOperationStore } from './fileOperationStore';
import { NodeOperationFiles } from './operationFiles';
import { History } from './history';
import { JournalFiles } from './journalFile';
import { type BulkKind, BulkOperation, countItems, succeededByChange } from './model';
import type { JobsPanelSource } from './panel';
import { itemRows, summarize } from './summaries';
import { literal } from '../outsideText';
import { countMessages } from '../countMessages';
import { CommandIds } from '../commandIds';

/**
 * The job engine in VS Code: persisted in globalState and globalStorageUri, limited by `zendesk.bulk.maxJobsInFlight`,
 * a status-bar item while operations run, and a notification with counts when one finishes.
 */
export class JobsController implements vscode.Disposable, JobsPanelSource {
  readonly engine: JobEngine;
  /** What the extension changed, per account (journal/ under globalStorageUri). */
  readonly history: History;
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly statusItem: vscode.StatusBarItem;
  private readonly subscriptions: Array<{ dispose(): unknown }> = [];
  private disposed = false;
  private readonly store: FileOperationStore;

  constructor(
    context: vscode.ExtensionContext,
    clients: ZendeskClients,
    private readonly log: vscode.LogOutputChannel,
    private readonly showDetails: (operationId: string) => void,
  ) {
    const windowId = windowIdOf(context.workspaceState);
    this.store = new FileOperationStore(context.globalState, new NodeOperationFiles(context.globalStorageUri.fsPath));
    this.history = new History(new JournalFiles(path.join(context.globalStorageUri.fsPath, 'journal')), windowId, (message) => log.warn(message));
    this.engine = new JobEngine({
      windowId,
      clientFor: (origin) => clients.for(origin),
      // A small index in globalState, each operation's items in files under globalStorageUri.
      store: this.store,
      budgetState: context.globalState, // one budget of jobs per account for every window of the profile
      maxInFlight: maxJobsInFlight,
      log: (message) => log.info(message),
      isSignedOut: (error) => error instanceof NotSignedInError || error instanceof SessionEndedError,
    });
    this.statusItem = vscode.window.createStatusBarItem('zendesk.jobs', vscode.StatusBarAlignment.Left, 50);
    this.statusItem.name = vscode.l10n.t('Zendesk Jobs');
    this.statusItem.command = CommandIds.showJobs;
    this.subscriptions.push(
      this.statusItem, this.changed,
      this.engine.onDidChange((id) => {
        this.changed.fire(id);
        this.updateStatus();
      }),
      this.engine.onDidFinish((operation) => void this.finished(operation)),
      // Only the window that ran it to its end hears of it: each operation is recorded once.
      this.engine.onDidFinish((operation) => void this.history.recordOperation(operation)),
    );
  }

  /**
   * After a reload: re-attach to persisted jobs (network only if some are still running). On the
   * next turn of the event loop, so that activation (and with it the tree view's registration)
   * does not wait for the stored operations to be read.
   */
  resume(): void {
    setTimeout(() => {
      if (!this.disposed) {
        this.engine.resume();
        this.updateStatus();
        void this.store.sweepOrphans().then(
          (deleted) => deleted.length > 0 && this.log.info(`deleted ${deleted.length} files of operations no longer kept`),
          (error: unknown) => this.log.warn(`could not delete the files of operations no longer kept: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    }, 0);
  }

  /** A sign-in (or any account change): operations waiting for one carry on. */
  accountsChanged(): void {
    this.engine.accountsChanged();
  }

  summaries() {
    return this.engine.operations.map(summarize);
  }

  itemRows(operationId: string) {
    const operation = this.engine.find(operationId);
    return operation ? itemRows(operation) : [];
  }

  exportItems(operationId: string) {
    const operation = this.engine.find(operationId);
    if (!operation) {
      return undefined;
    }
    const stamp = new Date(operation.createdAt).toISOString().slice(0, 16).replace(/[:T]/g, '-');
    return { fileName: `zendesk-${EXPORT_NAMES[operation.kind]}-${stamp}`, items: operation.items };
  }

  async retryFailed(operationId: string): Promise<void> {
    const retry = this.engine.retryFailed(operationId);
    if (retry) {
      this.log.info(`retrying ${retry.items.length} failed items of ${operationId} as ${retry.id}`);
    }
  }

  /** Resume from the Jobs panel: one paused operation (its whole account resumes). */
  resumePaused(operationId: string): void {
    if (!this.engine.resumePaused(operationId) && this.engine.find(operationId)?.state === 'running' && !this.engine.runsHere(operationId)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Another VS Code window runs this operation; resume it there.'));
    }
  }

  /** Resume from the status bar or the palette: every paused operation this window runs. Returns how many. */
  resumeAll(): number {
    return this.engine.operations.filter((operation) => operation.paused && this.engine.resumePaused(operation.id)).length;
  }

  cancel(operationId: string): void {
    const cancelled = this.engine.cancel(operationId);
    if (this.engine.find(operationId)?.state === 'running' && !this.engine.runsHere(operationId)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Another VS Code window runs this operation; cancel it there.'));
    } else if (cancelled > 0) {
      void vscode.window.showInformationMessage(countMessages.cancelledItems(cancelled));
    }
  }

  private async finished(operation: BulkOperation): Promise<void> {
    const counts = countItems(operation);
    const message = describeOutcome(operation);
    this.log.info(`${operation.title}: ${message}`);
    const details = vscode.l10n.t('Show Details');
    const show = counts.failed > 0
      ? vscode.window.showWarningMessage(message, details)
      : vscode.window.showInformationMessage(message, details);
    if (await show === details) {
      this.showDetails(operation.id);
    }
  }

  private updateStatus(): void {
    const running = this.engine.operations.filter((operation) => operation.state === 'running');
    if (running.length === 0) {
      this.statusItem.hide();
      return;
    }
    const jobs = running.flatMap((operation) => operation.chunks).filter((chunk) => chunk.state === 'queued' || chunk.state === 'working' || chunk.state === 'submitting' || chunk.state === 'uncertain').length;
    const waiting = running.filter((operation) => operation.waitingForSignIn).length;
    const paused = running.find((operation) => operation.paused && this.engine.runsHere(operation.id))?.paused;
    this.statusItem.command = paused ? CommandIds.resumeJobs : CommandIds.showJobs;
    if (paused) {
      const since = literal(new Date(paused.since).toTimeString().slice(0, 5)); // a time of day, shown as it is
      this.statusItem.text = `$(debug-pause) ${paused.reason === 'rateLimited'
        ? vscode.l10n.t('Paused: Zendesk has been rate limiting since {0} — Resume', since)
        : vscode.l10n.t('Paused: Zendesk has been unavailable since {0} — Resume', since)}`;
      this.statusItem.tooltip = vscode.l10n.t('Bulk operations stopped waiting for Zendesk. Click to resume them; Show Jobs has the details.');
      this.statusItem.show();
      return;
    }
    this.statusItem.text = waiting === running.length
      ? `$(account) ${vscode.l10n.t('Zendesk: {0} waiting for sign-in', waiting)}`
      : `$(sync~spin) ${vscode.l10n.t('Zendesk: {0} running', running.length)}`;
    this.statusItem.tooltip = countMessages.runningTooltip(running.length, jobs);
    this.statusItem.show();
  }

  /** The engine's final save (its leases released): VS Code waits for it when `deactivate` returns it. */
  shutDown(): Promise<void> {
    return this.engine.dispose();
  }

  dispose(): void {
    this.disposed = true;
    void this.shutDown();
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}

function maxJobsInFlight(): number {
  const value = vscode.workspace.getConfiguration('zendesk').get<number>('bulk.maxJobsInFlight', DEFAULT_MAX_JOBS_IN_FLIGHT);
  return Number.isInteger(value) ? Math.min(30, Math.max(1, value)) : DEFAULT_MAX_JOBS_IN_FLIGHT;
}

/** "Added 242 of 250 members — 8 failed (title)." The title holds names and file names: it is shown literally. @literalText */
export function describeOutcome(operation: BulkOperation): string {
  const counts = countItems(operation);
  const base = operation.kind === 'add' ? countMessages.addedOf(counts.succeeded, counts.total)
    : operation.kind === 'remove' ? countMessages.removedOf(counts.succeeded, counts.total)
      : mixedOutcome(operation);
  const failed = counts.failed ? vscode.l10n.t(' — {0} failed', counts.failed) : '';
  const cancelled = counts.cancelled ? vscode.l10n.t(' — {0} cancelled', counts.cancelled) : '';
  return `${base}${failed}${cancelled} (${literal(operation.title, 400)}).`;
}

/** A move, sync or undo: "Applied 5 of 6 changes: 3 added, 2 removed, 0 made default". @literalText */
function mixedOutcome(operation: BulkOperation): string {
  const counts = countItems(operation);
  const by = succeededByChange(operation);
  return vscode.l10n.t('{0}: {1} added, {2} removed, {3} made default', countMessages.appliedOf(counts.succeeded, counts.total), by.add, by.remove, by.makeDefault);
}

/** The results file's name says what the operation did. */
const EXPORT_NAMES: Record<BulkKind, string> = { add: 'additions', remove: 'removals', move: 'move', sync: 'sync', undo: 'undo' };

const WINDOW_ID_KEY = 'zendesk.jobs.windowId';

/**
 * The id this window's leases carry, kept in workspaceState so that the same window after a
 * reload is still the owner and resumes at once. (A reloading host cannot always write its
 * release: in a browser the channel is closed first; another window waits out the lease.)
 */
function windowIdOf(state: vscode.Memento): string {
  let id = state.get<string>(WINDOW_ID_KEY);
  if (!id) {
    id = randomUUID();
    void state.update(WINDOW_ID_KEY, id);
  }
  return id;
}
