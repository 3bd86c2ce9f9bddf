import type { OperationStore } from './saveQueue';
import type { BulkChunk, BulkItem, BulkOperation, ItemAction, ItemOutcome, OperationLease } from './model';
import { LEGACY_INDEX_KEY } from './storedKeys';

/** The part of VS Code's Memento used here (structural, so this file needs no `vscode` import). */
export interface MementoLike {
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): PromiseLike<void>;
}

const INDEX_KEY = LEGACY_INDEX_KEY;
const ITEMS_KEY = (id: string): string => `zendesk.bulkOperation.items.${id}`;

/**
 * What an item is never changes: saved once, under the operation's own key. The action and the
 * item it waits for (issue 15) are appended only when there are some, so items saved before read as before.
 */
export type ItemDefinition = [userId: number, organizationId: number, membershipId: number | null, makeDefault: 0 | 1, userLabel: string, organizationLabel: string, action?: ItemAction, after?: number | null];

/** What changes: the operation without its items, one character per item's outcome, and the few details there are. */
export type PersistedOperation = Omit<BulkOperation, 'items' | 'chunks'> & {
  /** Chunks with their item indexes as a [first, count] range where they are contiguous (always, today). */
  chunks: Array<Omit<BulkChunk, 'items'> & { items?: number[]; range?: [number, number] }>;
  outcomes: string;
  details: Record<number, string>;
};

const OUTCOME_CODES: Record<ItemOutcome, string> = { pending: 'p', submitted: 's', succeeded: 'y', failed: 'n', cancelled: 'c' };
const OUTCOMES_BY_CODE = Object.fromEntries(Object.entries(OUTCOME_CODES).map(([outcome, code]) => [code, outcome])) as Record<string, ItemOutcome>;

/**
 * Bulk operations wholly in globalState, as earlier versions kept them (the extension now keeps
 * them in files, fileOperationStore.ts, and reads this layout once to move it there). The
 * items of an operation are written once; each later save writes only states and outcomes — a
 * few kilobytes for a 10,000-item operation instead of megabytes.
 */
export class GlobalStateOperationStore implements OperationStore {
  private readonly itemsSaved = new Set<string>();
  /**
   * The last operation revived from each stored record, by the record's text: windows re-read the
   * store every few seconds, and reviving thousands of items each time would stall the host.
   */
  private readonly revived = new Map<string, { record: string; operation: BulkOperation }>();

  constructor(private readonly memento: MementoLike) {}

  load(): BulkOperation[] {
    const stored = this.index();
    const ids = new Set(stored.map((state) => state.id));
    [...this.revived.keys()].filter((id) => !ids.has(id)).forEach((id) => this.revived.delete(id));
    return stored.flatMap((state) => {
      const record = JSON.stringify(state);
      const cached = this.revived.get(state.id);
      if (cached?.record === record) {
        return [cached.operation];
      }
      const definitions = this.memento.get<ItemDefinition[] | undefined>(ITEMS_KEY(state.id), undefined);
      if (!Array.isArray(definitions) || definitions.length !== state.outcomes?.length) {
        return []; // an incomplete record is not worth resurrecting half of
      }
      this.itemsSaved.add(state.id);
      const operation = revive(state, definitions);
      this.revived.set(state.id, { record, operation });
      return [operation];
    });
  }

  /**
   * Re-reads what is stored (other windows write here too) and changes only what this window
   * says: `changed` replaces or adds, `dropped` goes, everything else stays. An operation another
   * window has leased more recently is theirs: this window's stale copy does not overwrite it.
   */
  async save(changed: BulkOperation[], dropped: readonly string[]): Promise<void> {
    if (changed.length === 0 && dropped.length === 0) {
      return; // nothing of this window's to write (the periodic sync of an idle window)
    }
    for (const operation of changed) {
      if (!this.itemsSaved.has(operation.id)) {
        await this.memento.update(ITEMS_KEY(operation.id), operation.items.map(define));
        this.itemsSaved.add(operation.id);
      }
    }
    const stored = new Map(this.index().map((state) => [state.id, state]));
    for (const operation of changed) {
      if (!leasedByAnother(stored.get(operation.id)?.lease, operation.lease)) {
        stored.set(operation.id, stateOf(operation));
      }
    }
    dropped.forEach((id) => stored.delete(id));
    await this.memento.update(INDEX_KEY, [...stored.values()]);
    for (const id of dropped) {
      await this.memento.update(ITEMS_KEY(id), undefined); // pruned
      this.itemsSaved.delete(id);
    }
  }

  private index(): PersistedOperation[] {
    const stored = this.memento.get<unknown>(INDEX_KEY, []);
    return Array.isArray(stored) ? stored as PersistedOperation[] : [];
  }
}

/** The stored copy is held by another window, which renewed it no earlier than this copy was. */
export function leasedByAnother(stored: OperationLease | undefined, mine: OperationLease | undefined): boolean {
  return stored !== undefined && stored.owner !== mine?.owner && stored.renewedAt >= (mine?.renewedAt ?? 0);
}

export function define(item: BulkItem): ItemDefinition {
  const definition: ItemDefinition = [item.userId, item.organizationId, item.membershipId ?? null, item.makeDefault ? 1 : 0, item.userLabel, item.organizationLabel];
  if (item.action) {
    definition.push(item.action, item.after ?? null);
  }
  return definition;
}

export function stateOf(operation: BulkOperation): PersistedOperation {
  const details: Record<number, string> = {};
  for (const item of operation.items) {
    if (item.detail) {
      details[item.index] = item.detail;
    }
  }
  const { items: _items, chunks, ...rest } = operation;
  return {
    ...rest,
    chunks: chunks.map(({ items, ...chunk }) => (isRange(items) ? { ...chunk, range: [items[0], items.length] } : { ...chunk, items })),
    outcomes: operation.items.map((item) => OUTCOME_CODES[item.outcome]).join(''),
    details,
  };
}

function isRange(indexes: number[]): boolean {
  return indexes.length > 0 && indexes.every((index, offset) => index === indexes[0] + offset);
}

export function revive(state: PersistedOperation, definitions: ItemDefinition[]): BulkOperation {
  const { outcomes, details, chunks: storedChunks, ...rest } = state;
  const chunks: BulkChunk[] = storedChunks.map(({ range, items, ...chunk }) => ({
    ...chunk,
    items: range ? Array.from({ length: range[1] }, (_, offset) => range[0] + offset) : items ?? [],
  }));
  const chunkOf = new Map<number, number>();
  chunks.forEach((chunk) => chunk.items.forEach((index) => chunkOf.set(index, chunk.index)));
  const items = definitions.map(([userId, organizationId, membershipId, makeDefault, userLabel, organizationLabel, action, after], index): BulkItem => ({
    index, userId, organizationId, userLabel, organizationLabel,
    ...(membershipId !== null ? { membershipId } : {}),
    ...(makeDefault ? { makeDefault: true } : {}),
    ...(action ? { action } : {}),
    ...(typeof after === 'number' ? { after } : {}),
    outcome: OUTCOMES_BY_CODE[outcomes[index]] ?? 'pending',
    ...(details[index] ? { detail: details[index] } : {}),
    chunk: chunkOf.get(index),
  }));
  return { ...rest, chunks, items };
}
