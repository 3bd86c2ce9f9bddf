// The history as the rest of the extension sees it: bulk operations are recorded here when they
// finish (their items that succeeded), single commands through `ChangeRecorder`, and Show History
// and Undo read it. A failed write is logged, never thrown: the change it describes is made
// already. No `vscode` import.
import { randomUUID } from 'node:crypto';
import { type JournalChange, type JournalEntry, journalEntries, operationChanges } from './journal';
import type { JournalFiles } from './journalFile';
import type { BulkOperation } from './model';

/** What a single command records its write through (commands/command.ts hands it over). */
export interface ChangeRecorder {
  /** One command's changes, as an operation of its own (`title` names it in the history). */
  recordSingle(origin: string, title: string, changes: readonly JournalChange[]): Promise<void>;
}

export class History implements ChangeRecorder {
  constructor(
    private readonly files: JournalFiles,
    private readonly windowId: string,
    private readonly log: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  recordSingle(origin: string, title: string, changes: readonly JournalChange[]): Promise<void> {
    const info = { operationId: randomUUID(), operation: title, kind: 'single', window: this.windowId, at: this.now() };
    return this.write(origin, journalEntries(info, changes));
  }

  /** A finished bulk operation: the changes its items made. */
  recordOperation(operation: BulkOperation): Promise<void> {
    const info = {
      operationId: operation.id, operation: operation.title, kind: operation.kind, window: this.windowId, at: operation.finishedAt ?? this.now(),
      ...(operation.undoOf ? { undoOf: operation.undoOf } : {}),
    };
    return this.write(operation.origin, journalEntries(info, operationChanges(operation)));
  }

  /** The account's entries, oldest first. */
  read(origin: string): Promise<JournalEntry[]> {
    return this.files.read(origin);
  }

  /** The account's journal file (for the README's privacy note and the tests). */
  fileOf(origin: string): string {
    return this.files.fileOf(origin);
  }

  private async write(origin: string, entries: JournalEntry[]): Promise<void> {
    try {
      await this.files.record(origin, entries);
    } catch (error) {
      this.log(`writing ${entries.length} history entries failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
