import type * as vscode from 'vscode';
import type { LiveInputOptions, Prompter, SearchManyOptions, SearchOptions } from '../../src/ui/prompts';

/** One scripted answer, consumed in order by the next question of the same kind. */
export type Answer =
  | { input: string | undefined }
  | { pick: (item: vscode.QuickPickItem & Record<string, unknown>) => boolean }
  | { search: string; choose: (item: vscode.QuickPickItem & Record<string, unknown>) => boolean }
  /** Types each text in turn (the command hears each), then presses Enter (or Escape with `escape`). */
  | { type: string[]; escape?: boolean }
  | { searchMany: string[]; choose: (item: vscode.QuickPickItem & Record<string, unknown>) => boolean }
  | { confirm: boolean }
  | { modal: string | undefined }
  | { file: string | undefined }
  | { saveAs: string | undefined }
  | { browse: (url: string) => Promise<void> }
  | { reply: string };

export interface ShownMessage {
  level: 'info' | 'warn' | 'error';
  text: string;
  actions: string[];
}

/**
 * Answers a command's questions from a script, in order, and records what it showed. A
 * question nobody scripted fails the test instead of hanging it.
 */
export class ScriptedPrompter implements Prompter {
  private answers: Answer[] = [];
  readonly messages: ShownMessage[] = [];
  readonly confirmations: Array<{ message: string; detail: string; action: string }> = [];
  readonly validationErrors: string[] = [];
  /** Every input box asked for, with what it offered (title, pre-filled value). */
  readonly inputs: vscode.InputBoxOptions[] = [];
  readonly opened: string[] = [];
  readonly browseErrors: unknown[] = [];
  /** Rows a failed search left in the pick (the real prompter shows them the same way). */
  readonly searchFailureRows: string[] = [];
  /** What a search that found nothing said in its pick (SearchOptions.noMatches). */
  readonly noMatchRows: string[] = [];

  /** `searchFailureRow`: the extension's own rule (from its test API), so errors are its own classes. */
  constructor(private readonly searchFailureRow: (error: unknown) => string | undefined) {}

  script(...answers: Answer[]): this {
    this.answers.push(...answers);
    return this;
  }

  get unused(): number {
    return this.answers.length;
  }

  reset(): void {
    this.answers = [];
    this.messages.length = 0;
    this.confirmations.length = 0;
    this.validationErrors.length = 0;
    this.inputs.length = 0;
    this.opened.length = 0;
    this.browseErrors.length = 0;
    this.searchFailureRows.length = 0;
    this.offeredNames.length = 0;
    this.noMatchRows.length = 0;
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.inputs.push(options);
    const answer = this.next('input', options.title ?? options.prompt);
    if (answer.input !== undefined && options.validateInput) {
      const problem = await options.validateInput(answer.input);
      if (problem) {
        this.validationErrors.push(typeof problem === 'string' ? problem : problem.message);
        return undefined;
      }
    }
    return answer.input;
  }

  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    const answer = this.next('pick', options.title ?? options.placeHolder);
    return items.find((item) => answer.pick(item as unknown as vscode.QuickPickItem & Record<string, unknown>));
  }

  async search<T extends vscode.QuickPickItem>(options: SearchOptions<T>): Promise<T | undefined> {
    const answer = this.next('search', options.title);
    const items = await this.runSearch(options, answer.search);
    if (items.length === 0 && options.noMatches) {
      this.noMatchRows.push(options.noMatches(answer.search));
    }
    return items.find((item) => answer.choose(item as unknown as vscode.QuickPickItem & Record<string, unknown>));
  }

  async liveInput(options: LiveInputOptions): Promise<string | undefined> {
    const answer = this.next('type', options.title);
    for (const text of answer.type) {
      options.onDidChangeValue(text);
    }
    return answer.escape ? undefined : answer.type.at(-1);
  }

  /** Runs each scripted search and checks every result `choose` accepts, as a person would. */
  async searchMany<T extends vscode.QuickPickItem>(options: SearchManyOptions<T>): Promise<T[] | undefined> {
    const answer = this.next('searchMany', options.title);
    const chosen = new Map<string, T>();
    for (const text of answer.searchMany) {
      for (const item of await this.runSearch(options, text)) {
        if (answer.choose(item as unknown as vscode.QuickPickItem & Record<string, unknown>)) {
          chosen.set(options.key(item), item);
        }
      }
    }
    return chosen.size ? [...chosen.values()] : undefined;
  }

  /** A failed search either leaves a row (and nothing to choose) or rejects, as in VS Code. */
  private async runSearch<T extends vscode.QuickPickItem>(options: SearchOptions<T>, text: string): Promise<T[]> {
    try {
      return await options.search(text, new AbortController().signal);
    } catch (error) {
      const row = this.searchFailureRow(error);
      if (row === undefined) {
        throw error;
      }
      this.searchFailureRows.push(row);
      return [];
    }
  }

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    this.confirmations.push({ message, detail, action });
    return this.next('confirm', message).confirm;
  }

  async chooseFile(title: string): Promise<vscode.Uri | undefined> {
    const { file } = this.next('file', title);
    return file === undefined ? undefined : (await import('vscode')).Uri.file(file);
  }

  /** Save dialogs: the path scripted, and the default file name each one offered. */
  readonly offeredNames: string[] = [];

  async saveFile(title: string, defaultUri: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
    const { saveAs } = this.next('saveAs', title);
    this.offeredNames.push(defaultUri ? defaultUri.path.split('/').at(-1) ?? '' : '');
    return saveAs === undefined ? undefined : (await import('vscode')).Uri.file(saveAs);
  }

  /** A scripted "browser" gets the URL the command wanted to open (it must not block the command). */
  async openExternal(url: string): Promise<boolean> {
    const { browse } = this.next('browse', url);
    this.opened.push(url);
    void browse(url).catch((error: unknown) => this.browseErrors.push(error));
    return true;
  }

  async modal(message: string, detail: string, actions: string[]): Promise<string | undefined> {
    this.confirmations.push({ message, detail, action: actions.join(' | ') });
    return this.next('modal', message).modal;
  }

  info(text: string, ...actions: string[]): Promise<string | undefined> { return this.show('info', text, actions); }
  warn(text: string, ...actions: string[]): Promise<string | undefined> { return this.show('warn', text, actions); }
  error(text: string, ...actions: string[]): Promise<string | undefined> { return this.show('error', text, actions); }

  lastMessage(): ShownMessage | undefined {
    return this.messages.at(-1);
  }

  private async show(level: ShownMessage['level'], text: string, actions: string[]): Promise<string | undefined> {
    this.messages.push({ level, text, actions });
    const next = this.answers[0];
    if (next && 'reply' in next) {
      this.answers.shift();
      return next.reply;
    }
    return undefined;
  }

  private next<K extends 'input' | 'pick' | 'search' | 'searchMany' | 'type' | 'confirm' | 'modal' | 'file' | 'saveAs' | 'browse'>(kind: K, what: string | undefined): Extract<Answer, Record<K, unknown>> {
    const answer = this.answers.shift();
    if (!answer || !(kind in answer)) {
      throw new Error(`unscripted ${kind} "${what ?? ''}" (next scripted: ${answer ? Object.keys(answer).join() : 'nothing'})`);
    }
    return answer as Extract<Answer, Record<K, unknown>>;
  }
}
