import { type BulkOperation, type ChunkState, TERMINAL_CHUNK_STATES, countItems, itemChange, succeededByChange } from './model';
import type { ItemRow, OperationSummary } from './panelProtocol';

/** What the jobs panel lists for an operation: counts, never the items themselves. */
export function summarize(operation: BulkOperation): OperationSummary {
  const chunks: Partial<Record<ChunkState, number>> = {};
  let processed = 0;
  for (const chunk of operation.chunks) {
    chunks[chunk.state] = (chunks[chunk.state] ?? 0) + 1;
    processed += TERMINAL_CHUNK_STATES.has(chunk.state) ? chunk.items.length : Math.min(chunk.items.length, chunk.progress ?? 0);
  }
  return {
    id: operation.id,
    title: operation.title,
    kind: operation.kind,
    origin: operation.origin,
    state: operation.state,
    createdAt: operation.createdAt,
    finishedAt: operation.finishedAt,
    counts: countItems(operation),
    succeededBy: succeededByChange(operation),
    chunks,
    processed,
    cancellable: operation.state === 'running' && operation.chunks.some((chunk) => chunk.state === 'pending'),
    retriedBy: operation.retriedBy,
    waitingForSignIn: operation.waitingForSignIn,
    paused: operation.paused,
  };
}

export function itemRows(operation: BulkOperation): ItemRow[] {
  return operation.items.map((item) => ({
    index: item.index,
    user: item.userLabel,
    organization: item.organizationLabel,
    change: itemChange(operation, item),
    outcome: item.outcome,
    detail: item.detail ?? '',
  }));
}

/** The organizations whose memberships an operation changed (its items that succeeded). */
export function changedOrganizations(operation: BulkOperation): number[] {
  return [...new Set(operation.items.filter((item) => item.outcome === 'succeeded').map((item) => item.organizationId))];
}
