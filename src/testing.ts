// What the extension does differently when VS Code runs its integration tests (extensionMode
// Test), and only then: the log also keeps its lines, questions go to the prompter the tests hand
// over, and the tree's clock can be stepped. The tests reach these through the test API that
// `activate` returns (extension.ts); nothing here is used outside test mode.
import type * as vscode from 'vscode';
import type { LiveInputOptions, Prompter, SearchManyOptions, SearchOptions } from './ui/prompts';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error']);

/** The log channel, with every line also kept in `lines`, so tests can prove what the log holds (and that no credential is among it). */
export function recordingLog(channel: vscode.LogOutputChannel, lines: string[]): vscode.LogOutputChannel {
  return new Proxy(channel, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property === 'string' && LEVELS.has(property) && typeof value === 'function') {
        return (message: string, ...args: unknown[]) => {
          lines.push(`${property} ${message}`);
          return (value as (...all: unknown[]) => unknown).call(target, message, ...args);
        };
      }
      return typeof value === 'function' ? (value as (...all: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The prompter commands are built with in test mode: VS Code's, until a test hands over its own. */
export class HandOverPrompter implements Prompter {
  constructor(private target: Prompter) {}

  answerWith(prompter: Prompter): void {
    this.target = prompter;
  }

  input(options: vscode.InputBoxOptions) { return this.target.input(options); }
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions) { return this.target.pick(items, options); }
  search<T extends vscode.QuickPickItem>(options: SearchOptions<T>) { return this.target.search(options); }
  liveInput(options: LiveInputOptions) { return this.target.liveInput(options); }
  searchMany<T extends vscode.QuickPickItem>(options: SearchManyOptions<T>) { return this.target.searchMany(options); }
  confirm(message: string, detail: string, action: string) { return this.target.confirm(message, detail, action); }
  modal(message: string, detail: string, actions: string[]) { return this.target.modal(message, detail, actions); }
  chooseFile(title: string, filters: Record<string, string[]>) { return this.target.chooseFile(title, filters); }
  saveFile(title: string, defaultUri: vscode.Uri | undefined, filters: Record<string, string[]>) { return this.target.saveFile(title, defaultUri, filters); }
  openExternal(url: string) { return this.target.openExternal(url); }
  info(message: string, ...actions: string[]) { return this.target.info(message, ...actions); }
  warn(message: string, ...actions: string[]) { return this.target.warn(message, ...actions); }
  error(message: string, ...actions: string[]) { return this.target.error(message, ...actions); }
}

/** The tree's clock in test mode: Date.now, until a test sets its own (to step past the "Load more…" cooldown). */
export class TestClock {
  private current: () => number = Date.now;

  readonly now = (): number => this.current();

  use(now: (() => number) | undefined): void {
    this.current = now ?? Date.now;
  }
}
