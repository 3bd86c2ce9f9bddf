import { randomUUID } from 'node:crypto';
import { BulkItem, BulkKind, BulkOperation, ItemAction, TERMINAL_CHUNK_STATES, defaultJobKind, isCallAction } from './model';
import { chunkIndexes } from './runnerParts';

export type NewItem = Omit<BulkItem, 'index' | 'outcome' | 'chunk' | 'detail' | 'already'>;

export interface NewOperation {
  origin: string;
  kind: BulkKind;
  title: string;
  items: NewItem[];
  retryOf?: string;
  undoOf?: string;
}

/** A new operation, its items split into chunks of 100, leased to `windowId`. */
export function buildOperation(input: NewOperation, windowId: string, now: number): BulkOperation {
  const items: BulkItem[] = input.items.map((item, index) => ({ ...item, index, outcome: 'pending' }));
  // Jobs first (create_many, then destroy_many), then the calls of each action, each in chunks of
  // their own. A chunk names its action unless it is a job of the operation's own kind (add / remove).
  const actionOf = (item: BulkItem): ItemAction => (isCallAction(item.action) ? item.action : item.action ?? defaultJobKind(input.kind));
  const implicit = (action: ItemAction): boolean => action === input.kind;
  const groups = (['add', 'remove', 'makeDefault', 'removeAfterAdd'] as const).map((action) => ({
    action: implicit(action) ? undefined : action,
    indexes: items.filter((item) => actionOf(item) === action).map((item) => item.index),
  }));
  const chunks = groups.flatMap(({ action, indexes }) => chunkIndexes(indexes.length).map((positions) => ({ action, items: positions.map((position) => indexes[position]) })))
    .map(({ action, items: indexes }, index) => {
      indexes.forEach((itemIndex) => { items[itemIndex].chunk = index; });
      return { index, items: indexes, state: 'pending' as const, ...(action ? { action } : {}) };
    });
  return {
    id: randomUUID(), origin: input.origin, kind: input.kind, title: input.title, createdAt: now,
    state: chunks.length ? 'running' : 'completed', items, chunks, retryOf: input.retryOf,
    ...(input.undoOf ? { undoOf: input.undoOf } : {}),
    lease: { owner: windowId, renewedAt: now },
    ...(chunks.length ? {} : { finishedAt: now }),
  };
}

/** The failed items of an operation, as new items of a retry (nothing that already succeeded). */
export function retryInput(operation: BulkOperation): NewOperation {
  const failed = operation.items.filter((item) => item.outcome === 'failed');
  const newIndex = new Map(failed.map((item, index) => [item.index, index]));
  // A removal waits for its addition when that is retried too; an addition that succeeded needs no wait.
  const dependency = (after: number | undefined): { after?: number } => (after !== undefined && newIndex.has(after) ? { after: newIndex.get(after) } : {});
  return {
    origin: operation.origin,
    kind: operation.kind,
    title: `${operation.title} — retry of ${failed.length} failed`,
    retryOf: operation.id,
    ...(operation.undoOf ? { undoOf: operation.undoOf } : {}),
    items: failed.map(({ userId, organizationId, membershipId, makeDefault, action, after, userLabel, organizationLabel, wasDefault, previousDefaultId, previousDefaultName }) => ({
      userId, organizationId, membershipId, makeDefault, userLabel, organizationLabel, ...(action ? { action } : {}), ...dependency(after),
      ...(wasDefault === undefined ? {} : { wasDefault }), ...(previousDefaultId === undefined ? {} : { previousDefaultId, previousDefaultName }),
    })),
  };
}

/** Cancels the chunks not yet sent (jobs Zendesk has accepted run on); returns how many items were cancelled. */
export function cancelPending(operation: BulkOperation): number {
  let cancelled = 0;
  for (const chunk of operation.chunks.filter((candidate) => candidate.state === 'pending')) {
    chunk.state = 'cancelled';
    chunk.finishedAt = Date.now();
    for (const index of chunk.sent ?? chunk.items) {
      operation.items[index].outcome = 'cancelled';
      cancelled++;
    }
  }
  if (operation.chunks.every((chunk) => TERMINAL_CHUNK_STATES.has(chunk.state))) {
    operation.state = 'cancelled';
    operation.finishedAt = Date.now();
  }
  return cancelled;
}
