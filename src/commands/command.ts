import type * as vscode from 'vscode';
import type { AccountStore } from '../auth/accounts';
import type { ZendeskClients } from '../auth/clients';
import type { TreeNode } from '../tree/nodes';
import type { OrganizationsTreeProvider } from '../tree/provider';
import type { Prompter } from '../ui/prompts';

/** What every command may use. Commands ask the client, then tell the tree what changed. */
export interface CommandContext {
  readonly extensionContext: vscode.ExtensionContext;
  readonly accounts: AccountStore;
  readonly clients: ZendeskClients;
  readonly tree: OrganizationsTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly log: vscode.LogOutputChannel;
  readonly userAgent: string;
  prompter: Prompter;
}

export interface CommandDefinition {
  readonly id: string;
  /** Said in failure messages: "Couldn't {action}: …". */
  readonly action: string;
  run(context: CommandContext, ...args: unknown[]): Promise<unknown>;
}
