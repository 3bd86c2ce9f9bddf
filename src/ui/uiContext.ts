import type * as vscode from 'vscode';
import type { AccountStore } from '../auth/accounts';
import type { ZendeskClients } from '../auth/clients';
import type { Prompter } from './prompts';

/** What the user-interface helpers use: the questions and messages, the log, the accounts and their clients. */
export interface UiContext {
  readonly extensionContext: vscode.ExtensionContext;
  readonly accounts: AccountStore;
  readonly clients: ZendeskClients;
  readonly log: vscode.LogOutputChannel;
  readonly prompter: Prompter;
}
