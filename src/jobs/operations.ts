import { randomUUID } from 'node:crypto';
import { BulkItem, BulkKind, BulkOperation, TERMINAL_CHUNK_STATES } from './model';
import { chunkIndexes } from './runnerParts';

export type NewItem = Omit<BulkItem, 'index' | 'outcome' | 'chunk' | 'detail'>;

export interface NewOperation {
  origin: string;
  kind: BulkKind;
  title: string;
  items: NewItem[];
  retryOf?: string;
}

/** A new operation, its items split into chunks of 100, leased to `windowId`. */
export function buildOperation(input: NewOperation, windowId: string, now: number): BulkOperation {
  const items: BulkItem[] = input.items.map((item, index) => ({ ...item, index, outcome: 'pending' }));
  const chunks = chunkIndexes(items.length).map((indexes, index) => {
    indexes.forEach((itemIndex) => { items[itemIndex].chunk = index; });
    return { index, items: indexes, state: 'pending' as const };
  });
  return {
    id: randomUUID(), origin: input.origin, kind: input.kind, title: input.title, createdAt: now,
    state: chunks.length ? 'running' : 'completed', items, chunks, retryOf: input.retryOf,
    lease: { owner: windowId, renewedAt: now },
    ...(chunks.length ? {} : { finishedAt: now }),
  };
}

/** The failed items of an operation, as new items of a retry (nothing that already succeeded). */
export function retryInput(operation: BulkOperation): NewOperation {
  const failed = operation.items.filter((item) => item.outcome === 'failed');
  return {
    origin: operation.origin,
    kind: operation.kind,
    title: `${operation.title} — retry of ${failed.length} failed`,
    retryOf: operation.id,
    items: failed.map(({ userId, organizationId, membershipId, makeDefault, userLabel, organizationLabel }) => ({
      userId, organizationId, membershipId, makeDefault, userLabel, organizationLabel,
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
