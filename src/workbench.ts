// The extension's code behind the stand-ins activation registers (see lazyWorkbench.ts): built
// once, the first time a view asks for rows, a command runs, an OAuth answer or the Jobs panel
// comes back, or a bulk operation left running must resume. No network until something asks.
import * as vscode from 'vscode';
import type { AccountStore } from './auth/accounts';
import { ZendeskClients } from './auth/clients';
import { OAuthCallbacks } from './auth/oauthCallbacks';
import type { Command, CommandContext } from './commands/command';
import { loadBulkCode } from './commands/lazyBulk';
import { allCommands, runCommand } from './commands/registry';
import { CommandIds, type CommandId } from './commandIds';
import type { JobsController } from './jobs/controller';
import type { ZendeskQueue } from './jobs/zendeskQueue';
import { HandOverPrompter, TestClock, recordingLog } from './testing';
import type { TreeNode } from './tree/nodes';
import { OrganizationsModel } from './tree/organizationsModel';
import { OrganizationsTreeProvider, withViewProgress } from './tree/provider';
import { followViewState } from './tree/viewState';
import { PeopleModel } from './tree/peopleModel';
import type { PeopleNode } from './tree/peopleNodes';
import { PeopleTreeProvider } from './tree/peopleProvider';
import { type Prompter, VsCodePrompter, searchFailureRow } from './ui/prompts';
import type { ReadOnlyDocuments } from './ui/readOnlyDocuments';
import { sessionEnded } from './ui/sessionEnded';
import { showWaitNotice } from './ui/waitNotices';
import { userAgent as userAgentOf } from './zendesk';

// dist/bulk.js reads the modules it shares with this bundle from here (see src/commands/lazyBulk.ts).
export { sharedWithBulk } from './commands/lazyBulk';

/** What activation made before this code was loaded. */
export interface Activated {
  readonly context: vscode.ExtensionContext;
  readonly testing: boolean;
  readonly accounts: AccountStore;
  readonly documents: ReadOnlyDocuments;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly peopleView: vscode.TreeView<PeopleNode>;
  /** The views' stand-in providers, which the real ones are attached to. */
  attachTrees(organizations: vscode.TreeDataProvider<TreeNode>, people: vscode.TreeDataProvider<PeopleNode>): void;
}

export interface Workbench {
  readonly commands: CommandContext;
  readonly tree: OrganizationsTreeProvider;
  readonly peopleTree: PeopleTreeProvider;
  readonly callbacks: OAuthCallbacks;
  /** The bulk operations (dist/bulk.js and the job engine, started the first time it is read). */
  readonly jobs: JobsController;
  readonly zendeskQueue: ZendeskQueue;
  readonly logLines: readonly string[];
  /** Starts the job engine (activation found an operation left running). */
  startJobs(): void;
  /** Runs a registered command (the stand-in VS Code calls hands it over). */
  run(id: CommandId, args: readonly unknown[]): Promise<unknown>;
  /** The Jobs panel VS Code restores after a reload. */
  restoreJobsPanel(panel: vscode.WebviewPanel): void;
  /** The jobs' final save, which `deactivate` waits for. */
  shutDown(): Promise<void>;
  searchFailureRow(error: unknown): string | undefined;
  answerWith(prompter: Prompter): void;
  useClock(now: (() => number) | undefined): void;
}

