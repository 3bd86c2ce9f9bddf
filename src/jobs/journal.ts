// The history of what the extension changed in a Zendesk account: one entry per membership added,
// removed, unassigned or made the default, by a single command or by an item of a bulk operation
// that succeeded. Plain JSON lines (journalFile.ts keeps them); entries hold ids and names, never a
// credential. Pure: no `vscode`, no file system.
import { type BulkItem, type BulkOperation, itemChange } from './model';

export type JournalAction = 'added' | 'removed' | 'madeDefault' | 'unassigned';

export interface JournalEntry {
  /** When (ms since the epoch). */
  at: number;
  /** The bulk operation's id, or a new one for a single command. */
  operationId: string;
  /** The operation's title ("Add 250 members to Acme", "Remove Membership"). */
  operation: string;
  /** The bulk operation's kind, or `single`. */
  kind: string;
  /** The VS Code window that made the change. */
  window: string;
  action: JournalAction;
  userId: number;
  userName: string;
  organizationId: number;
  organizationName: string;
  membershipId?: number;
  /** Removed or unassigned: whether it was the user's default organization. */
  wasDefault?: boolean;
  /** Added: as the user's default organization. */
  asDefault?: boolean;
  /** Where the default changed: the user's default organization before (null: none). */
  previousDefaultId?: number | null;
  previousDefaultName?: string;
  /** This change undid part of that operation. */
  undoOf?: string;
}

/** An entry's change, without what the journal adds (when, which operation, which window). */
export type JournalChange = Omit<JournalEntry, 'at' | 'operationId' | 'operation' | 'kind' | 'window' | 'undoOf'>;

export interface JournalOperationInfo {
  operationId: string;
  operation: string;
  kind: string;
  window: string;
  at: number;
  undoOf?: string;
}

export function journalEntries(info: JournalOperationInfo, changes: readonly JournalChange[]): JournalEntry[] {
  return changes.map((change) => ({ ...info, ...change }));
}

/** Where journal entries are written: one small interface, so commands and the jobs layer record without knowing files. */
export interface HistoryRecorder {
  record(origin: string, entries: readonly JournalEntry[]): Promise<void>;
}

/** One journal line per entry, each ending in a newline. */
export function serializeEntries(entries: readonly JournalEntry[]): string {
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}

/**
 * The entries of a journal file, oldest first. A line that is not a whole entry (a write torn by a
 * crash, or two windows' writes interleaved) is left out and counted, never fatal.
 */
export function parseJournal(text: string): { entries: JournalEntry[]; unreadable: number } {
  const entries: JournalEntry[] = [];
  let unreadable = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      continue;
    }
    const entry = parseEntry(line);
    if (entry) {
      entries.push(entry);
    } else {
      unreadable++;
    }
  }
  return { entries, unreadable };
}

const ACTIONS: ReadonlySet<string> = new Set(['added', 'removed', 'madeDefault', 'unassigned']);

function parseEntry(line: string): JournalEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const entry = value as Record<string, unknown>;
  const numbers = ['at', 'userId', 'organizationId'].every((key) => typeof entry[key] === 'number' && Number.isFinite(entry[key]));
  const strings = ['operationId', 'operation', 'kind', 'window', 'userName', 'organizationName'].every((key) => typeof entry[key] === 'string');
  const optionalNumbers = ['membershipId'].every((key) => entry[key] === undefined || typeof entry[key] === 'number');
  const previous = entry.previousDefaultId === undefined || entry.previousDefaultId === null || typeof entry.previousDefaultId === 'number';
  return numbers && strings && optionalNumbers && previous && typeof entry.action === 'string' && ACTIONS.has(entry.action) ? value as JournalEntry : undefined;
}

/** The newest entries within both bounds (a count and a size in bytes of their lines), oldest first. */
export function trimEntries(entries: readonly JournalEntry[], maxEntries: number, maxBytes: number): JournalEntry[] {
  const kept: JournalEntry[] = [];
  let bytes = 0;
  for (let index = entries.length - 1; index >= 0 && kept.length < maxEntries; index--) {
    bytes += Buffer.byteLength(JSON.stringify(entries[index])) + 1;
    if (bytes > maxBytes) {
      break;
    }
    kept.push(entries[index]);
  }
  return kept.reverse();
}

/** The entries of one operation, as the history shows it. */
export interface JournalOperation {
  operationId: string;
  operation: string;
  kind: string;
  window: string;
  /** Its first and last change. */
  from: number;
  to: number;
  undoOf?: string;
  entries: JournalEntry[];
  counts: Record<JournalAction, number>;
}

/** Entries grouped by operation, newest operation first; each group's entries in the order made. */
export function groupByOperation(entries: readonly JournalEntry[]): JournalOperation[] {
  const groups = new Map<string, JournalOperation>();
  for (const entry of entries) {
    let group = groups.get(entry.operationId);
    if (!group) {
      group = {
        operationId: entry.operationId, operation: entry.operation, kind: entry.kind, window: entry.window, from: entry.at, to: entry.at,
        ...(entry.undoOf ? { undoOf: entry.undoOf } : {}), entries: [], counts: { added: 0, removed: 0, madeDefault: 0, unassigned: 0 },
      };
      groups.set(entry.operationId, group);
    }
    group.entries.push(entry);
    group.counts[entry.action]++;
    group.from = Math.min(group.from, entry.at);
    group.to = Math.max(group.to, entry.at);
  }
  return [...groups.values()].sort((a, b) => b.to - a.to);
}

/**
 * The changes a finished bulk operation made: its items that succeeded, and only those that
 * changed something (an item that found the membership already there, or already gone, did not).
 */
export function operationChanges(operation: BulkOperation): JournalChange[] {
  return operation.items.filter((item) => item.outcome === 'succeeded' && !item.already).flatMap((item) => {
    return [journalChange(operation, item)];
  });
}

function journalChange(operation: BulkOperation, item: BulkItem): JournalChange {
  const who = { userId: item.userId, userName: item.userLabel, organizationId: item.organizationId, organizationName: item.organizationLabel };
  const membership = item.membershipId === undefined ? {} : { membershipId: item.membershipId };
  const previous = item.previousDefaultId === undefined ? {} : { previousDefaultId: item.previousDefaultId, ...(item.previousDefaultName ? { previousDefaultName: item.previousDefaultName } : {}) };
  switch (itemChange(operation, item)) {
    case 'makeDefault':
      return { ...who, ...membership, action: 'madeDefault', ...previous };
    case 'remove':
      return { ...who, ...membership, action: 'removed', ...(item.wasDefault === undefined ? {} : { wasDefault: item.wasDefault }) };
    case 'add':
      return { ...who, ...membership, action: 'added', ...(item.makeDefault ? { asDefault: true, ...previous } : {}) };
  }
}
