import { countItems, type BulkOperation, type OperationCounts } from './model';
import {
  GlobalStateOperationStore, define, leasedByAnother, revive, stateOf,
  type ItemDefinition, type MementoLike, type PersistedOperation,
} from './globalStateStore';
import type { OperationFiles } from './operationFiles';
import type { OperationStore } from './saveQueue';
import { INDEX_KEY, LEGACY_INDEX_KEY } from './storedKeys';

/** What globalState keeps of an operation: no items and no chunks, a few hundred bytes however large it is. */
export type IndexEntry = Omit<PersistedOperation, 'chunks' | 'outcomes' | 'details'> & {
  counts: OperationCounts;
  /** Bumped by every save of the operation: a reader re-reads its file only when it changed. */
  revision: number;
};

/** An operation's file of what changes (rewritten by each save): chunks, one character per item's outcome, details. */
type StateFile = Pick<PersistedOperation, 'chunks' | 'outcomes' | 'details'> & { revision: number };

const itemsFile = (id: string): string => `${id}.items.json`;
const stateFile = (id: string): string => `${id}.state.json`;
/** An operation's file (its operation's id first), or what is left of writing one (a temporary file, see operationFiles.ts: the last group). */
const OPERATION_FILE = /^(.+)\.(?:items|state)\.json(\.[0-9a-f]+\.tmp)?$/;
/** Files younger than this are never swept: another window may be between writing them and writing the index. */
export const ORPHAN_MIN_AGE_MS = 60 * 60 * 1000;

/**
 * Bulk operations kept for the windows of a profile across reloads: a small index in globalState
 * (ids, kind, title, state, counts, lease) and the per-item detail in two files per operation (its
 * items, written once; its chunks and outcomes, replaced whole by each save). globalState stays a
 * few hundred bytes an operation however large the operations are (retention.ts bounds how many are
 * kept). Operations an earlier version kept wholly in globalState are read once and moved here.
 */
export class FileOperationStore implements OperationStore {
  private readonly itemsSaved = new Set<string>();
  private readonly definitions = new Map<string, ItemDefinition[]>();
  /** The last operation revived from each entry, by the entry's text: windows re-read the store every few seconds. */
  private readonly revived = new Map<string, { entry: string; operation: BulkOperation }>();
  private readonly legacy: GlobalStateOperationStore;
  /** Writes one at a time: the move of an earlier version's operations, then every save. */
  private writing: Promise<void> = Promise.resolve();
  private migrating = false;

  constructor(private readonly memento: MementoLike, private readonly files: OperationFiles) {
    this.legacy = new GlobalStateOperationStore(memento);
  }

  load(): BulkOperation[] {
    const entries = this.index();
    const ids = new Set(entries.map((entry) => entry.id));
    [...this.revived.keys()].filter((id) => !ids.has(id)).forEach((id) => this.revived.delete(id));
    const operations = entries.flatMap((entry) => this.reviveEntry(entry) ?? []);
    const old = this.hasLegacy() ? this.legacy.load().filter((operation) => !ids.has(operation.id)) : [];
    if (old.length > 0 && !this.migrating) {
      this.migrating = true;
      void this.migrate(old).catch(() => { this.migrating = false; }); // tried again at the next load
    }
    return [...operations, ...old];
  }

  /** Resolves when what an earlier version stored has been moved (at once when there was nothing). */
  whenMigrated(): Promise<void> {
    return this.writing;
  }

  save(changed: BulkOperation[], dropped: readonly string[]): Promise<void> {
    if (changed.length === 0 && dropped.length === 0) {
      return this.writing; // nothing of this window's to write (the periodic sync of an idle window)
    }
    const write = (): Promise<void> => this.write(changed, dropped);
    this.writing = this.writing.then(write, write);
    return this.writing;
  }