export function createWorkbench(activated: Activated): Workbench {
  const { context, testing, accounts, documents, treeView, peopleView } = activated;
  const logLines: string[] = [];
  const channel = vscode.window.createOutputChannel('Zendesk', { log: true });
  const log = testing ? recordingLog(channel, logLines) : channel;
  const userAgent = userAgentOf(`vscode/${vscode.version}`);
  const clock = new TestClock();
  const prompter = new HandOverPrompter(new VsCodePrompter());

  const clients = new ZendeskClients(accounts, {
    log, userAgent, onWait: showWaitNotice, onSessionEnded: (error) => void sessionEnded(commands, error),
  });
  const callbacks = new OAuthCallbacks(log);
  const organizations = new OrganizationsModel({
    accounts, clientFor: (origin) => clients.for(origin), pageSize, now: testing ? clock.now : Date.now, whileLoading: withViewProgress,
  });
  const tree = new OrganizationsTreeProvider(organizations);
  const people = new PeopleModel({ accounts, clientFor: (origin) => clients.for(origin), pageSize, now: testing ? clock.now : Date.now });
  const peopleTree = new PeopleTreeProvider(people);
  activated.attachTrees(tree, peopleTree);
  // The job engine starts when bulk code is first needed: a bulk command, Show Jobs, the Jobs
  // panel restored, or an operation left running (activation checks the stored index).
  let bulk: { jobs: JobsController; zendeskQueue: ZendeskQueue } | undefined;
  const startJobs = (): { jobs: JobsController; zendeskQueue: ZendeskQueue } => {
    if (!bulk) {
      const code = loadBulkCode();
      const jobs: JobsController = new code.JobsController(context, clients, log, (operationId) => code.JobsPanel.show(context.extensionUri, jobs, operationId));
      const zendeskQueue = new code.ZendeskQueue({
        origins: () => accounts.list().map((account) => account.origin), clientFor: (origin) => clients.for(origin), ourJobIds: () => code.ourJobIds(jobs.engine.operations),
      });
      code.JobsPanel.useQueue(zendeskQueue);
      bulk = { jobs, zendeskQueue };
      context.subscriptions.push(
        jobs,
        accounts.onDidChange(() => jobs.accountsChanged()),
        // A bulk operation finished → the organizations it changed are reloaded in the tree.
        jobs.engine.onDidFinish((operation) => organizations.refreshOrganizations(operation.origin, code.changedOrganizations(operation))),
      );
      // Bulk operations left running by the last window carry on (network only if there are some).
      jobs.resume();
    }
    return bulk;
  };

  const commands: CommandContext = {
    extensionContext: context, accounts, clients, organizations, treeView, people, peopleView, log, userAgent, prompter: testing ? prompter : new VsCodePrompter(),
    // The history lives with the job engine (dist/bulk.js): a command's first recorded change loads it.
    history: { recordSingle: (origin, title, changes) => startJobs().jobs.history.recordSingle(origin, title, changes) },
  };
  const commandsById = new Map<string, Command>(allCommands({ documents, jobs: () => startJobs().jobs, callbacks }).map((command) => [command.id, command]));
  const missing = Object.values(CommandIds).filter((id) => !commandsById.has(id));
  if (missing.length > 0) {
    throw new Error(`commands without code: ${missing.join(', ')}`); // registered at activation, so each needs an entry in allCommands
  }

  context.subscriptions.push(
    channel, clients, organizations, tree, people, peopleTree,
    organizations.onDidReport((report) => people.apply(report)),
    followViewState(treeView, organizations, accounts),
  );
  return {
    commands, tree, peopleTree, callbacks, logLines,
    get jobs() { return startJobs().jobs; },
    get zendeskQueue() { return startJobs().zendeskQueue; },
    startJobs: () => void startJobs(),
    run: (id, args) => runCommand(commands, commandsById.get(id)!, args),
    restoreJobsPanel: (panel) => loadBulkCode().JobsPanel.restore(panel, context.extensionUri, startJobs().jobs),
    shutDown: () => bulk?.jobs.shutDown() ?? Promise.resolve(),
    searchFailureRow,
    answerWith: (scripted) => prompter.answerWith(scripted),
    useClock: (now) => clock.use(now),
  };
}

function pageSize(): number {
  const value = vscode.workspace.getConfiguration('zendesk').get<number>('pageSize', 100);
  return Number.isInteger(value) ? Math.min(100, Math.max(1, value)) : 100;
}
