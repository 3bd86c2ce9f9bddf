import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { AccountStore } from './auth/accounts';
import { AUTH_PROVIDER_ID, ZendeskAuthenticationProvider } from './auth/authProvider';
import { ZendeskClients } from './auth/clients';
import { OAuthCallbacks } from './auth/oauthCallbacks';
import type { CommandContext } from './commands/command';
import { allCommands, registerCommands } from './commands/registry';
import { JobsController } from './jobs/controller';
import { JobsPanel } from './jobs/panel';
import { changedOrganizations } from './jobs/summaries';
import { ZendeskQueue, ourJobIds } from './jobs/zendeskQueue';
import { HandOverPrompter, TestClock, recordingLog } from './testing';
import { OrganizationsModel } from './tree/organizationsModel';
import { ORGANIZATIONS_VIEW, OrganizationsTreeProvider, withViewProgress } from './tree/provider';
import { followViewState } from './tree/viewState';
import { PeopleModel } from './tree/peopleModel';
import { PEOPLE_VIEW, PeopleTreeProvider } from './tree/peopleProvider';
import { type Prompter, VsCodePrompter, searchFailureRow } from './ui/prompts';
import { READ_ONLY_SCHEME, ReadOnlyDocuments } from './ui/readOnlyDocuments';
import { sessionEnded } from './ui/sessionEnded';
import { apiTokenViewMessage, remindAboutApiTokens } from './ui/sunsetReminders';
import { showWaitNotice } from './ui/waitNotices';
import { userAgent as userAgentOf } from './zendesk';

/** Handed to the extension's own integration tests (only when VS Code runs them). */
export interface ZendeskTestApi {
  readonly commands: CommandContext;
  readonly tree: OrganizationsTreeProvider;
  readonly peopleTree: PeopleTreeProvider;
  readonly callbacks: OAuthCallbacks;
  readonly authProvider: ZendeskAuthenticationProvider;
  readonly jobs: JobsController;
  /** Zendesk's job queue, as the Jobs panel reads it. */
  readonly zendeskQueue: ZendeskQueue;
  readonly logLines: readonly string[];
  /** The ids `registerCommands` registered. */
  readonly registeredCommands: readonly string[];
  /** The extension's own rule for a failed search, so the tests' prompter decides as VS Code's does. */
  readonly searchFailureRow: (error: unknown) => string | undefined;
  /** From now on, every question and message goes to `prompter` (the tests' scripted one). */
  answerWith(prompter: Prompter): void;
  /** The tree's clock; undefined restores Date.now. */
  useClock(now: (() => number) | undefined): void;
}

// dist/bulk.js reads the modules it shares with this bundle from here (see src/commands/lazyBulk.ts).
export { sharedWithBulk } from './commands/lazyBulk';

/** Set while active: the final save of the bulk operations, which `deactivate` waits for. */
let shutDownJobs: (() => Promise<void>) | undefined;

// Activation wires the pieces and nothing else: no network until the view or a command asks.
export function activate(context: vscode.ExtensionContext): ZendeskTestApi | undefined {
  const testing = context.extensionMode === vscode.ExtensionMode.Test;
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle }); // for the modules without `vscode` (bulk files, tree rows, job results)
  }
  const logLines: string[] = [];
  const channel = vscode.window.createOutputChannel('Zendesk', { log: true });
  const log = testing ? recordingLog(channel, logLines) : channel;
  const userAgent = userAgentOf(`vscode/${vscode.version}`);
  const clock = new TestClock();
  const prompter = new HandOverPrompter(new VsCodePrompter());

  const accounts = new AccountStore(context.secrets, context.globalState);
  const clients = new ZendeskClients(accounts, {
    log, userAgent, onWait: showWaitNotice, onSessionEnded: (error) => void sessionEnded(commands, error),
  });
  const callbacks = new OAuthCallbacks(log);
  const organizations = new OrganizationsModel({
    accounts, clientFor: (origin) => clients.for(origin), pageSize, now: testing ? clock.now : Date.now, whileLoading: withViewProgress,
  });
  const tree = new OrganizationsTreeProvider(organizations);
  const treeView = vscode.window.createTreeView(ORGANIZATIONS_VIEW, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const people = new PeopleModel({ accounts, clientFor: (origin) => clients.for(origin), pageSize, now: testing ? clock.now : Date.now });
  const peopleTree = new PeopleTreeProvider(people);
  const peopleView = vscode.window.createTreeView(PEOPLE_VIEW, { treeDataProvider: peopleTree, showCollapseAll: true });
  const documents = new ReadOnlyDocuments();
  const zendeskQueue = new ZendeskQueue({
    origins: () => accounts.list().map((account) => account.origin), clientFor: (origin) => clients.for(origin), ourJobIds: () => ourJobIds(jobs.engine.operations),
  });
  const jobs = new JobsController(context, clients, log, (operationId) => JobsPanel.show(context.extensionUri, jobs, operationId));

  const commands: CommandContext = {
    extensionContext: context, accounts, clients, organizations, treeView, people, peopleView, log, userAgent, prompter: testing ? prompter : new VsCodePrompter(),
    history: jobs.history,
  };
  const commandList = allCommands({ documents, jobs, callbacks });
  const authProvider = new ZendeskAuthenticationProvider(accounts);
  const updateSignedIn = (): void => {
    void vscode.commands.executeCommand('setContext', 'zendesk.signedIn', accounts.list().length > 0);
    treeView.message = apiTokenViewMessage(accounts);
  };
  updateSignedIn();

  context.subscriptions.push(
    channel, accounts, clients, organizations, tree, treeView, people, peopleTree, peopleView, jobs, authProvider,
    organizations.onDidReport((report) => people.apply(report)),
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, 'Zendesk', authProvider, { supportsMultipleAccounts: true }),
    vscode.window.registerUriHandler(callbacks),
    vscode.workspace.registerTextDocumentContentProvider(READ_ONLY_SCHEME, documents),
    JobsPanel.registerSerializer(context.extensionUri, jobs, zendeskQueue),
    ...registerCommands(commands, commandList),
    accounts.onDidChange(updateSignedIn),
    followViewState(treeView, organizations, accounts),
    accounts.onDidChange(() => jobs.accountsChanged()),
    // A bulk operation finished → the organizations it changed are reloaded in the tree.
    jobs.engine.onDidFinish((operation) => organizations.refreshOrganizations(operation.origin, changedOrganizations(operation))),
  );
  shutDownJobs = () => jobs.shutDown();
  void remindAboutApiTokens(accounts, context.globalState);
  // Bulk operations left running by the last window carry on (network only if there are some).
  jobs.resume();
  if (!testing) {
    return undefined;
  }
  return {
    commands, tree, peopleTree, callbacks, authProvider, jobs, zendeskQueue, logLines,
    registeredCommands: commandList.map((command) => command.id),
    searchFailureRow,
    answerWith: (scripted) => prompter.answerWith(scripted),
    useClock: (now) => clock.use(now),
  };
}

/** Everything is disposed through context.subscriptions; VS Code waits for the promise returned here, so the jobs' last save is not cut short. */
export function deactivate(): Promise<void> | undefined {
  return shutDownJobs?.();
}

function pageSize(): number {
  const value = vscode.workspace.getConfiguration('zendesk').get<number>('pageSize', 100);
  return Number.isInteger(value) ? Math.min(100, Math.max(1, value)) : 100;
}
