import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { AccountStore } from './auth/accounts';
import { AUTH_PROVIDER_ID, ZendeskAuthenticationProvider } from './auth/authProvider';
import { ZendeskClients } from './auth/clients';
import { OAuthCallbacks } from './auth/oauthCallbacks';
import { apiTokenViewMessage, remindAboutApiTokens } from './auth/sunsetReminders';
import type { CommandContext } from './commands/context';
import { READ_ONLY_SCHEME, ReadOnlyDocuments } from './commands/readOnlyDocuments';
import { VsCodePrompter } from './commands/prompts';
import { allCommands, registerCommands } from './commands/registry';
import { sessionEnded } from './commands/sessionEnded';
import { showWaitNotice } from './commands/waitNotices';
import { JobsController } from './jobs/controller';
import { JobsPanel } from './jobs/panel';
import { recordingLog } from './testing';
import { ORGANIZATIONS_VIEW, OrganizationsTreeProvider } from './tree/provider';

/** Handed to the extension's own integration tests (only when VS Code runs them). */
export interface ZendeskTestApi {
  readonly commands: CommandContext;
  readonly callbacks: OAuthCallbacks;
  readonly authProvider: ZendeskAuthenticationProvider;
  readonly jobs: JobsController;
  readonly logLines: readonly string[];
}

// dist/bulk.js reads the modules it shares with this bundle from here (see lazyBulk.ts).
export { sharedWithBulk } from './lazyBulk';

/** Set while active: the final save of the bulk operations, which `deactivate` waits for. */
let shutDownJobs: (() => Promise<void>) | undefined;

// Activation wires the pieces and nothing else: no network until the view or a command asks.
export function activate(context: vscode.ExtensionContext): ZendeskTestApi | undefined {
  const testing = context.extensionMode === vscode.ExtensionMode.Test;
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle }); // for the modules without `vscode` (bulk files, job results)
  }
  const logLines: string[] = [];
  const channel = vscode.window.createOutputChannel('Zendesk', { log: true });
  const log = testing ? recordingLog(channel, logLines) : channel;
  const userAgent = `zendesk-memberships-vscode/${String(context.extension.packageJSON.version)} vscode/${vscode.version}`;

  const accounts = new AccountStore(context.secrets, context.globalState);
  const clients = new ZendeskClients(accounts, {
    log, userAgent, onWait: showWaitNotice, onSessionEnded: (error) => void sessionEnded(commands, error),
  });
  const callbacks = new OAuthCallbacks(log);
  const tree = new OrganizationsTreeProvider(accounts, clients, pageSize);
  const treeView = vscode.window.createTreeView(ORGANIZATIONS_VIEW, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const documents = new ReadOnlyDocuments();
  const jobs = new JobsController(context, clients, tree, log, (operationId) => JobsPanel.show(context.extensionUri, jobs, operationId));

  const commands: CommandContext = { extensionContext: context, accounts, clients, tree, treeView, log, userAgent, prompter: new VsCodePrompter() };
  const authProvider = new ZendeskAuthenticationProvider(accounts);
  const updateSignedIn = (): void => {
    void vscode.commands.executeCommand('setContext', 'zendesk.signedIn', accounts.list().length > 0);
    treeView.message = apiTokenViewMessage(accounts);
  };
  updateSignedIn();

  context.subscriptions.push(
    channel, accounts, clients, tree, treeView, jobs, authProvider,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, 'Zendesk', authProvider, { supportsMultipleAccounts: true }),
    vscode.window.registerUriHandler(callbacks),
    vscode.workspace.registerTextDocumentContentProvider(READ_ONLY_SCHEME, documents),
    JobsPanel.registerSerializer(context.extensionUri, jobs),
    ...registerCommands(commands, allCommands({ documents, jobs, callbacks })),
    accounts.onDidChange(updateSignedIn),
    accounts.onDidChange(() => jobs.accountsChanged()),
  );
  shutDownJobs = () => jobs.shutDown();
  void remindAboutApiTokens(accounts, context.globalState);
  // Bulk operations left running by the last window carry on (network only if there are some).
  jobs.resume();
  return testing ? { commands, callbacks, authProvider, jobs, logLines } : undefined;
}

/** Everything is disposed through context.subscriptions; VS Code waits for the promise returned here, so the jobs' last save is not cut short. */
export function deactivate(): Promise<void> | undefined {
  return shutDownJobs?.();
}

function pageSize(): number {
  const value = vscode.workspace.getConfiguration('zendesk').get<number>('pageSize', 100);
  return Number.isInteger(value) ? Math.min(100, Math.max(1, value)) : 100;
}
