import * as vscode from 'vscode';
import { isZendeskError } from '../zendesk';
import { literal } from '../outsideText';

export interface SearchOptions<T extends vscode.QuickPickItem> {
  title: string;
  placeholder: string;
  /** Called (debounced) as the user types; the signal aborts when they type on. */
  search(text: string, signal: AbortSignal): Promise<T[]>;
  /** What the pick says when a search finds nothing (a row that cannot be chosen). @literalText */
  noMatches?(text: string): string;
}

/** An input box whose text is used while it is typed (the Organizations filter). */
export interface LiveInputOptions {
  title: string;
  prompt: string;
  placeholder: string;
  value?: string;
  /** The text so far, debounced; the last text is handed over again on Enter. */
  onDidChangeValue(text: string): void;
}

export interface SearchManyOptions<T extends vscode.QuickPickItem> extends SearchOptions<T> {
  /** Identity of an item, so choices survive new searches. */
  key(item: T): string;
}

/**
 * Every question a command asks and every message it shows. Commands depend on this interface
 * rather than on `vscode.window`, so extension-host tests can answer the questions.
 */
export interface Prompter {
  input(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  search<T extends vscode.QuickPickItem>(options: SearchOptions<T>): Promise<T | undefined>;
  /** An input box that reports its text as it is typed; the text on Enter, undefined on Escape. */
  liveInput(options: LiveInputOptions): Promise<string | undefined>;
  /** Like `search`, but the user checks any number of results across several searches. */
  searchMany<T extends vscode.QuickPickItem>(options: SearchManyOptions<T>): Promise<T[] | undefined>;
  /** A modal warning with one destructive action; true only if the user chose it. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** A modal question with several actions; the one chosen, or undefined for Cancel. */
  modal(message: string, detail: string, actions: string[]): Promise<string | undefined>;
  /** An open-file dialog; the chosen file, or undefined. */
  chooseFile(title: string, filters: Record<string, string[]>): Thenable<vscode.Uri | undefined>;
  /** A save-file dialog offering `defaultUri`; the chosen file, or undefined. */
  saveFile(title: string, defaultUri: vscode.Uri | undefined, filters: Record<string, string[]>): Thenable<vscode.Uri | undefined>;
  /** Opens a page in the user's browser (the OAuth authorization page). */
  openExternal(url: string): Thenable<boolean>;
  info(message: string, ...actions: string[]): Thenable<string | undefined>;
  warn(message: string, ...actions: string[]): Thenable<string | undefined>;
  error(message: string, ...actions: string[]): Thenable<string | undefined>;
}

const SEARCH_DEBOUNCE_MS = 250;
/** Typing pauses this long before the filter asks Zendesk. */
export const LIVE_INPUT_DEBOUNCE_MS = 300;

/** `env.openExternal` as the extension host implements it (the option is from VS Code's externalUriOpener proposal). */
interface OpenExternalWithOptions {
  openExternal(target: string, options: { allowContributedOpeners?: boolean | string }): Thenable<boolean>;
}

/**
 * What a search that failed does to its quick pick. Only a network failure for one keystroke
 * stays in the pick as a row (typing on searches again); anything else (401, 403, 429, a
 * server error) closes the pick and rejects, so the command's failure handling can offer
 * Sign In, explain the role or offer Retry. Both prompters decide through this one function
 * (the extension-host tests' prompter gets it through the test API).
 * @literalText
 */
export function searchFailureRow(error: unknown): string | undefined {
  if (isZendeskError(error) && error.status === 0) {
    return vscode.l10n.t("$(error) Couldn't reach Zendesk ({0}). Type again to retry.", literal(error.message, 300));
  }
  return undefined;
}

export class VsCodePrompter implements Prompter {
  input(options: vscode.InputBoxOptions): Thenable<string | undefined> {
    return vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  }

  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined> {
    return vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options });
  }

  async search<T extends vscode.QuickPickItem>(options: SearchOptions<T>): Promise<T | undefined> {
    const [picked] = (await this.searchPick(options, false)) ?? [];
    return picked;
  }

  liveInput(options: LiveInputOptions): Promise<string | undefined> {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.value = options.value ?? '';
    box.ignoreFocusOut = true;
    let timer: NodeJS.Timeout | undefined;
    let accepted = false;
    return new Promise<string | undefined>((resolve) => {
      box.onDidChangeValue((text) => {
        clearTimeout(timer);
        timer = setTimeout(() => options.onDidChangeValue(text), LIVE_INPUT_DEBOUNCE_MS);
      });
      box.onDidAccept(() => {
        accepted = true;
        clearTimeout(timer);
        options.onDidChangeValue(box.value);
        resolve(box.value);
        box.hide();
      });
      box.onDidHide(() => {
        clearTimeout(timer);
        if (!accepted) {
          resolve(undefined);
        }
        box.dispose();
      });
      box.show();
    });
  }

  searchMany<T extends vscode.QuickPickItem>(options: SearchManyOptions<T>): Promise<T[] | undefined> {
    return this.searchPick(options, true);
  }

  /** A quick pick fed by debounced server searches; with `many`, checked items stay across searches. */
  private searchPick<T extends vscode.QuickPickItem>(options: SearchOptions<T> & { key?(item: T): string }, many: boolean): Promise<T[] | undefined> {
    let fail: (error: unknown) => void = () => undefined;
    const quickPick = vscode.window.createQuickPick<T>();
    quickPick.title = options.title;
    quickPick.placeholder = options.placeholder;
    quickPick.ignoreFocusOut = true;
    quickPick.matchOnDescription = true;
    quickPick.matchOnDetail = true;
    quickPick.canSelectMany = many;
    const chosen = new Map<string, T>();
    const keyOf = (item: T): string => options.key?.(item) ?? item.label;
    let timer: NodeJS.Timeout | undefined;
    let pending: AbortController | undefined;

    /** Rows the pick shows about the search (nothing found); choosing one does nothing. */
    const notes = new WeakSet<vscode.QuickPickItem>();
    const show = (results: T[], text?: string): void => {
      // Zendesk already matched them; alwaysShow keeps the quick pick's own filter from hiding any.
      const fresh = results.filter((item) => !chosen.has(keyOf(item)));
      const items: T[] = [...chosen.values(), ...fresh].map((item) => ({ ...item, alwaysShow: true }));
      if (items.length === 0 && text !== undefined && options.noMatches) {
        const note = { label: `$(info) ${options.noMatches(text)}`, alwaysShow: true } as T;
        notes.add(note);
        items.push(note);
      }
      // eslint-disable-next-line local/outside-text -- the results of options.search, checked where each search is written
      quickPick.items = items;
      if (many) {
        quickPick.selectedItems = items.filter((item) => chosen.has(keyOf(item)));
      }
    };
    const run = (text: string): void => {
      pending?.abort();
      if (text.trim() === '') {
        show([]);
        quickPick.busy = false;
        return;
      }
      const controller = new AbortController();
      pending = controller;
      quickPick.busy = true;
      options.search(text.trim(), controller.signal).then((items) => {
        if (!controller.signal.aborted) {
          show(items, text.trim());
          quickPick.busy = false;
        }
      }, (error: unknown) => {
        if (controller.signal.aborted) {
          return;
        }
        quickPick.busy = false;
        const row = searchFailureRow(error);
        if (row === undefined) {
          fail(error);
        } else {
          quickPick.items = [{ label: row, alwaysShow: true } as T];
        }
      });
    };

    return new Promise<T[] | undefined>((resolve, reject) => {
      fail = (error) => {
        reject(error);
        quickPick.hide();
      };
      quickPick.onDidChangeValue((text) => {
        clearTimeout(timer);
        timer = setTimeout(() => run(text), SEARCH_DEBOUNCE_MS);
      });
      quickPick.onDidChangeSelection((selection) => {
        if (!many) {
          return;
        }
        const shown = new Set(quickPick.items.map(keyOf));
        for (const key of [...chosen.keys()]) {
          if (shown.has(key) && !selection.some((item) => keyOf(item) === key)) {
            chosen.delete(key);
          }
        }
        selection.forEach((item) => chosen.set(keyOf(item), item));
        quickPick.title = `${options.title} (${chosen.size})`;
      });
      quickPick.onDidAccept(() => {
        const picked = many ? [...chosen.values()] : quickPick.selectedItems.filter((item) => !item.label.startsWith('$(error)') && !notes.has(item));
        if (picked.length > 0) {
          resolve(picked);
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
    return (await this.modal(message, detail, [action])) === action;
  }

  async modal(message: string, detail: string, actions: string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  }

  async chooseFile(title: string, filters: Record<string, string[]>): Promise<vscode.Uri | undefined> {
    const [file] = await vscode.window.showOpenDialog({ title, filters, canSelectMany: false, openLabel: vscode.l10n.t('Import') }) ?? [];
    return file;
  }

  saveFile(title: string, defaultUri: vscode.Uri | undefined, filters: Record<string, string[]>): Thenable<vscode.Uri | undefined> {
    return vscode.window.showSaveDialog({ title, defaultUri, filters, saveLabel: vscode.l10n.t('Export') });
  }

  openExternal(url: string): Thenable<boolean> {
    // Passed as a string: a vscode.Uri re-encodes its query when it is turned back into text,
    // which mangles a redirect_uri that has a query of its own (VS Code for the web's callback
    // URL); the extension host opens a string exactly as written.
    // allowContributedOpeners (the option VS Code's own link clicks pass): without it, VS Code
    // checks the link against the first URL it resolved for the same origin in this window (its
    // map of resolved targets is keyed by origin alone, and code-server resolves every URL), so
    // after the OAuth sign-in "Open in Zendesk" asked about the old authorize URL. With it, the
    // confirmation names the URL that opens.
    return (vscode.env as unknown as OpenExternalWithOptions).openExternal(url, { allowContributedOpeners: true });
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
