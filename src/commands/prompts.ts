import * as vscode from 'vscode';

export interface SearchOptions<T extends vscode.QuickPickItem> {
  title: string;
  placeholder: string;
  /** Called (debounced) as the user types; the signal aborts when they type on. */
  search(text: string, signal: AbortSignal): Promise<T[]>;
}

/**
 * Every question a command asks and every message it shows. Commands depend on this interface
 * rather than on `vscode.window`, so extension-host tests can answer the questions.
 */
export interface Prompter {
  input(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  search<T extends vscode.QuickPickItem>(options: SearchOptions<T>): Promise<T | undefined>;
  /** A modal warning with one destructive action; true only if the user chose it. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  info(message: string, ...actions: string[]): Thenable<string | undefined>;
  warn(message: string, ...actions: string[]): Thenable<string | undefined>;
  error(message: string, ...actions: string[]): Thenable<string | undefined>;
}

const SEARCH_DEBOUNCE_MS = 250;

export class VsCodePrompter implements Prompter {
  input(options: vscode.InputBoxOptions): Thenable<string | undefined> {
    return vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  }

  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined> {
    return vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options });
  }

  search<T extends vscode.QuickPickItem>(options: SearchOptions<T>): Promise<T | undefined> {
    const quickPick = vscode.window.createQuickPick<T>();
    quickPick.title = options.title;
    quickPick.placeholder = options.placeholder;
    quickPick.ignoreFocusOut = true;
    quickPick.matchOnDescription = true;
    quickPick.matchOnDetail = true;
    let timer: NodeJS.Timeout | undefined;
    let pending: AbortController | undefined;

    const run = (text: string): void => {
      pending?.abort();
      if (text.trim() === '') {
        quickPick.items = [];
        quickPick.busy = false;
        return;
      }
      const controller = new AbortController();
      pending = controller;
      quickPick.busy = true;
      options.search(text.trim(), controller.signal).then((items) => {
        if (!controller.signal.aborted) {
          // Zendesk already matched them; keep the quick pick's own filter from hiding any.
          quickPick.items = items.map((item) => ({ ...item, alwaysShow: true }));
          quickPick.busy = false;
        }
      }, (error: unknown) => {
        if (!controller.signal.aborted) {
          quickPick.busy = false;
          quickPick.items = [{ label: `$(error) ${error instanceof Error ? error.message : String(error)}`, alwaysShow: true } as T];
        }
      });
    };

    return new Promise<T | undefined>((resolve) => {
      quickPick.onDidChangeValue((text) => {
        clearTimeout(timer);
        timer = setTimeout(() => run(text), SEARCH_DEBOUNCE_MS);
      });
      quickPick.onDidAccept(() => {
        const [selected] = quickPick.selectedItems;
        if (selected && !selected.label.startsWith('$(error)')) {
          resolve(selected);
          quickPick.hide();
        }
      });
      quickPick.onDidHide(() => {
        clearTimeout(timer);
        pending?.abort();
        resolve(undefined);
        quickPick.dispose();
      });
      quickPick.show();
    });
  }

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
    return choice === action;
  }

  info(message: string, ...actions: string[]): Thenable<string | undefined> {
    return vscode.window.showInformationMessage(message, ...actions);
  }

  warn(message: string, ...actions: string[]): Thenable<string | undefined> {
    return vscode.window.showWarningMessage(message, ...actions);
  }

  error(message: string, ...actions: string[]): Thenable<string | undefined> {
    return vscode.window.showErrorMessage(message, ...actions);
  }
}
