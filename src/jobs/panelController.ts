// What the jobs panel does, without the panel: the ready handshake, which operations the webview
// has expanded, coalesced updates, and checked actions. The list (counts only, small) goes out at
// most 4 times a second; an expanded operation's rows (up to 10,000) at most once a second, as
// a table changing faster than that cannot be read anyway. JobsPanel (panel.ts) wires it to a real
// webview; tests and the browser harness wire it to fakes. No `vscode` import.
import { type AccountQueue, type HostMessage, type ItemRow, type OperationSummary, canCancel, canResume, canRetryFailed, canUndo, parseWebviewMessage, runningCount } from './panelProtocol';
import { DEFAULT_FLUSH_INTERVAL_MS, ROWS_FLUSH_INTERVAL_MS, realScheduler, UpdateCoalescer, type PendingChanges, type Scheduler } from './updateCoalescer';

/** What the controller needs from the jobs (its event is structurally a vscode.Event). */
export interface ControllerSource {
  /** Newest first. */
  summaries(): OperationSummary[];
  /** The per-item table of one operation. */
  itemRows(operationId: string): ItemRow[];
  /** Fires with an operation id, or undefined when many changed. */
  readonly onDidChange: (listener: (operationId: string | undefined) => unknown) => { dispose(): unknown };
  retryFailed(operationId: string): Promise<void>;
  /** Cancels the operation's not-yet-submitted chunks only. */
  cancel(operationId: string): void;
  /** Resumes a paused operation (it waited past the ceiling for Zendesk). */
  resumePaused(operationId: string): void;
}

/** What only the VS Code side can do. */
export interface PanelShell {
  post(message: HostMessage): void;
  /** vscode.l10n.bundle: the webview's strings in VS Code's language; undefined in English. */
  readonly translations?: Record<string, string>;
  /** Called on every flush, ready or not: the tab title shows it even while the panel is hidden. */
  showRunningCount(count: number): void;
  exportResults(operationId: string): Promise<void>;
  /** Runs Undo… for the operation (the command previews it before anything is sent). */
  undo(operationId: string): Promise<void>;
  reportRetryFailure(operationId: string, error: unknown): void;
}

export class JobsPanelController {
  /** Nothing is posted before the webview's script has said it listens. */
  private ready = false;
  private readonly expanded = new Set<string>();
  private readonly retrying = new Set<string>();
  private pendingFocus: string | undefined;
  /** Zendesk's queue as last read (zendeskQueue.ts), sent again to a fresh document. */
  private queue: AccountQueue[] | undefined;
  private readonly list: UpdateCoalescer;
  private readonly rows: UpdateCoalescer;
  private readonly subscription: { dispose(): unknown };

  constructor(
    private readonly source: ControllerSource,
    private readonly shell: PanelShell,
    scheduler: Scheduler = realScheduler,
    listIntervalMs = DEFAULT_FLUSH_INTERVAL_MS,
    rowsIntervalMs = ROWS_FLUSH_INTERVAL_MS,
  ) {
    this.list = new UpdateCoalescer(() => this.flushList(), listIntervalMs, scheduler);
    this.rows = new UpdateCoalescer((changes) => this.flushRows(changes), rowsIntervalMs, scheduler);
    this.subscription = source.onDidChange((operationId) => {
      this.list.mark(operationId);
      if (operationId === undefined || this.expanded.has(operationId)) {
        this.rows.mark(operationId);
      }
    });
    this.list.mark(); // the title, at once
  }

  /** Every message from the webview comes through here; anything malformed is ignored. */
  receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      return;
    }
    if (message.type === 'ready') {
      // A fresh document (first load, or shown again after being hidden): it re-sends its expands.
      this.ready = true;
      this.expanded.clear();
      if (this.shell.translations) {
        this.shell.post({ type: 'l10n', bundle: this.shell.translations }); // before anything is rendered
      }
      this.list.mark();
      this.list.flushNow();
      if (this.queue) {
        this.shell.post({ type: 'queue', queues: this.queue });
      }
      return;
    }
    const summary = this.source.summaries().find((candidate) => candidate.id === message.operationId);
    if (!summary) {
      return;
    }
    switch (message.type) {
      case 'expand':
        // The user is waiting for these rows: send them now, not at the next tick of the clock.
        this.expanded.add(summary.id);
        this.rows.mark(summary.id);
        this.rows.flushNow();
        break;
      case 'collapse':
        this.expanded.delete(summary.id);
        break;
      case 'retryFailed':
        this.retry(summary);
        break;
      case 'cancel':
        if (canCancel(summary)) {
          this.source.cancel(summary.id);
        }
        break;
      case 'export':
        void this.shell.exportResults(summary.id);
        break;
      case 'undo':
        if (canUndo(summary)) {
          void this.shell.undo(summary.id);
        }
        break;
      case 'resume':
        if (canResume(summary)) {
          this.source.resumePaused(summary.id);
        }
        break;
    }
  }

  /** Zendesk's queue was read: show it (now, or once the webview is ready). */
  showQueue(queues: AccountQueue[]): void {
    this.queue = queues;
    if (this.ready) {
      this.shell.post({ type: 'queue', queues });
    }
  }

  /** The webview's document is gone (hidden without retained context): wait for a new `ready`. */
  detached(): void {
    this.ready = false;
    this.expanded.clear();
  }

  /** Expands and scrolls to an operation, once the webview knows it. */
  focus(operationId: string): void {
    this.pendingFocus = operationId;
    this.list.mark(operationId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.list.dispose();
    this.rows.dispose();
    this.ready = false;
    this.expanded.clear();
    this.retrying.clear();
    this.pendingFocus = undefined;
  }

  private retry(summary: OperationSummary): void {
    // A double click must not start two retries of the same items.
    if (!canRetryFailed(summary) || this.retrying.has(summary.id)) {
      return;
    }
    this.retrying.add(summary.id);
    this.source.retryFailed(summary.id)
      .catch((error: unknown) => this.shell.reportRetryFailure(summary.id, error))
      .finally(() => this.retrying.delete(summary.id));
  }

  private flushList(): void {
    const summaries = this.source.summaries();
    this.shell.showRunningCount(runningCount(summaries));
    if (!this.ready) {
      return;
    }
    const known = new Set(summaries.map((summary) => summary.id));
    for (const id of this.expanded) {
      if (!known.has(id)) {
        this.expanded.delete(id);
      }
    }
    this.shell.post({ type: 'operations', operations: summaries });
    if (this.pendingFocus !== undefined) {
      if (known.has(this.pendingFocus)) {
        this.shell.post({ type: 'focus', operationId: this.pendingFocus });
      }
      this.pendingFocus = undefined;
    }
  }

  private flushRows(changes: PendingChanges): void {
    if (!this.ready) {
      return;
    }
    const known = new Set(this.source.summaries().map((summary) => summary.id));
    for (const id of this.expanded) {
      if (known.has(id) && (changes.all || changes.operationIds.has(id))) {
        this.shell.post({ type: 'items', operationId: id, rows: this.source.itemRows(id) });
      }
    }
  }
}