  /**
   * Re-reads the index (other windows write here too) and changes only what this window says. An
   * operation another window has leased more recently is theirs: this window's stale copy writes
   * nothing. Files first, then the index: an entry never names a file not yet written.
   */
  private async write(changed: BulkOperation[], dropped: readonly string[]): Promise<void> {
    const before = new Map(this.index().map((entry) => [entry.id, entry]));
    const mine = changed.filter((operation) => !leasedByAnother(before.get(operation.id)?.lease, operation.lease));
    const entries: IndexEntry[] = [];
    for (const operation of mine) {
      if (!this.itemsSaved.has(operation.id)) {
        await this.files.write(itemsFile(operation.id), JSON.stringify(operation.items.map(define)));
        this.itemsSaved.add(operation.id);
      }
      const { chunks, outcomes, details, ...header } = stateOf(operation);
      const revision = (before.get(operation.id)?.revision ?? 0) + 1;
      await this.files.write(stateFile(operation.id), JSON.stringify({ revision, chunks, outcomes, details } satisfies StateFile));
      entries.push({ ...header, counts: countItems(operation), revision });
    }
    const stored = new Map(this.index().map((entry) => [entry.id, entry]));
    entries.forEach((entry) => stored.set(entry.id, entry));
    dropped.forEach((id) => stored.delete(id));
    await this.memento.update(INDEX_KEY, [...stored.values()]);
    for (const id of dropped) {
      this.itemsSaved.delete(id);
      this.definitions.delete(id);
      await this.files.remove(stateFile(id));
      await this.files.remove(itemsFile(id));
    }
  }

  /**
   * Deletes the files of operations the index does not name (a window stopped between writing an
   * operation's files and its index entry, or between dropping the entry and deleting the files)
   * and the temporary files of writes cut short, once they are an hour old. Resolves with the
   * names deleted.
   */
  sweepOrphans(now: number = Date.now()): Promise<string[]> {
    const deleted: string[] = [];
    const sweep = async (): Promise<void> => {
      const indexed = new Set(this.index().map((entry) => entry.id));
      for (const { name, modifiedMs } of this.files.list()) {
        const [, id, temporary] = OPERATION_FILE.exec(name) ?? [];
        if (id === undefined || (indexed.has(id) && !temporary) || now - modifiedMs < ORPHAN_MIN_AGE_MS) continue;
        await this.files.remove(name);
        deleted.push(name);
      }
    };
    this.writing = this.writing.then(sweep, sweep);
    return this.writing.then(() => deleted);
  }

  /** Writes an earlier version's operations here, then deletes them from where it kept them. */
  private migrate(operations: BulkOperation[]): Promise<void> {
    const move = async (): Promise<void> => {
      const present = new Set(this.index().map((entry) => entry.id));
      await this.write(operations.filter((operation) => !present.has(operation.id)), []);
      await this.legacy.save([], operations.map((operation) => operation.id));
      if (this.memento.get<unknown[]>(LEGACY_INDEX_KEY, []).length === 0) {
        await this.memento.update(LEGACY_INDEX_KEY, undefined);
      }
    };
    this.writing = this.writing.then(move, move);
    return this.writing;
  }

  private reviveEntry(entry: IndexEntry): BulkOperation | undefined {
    const text = JSON.stringify(entry);
    const cached = this.revived.get(entry.id);
    if (cached?.entry === text) {
      return cached.operation;
    }
    const definitions = this.definitionsOf(entry.id);
    const state = parse<StateFile>(this.files.read(stateFile(entry.id)));
    if (!definitions || !state || typeof state.outcomes !== 'string' || definitions.length !== state.outcomes.length || !Array.isArray(state.chunks)) {
      return undefined; // an incomplete record is not worth resurrecting half of
    }
    const { counts: _counts, revision: _revision, ...header } = entry;
    const operation = revive({ ...header, chunks: state.chunks, outcomes: state.outcomes, details: state.details ?? {} }, definitions);
    this.itemsSaved.add(entry.id);
    this.revived.set(entry.id, { entry: text, operation });
    return operation;
  }

  /** An operation's items never change: read once. */
  private definitionsOf(id: string): ItemDefinition[] | undefined {
    let definitions = this.definitions.get(id);
    if (!definitions) {
      const read = parse<ItemDefinition[]>(this.files.read(itemsFile(id)));
      definitions = Array.isArray(read) ? read : undefined;
      if (definitions) {
        this.definitions.set(id, definitions);
      }
    }
    return definitions;
  }

  private hasLegacy(): boolean {
    const stored = this.memento.get<unknown>(LEGACY_INDEX_KEY, undefined);
    return Array.isArray(stored) && stored.length > 0;
  }

  private index(): IndexEntry[] {
    const stored = this.memento.get<unknown>(INDEX_KEY, []);
    return Array.isArray(stored) ? stored as IndexEntry[] : [];
  }
}

function parse<T>(text: string | undefined): T | undefined {
  if (text === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined; // a damaged file: its operation is left out
  }
}
