import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { AccountStore } from './auth/accounts';
import { AUTH_PROVIDER_ID, ZendeskAuthenticationProvider } from './auth/authProvider';
import type { OAuthCallbacks } from './auth/oauthCallbacks';
import type { CommandContext } from './commands/command';
import { CommandIds, ViewIds } from './commandIds';
import type { JobsController } from './jobs/controller';
import { hasRunningOperations } from './jobs/storedKeys';
import type { ZendeskQueue } from './jobs/zendeskQueue';
import { LazyTreeProvider } from './lazyTreeProvider';
import { loadWorkbenchCode } from './lazyWorkbench';
import type { TreeNode } from './tree/nodes';
import type { PeopleNode } from './tree/peopleNodes';
import type { PeopleTreeProvider } from './tree/peopleProvider';
import type { OrganizationsTreeProvider } from './tree/provider';
import type { Prompter } from './ui/prompts';
import { READ_ONLY_SCHEME, ReadOnlyDocuments } from './ui/readOnlyDocuments';
import { apiTokenViewMessage, remindAboutApiTokens } from './ui/sunsetReminders';
import type { Workbench } from './workbench';

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
  /** The ids activation registered. */
  readonly registeredCommands: readonly string[];
  /** The extension's own rule for a failed search, so the tests' prompter decides as VS Code's does. */
  readonly searchFailureRow: (error: unknown) => string | undefined;
  /** From now on, every question and message goes to `prompter` (the tests' scripted one). */
  answerWith(prompter: Prompter): void;
  /** The tree's clock; undefined restores Date.now. */
  useClock(now: (() => number) | undefined): void;
}

// dist/workbench.js reads the modules it shares with this bundle from here (see src/lazyWorkbench.ts).
export { sharedWithWorkbench } from './lazyWorkbench';

/** Set once the extension's code is loaded: the final save of the bulk operations, which `deactivate` waits for. */
let shutDownJobs: (() => Promise<void>) | undefined;

// Activation registers what VS Code must know (commands, views, URI handler, Jobs panel serializer,
// authentication provider) with stand-ins, and loads the code behind them only when one is used
// (src/lazyWorkbench.ts): a view shows rows, a command runs, an answer comes back. No network.
export function activate(context: vscode.ExtensionContext): ZendeskTestApi | undefined {
  const testing = context.extensionMode === vscode.ExtensionMode.Test;
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle }); // for the modules without `vscode` (bulk files, tree rows, job results)
  }
  const accounts = new AccountStore(context.secrets, context.globalState);
  const authProvider = new ZendeskAuthenticationProvider(accounts);
  const documents = new ReadOnlyDocuments();
  const organizationsTree = new LazyTreeProvider<TreeNode>(() => workbench());
  const peopleTree = new LazyTreeProvider<PeopleNode>(() => workbench());
  const treeView = vscode.window.createTreeView(ViewIds.organizations, { treeDataProvider: organizationsTree, showCollapseAll: true, canSelectMany: true });
  const peopleView = vscode.window.createTreeView(ViewIds.people, { treeDataProvider: peopleTree, showCollapseAll: true });

  let loaded: Workbench | undefined;
  const workbench = (): Workbench => {
    if (!loaded) {
      loaded = loadWorkbenchCode().createWorkbench({
        context, testing, accounts, documents, treeView, peopleView,
        attachTrees: (organizations, people) => {
          organizationsTree.attach(organizations);
          peopleTree.attach(people);
        },
      });
      shutDownJobs = loaded.shutDown;
    }
    return loaded;
  };

  const updateSignedIn = (): void => {
    void vscode.commands.executeCommand('setContext', 'zendesk.signedIn', accounts.list().length > 0);
    treeView.message = apiTokenViewMessage(accounts);
  };
  updateSignedIn();
  const commandIds = Object.values(CommandIds);
  context.subscriptions.push(
    accounts, organizationsTree, treeView, peopleTree, peopleView, authProvider,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, 'Zendesk', authProvider, { supportsMultipleAccounts: true }),
    vscode.window.registerUriHandler({ handleUri: (uri) => workbench().callbacks.handleUri(uri) }),
    vscode.workspace.registerTextDocumentContentProvider(READ_ONLY_SCHEME, documents),
    vscode.window.registerWebviewPanelSerializer(ViewIds.jobsPanel, { deserializeWebviewPanel: async (panel) => workbench().restoreJobsPanel(panel) }),
    ...commandIds.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => workbench().run(id, args))),
    accounts.onDidChange(updateSignedIn),
  );
  void remindAboutApiTokens(accounts, context.globalState);
  // Bulk operations left running by the last window carry on at once: the index says whether there are any.
  if (hasRunningOperations(context.globalState)) {
    workbench().startJobs();
  }
  if (!testing) {
    return undefined;
  }
  // The tests' handles load the code as any first use does.
  return {
    get commands() { return workbench().commands; },
    get tree() { return workbench().tree; },
    get peopleTree() { return workbench().peopleTree; },
    get callbacks() { return workbench().callbacks; },
    get jobs() { return workbench().jobs; },
    get zendeskQueue() { return workbench().zendeskQueue; },
    get logLines() { return workbench().logLines; },
    authProvider,
    registeredCommands: commandIds,
    searchFailureRow: (error) => workbench().searchFailureRow(error),
    answerWith: (scripted) => workbench().answerWith(scripted),
    useClock: (now) => workbench().useClock(now),
  };
}

/** Everything is disposed through context.subscriptions; VS Code waits for the promise returned here, so the jobs' last save is not cut short. */
export function deactivate(): Promise<void> | undefined {
  return shutDownJobs?.();
}
