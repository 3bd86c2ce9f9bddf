// The "Zendesk Jobs" webview panel: one per window, live progress of bulk operations. The logic
// lives in JobsPanelController; this file is the VS Code side (panel, HTML, dialogs, messages).
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { csvFileName, itemsToCsv } from './csvExport';
import type { BulkItem } from './model';
import { JobsPanelController, type ControllerSource } from './panelController';
import { createNonce, panelHtml } from './panelHtml';
import type { QueueWatch, ZendeskQueue } from './zendeskQueue';
import { literal } from '../outsideText';
import { countMessages } from '../countMessages';
import { CommandIds } from '../commandIds';

export const JOBS_VIEW_TYPE = 'zendesk.jobs';

/** What the panel shows and does: the controller's source, plus the items of an export. */
export interface JobsPanelSource extends ControllerSource {
  exportItems(operationId: string): { fileName: string; items: readonly BulkItem[] } | undefined;
}

export class JobsPanel implements vscode.Disposable {
  private static instance: JobsPanel | undefined;

  static get current(): JobsPanel | undefined {
    return JobsPanel.instance;
  }

  /** Creates the panel, or reveals the one there is; optionally scrolls to an operation. */
  static show(extensionUri: vscode.Uri, source: JobsPanelSource, focusOperationId?: string): JobsPanel {
    let panel = JobsPanel.instance;
    if (panel) {
      panel.panel.reveal();
    } else {
      const webviewPanel = vscode.window.createWebviewPanel(JOBS_VIEW_TYPE, vscode.l10n.t('Zendesk Jobs'), vscode.ViewColumn.Active, webviewOptions(extensionUri));
      panel = new JobsPanel(webviewPanel, extensionUri, source, JobsPanel.queue);
    }
    if (focusOperationId !== undefined) {
      panel.controller.focus(focusOperationId);
    }
    return panel;
  }

  /** Zendesk's job queue, shown above the operations (given once, at activation). */
  private static queue: ZendeskQueue | undefined;

  /** Brings the panel back after a window reload; `queue` is what every panel shows of Zendesk's job queue. */
  static registerSerializer(extensionUri: vscode.Uri, source: JobsPanelSource, queue?: ZendeskQueue): vscode.Disposable {
    JobsPanel.queue = queue;
    return vscode.window.registerWebviewPanelSerializer(JOBS_VIEW_TYPE, {
      async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel) {
        if (JobsPanel.instance) {
          webviewPanel.dispose(); // there is only ever one
          return;
        }
        // Options again: the extension's location (and so localResourceRoots) may have changed.
        webviewPanel.webview.options = webviewOptions(extensionUri);
        new JobsPanel(webviewPanel, extensionUri, source, queue);
      },
    });
  }

  private readonly controller: JobsPanelController;
  /** Zendesk's queue, read while the panel is visible. */
  private readonly queueWatch?: QueueWatch;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly source: JobsPanelSource,
    queue?: ZendeskQueue,
  ) {
    JobsPanel.instance = this;
    panel.webview.html = this.html();
    this.controller = new JobsPanelController(source, {
      translations: vscode.l10n.bundle,
      post: (message) => {
        if (!this.disposed) {
          void this.panel.webview.postMessage(message);
        }
      },
      showRunningCount: (count) => {
        if (!this.disposed) {
          this.panel.title = count > 0 ? vscode.l10n.t('Zendesk Jobs ({0} running)', count) : vscode.l10n.t('Zendesk Jobs');
        }
      },
      exportResults: (operationId) => this.exportResults(operationId),
      undo: async (operationId) => { await vscode.commands.executeCommand(CommandIds.undoOperation, operationId); },
      reportRetryFailure: (_operationId, error) => {
        void vscode.window.showErrorMessage(vscode.l10n.t("Couldn't retry the failed items: {0}", errorText(error)));
      },
    });
    this.queueWatch = queue?.watch((queues) => this.controller.showQueue(queues));
    this.queueWatch?.setVisible(panel.visible);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.controller.receive(message)),
      // Without retainContextWhenHidden a hidden panel loses its document; it says `ready` again.
      panel.onDidChangeViewState(() => {
        if (!this.panel.visible) {
          this.controller.detached();
        }
        this.queueWatch?.setVisible(this.panel.visible);
      }),
    );
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    if (JobsPanel.instance === this) {
      JobsPanel.instance = undefined;
    }
    this.controller.dispose();
    this.queueWatch?.dispose();
    this.panel.dispose();
    for (const disposable of this.disposables.splice(0)) {
      disposable.dispose();
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    return panelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'jobs.css')).toString(),
      title: vscode.l10n.t('Zendesk Jobs'),
      loadingText: vscode.l10n.t('Loading jobs…'),
      language: vscode.env.language,
    });
  }

  /** Save dialog, then the CSV; every failure ends in a message, never in an unhandled rejection. */
  private async exportResults(operationId: string): Promise<void> {
    try {
      await this.writeExport(operationId);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t("Couldn't export the results: {0}", errorText(error)));
    }
  }

  private async writeExport(operationId: string): Promise<void> {
    const exported = this.source.exportItems(operationId);
    if (!exported) {
      void vscode.window.showWarningMessage(vscode.l10n.t('There are no results to export for this operation.'));
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export Results'),
      saveLabel: vscode.l10n.t('Export'),
      defaultUri: vscode.Uri.joinPath(folder, csvFileName(exported.fileName)),
      filters: { [vscode.l10n.t('CSV files')]: ['csv'] },
    });
    if (!target) {
      return;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(itemsToCsv(exported.items)));
    const open = vscode.l10n.t('Open');
    const choice = await vscode.window.showInformationMessage(
      countMessages.exportedRows(exported.items.length, literal(path.posix.basename(target.path))),
      open,
    );
    if (choice === open) {
      await vscode.window.showTextDocument(target).then(undefined, (error: unknown) => {
        void vscode.window.showErrorMessage(vscode.l10n.t("Couldn't open {0}: {1}", literal(path.posix.basename(target.path)), errorText(error)));
      });
    }
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    // The bundle and its stylesheet, nothing else (no node_modules: no codicons are used).
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** @literalText */
function errorText(error: unknown): string {
  return literal(error instanceof Error ? error.message : String(error), 500);
}
