// Checks what arrives on `window` before it is used: only the host's four message types, with
// the shapes the view relies on. Anything else (another frame, a malformed value) is dropped.
import type { HostMessage, ItemOutcome, ItemRow, OperationState, OperationSummary } from '../jobs/model';

const STATES: ReadonlySet<OperationState> = new Set(['running', 'completed', 'cancelled']);
const OUTCOMES: ReadonlySet<ItemOutcome> = new Set(['pending', 'submitted', 'succeeded', 'failed', 'cancelled']);
const COUNT_KEYS = ['total', 'pending', 'submitted', 'succeeded', 'failed', 'cancelled'] as const;

export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  switch (value.type) {
    case 'l10n':
      return isRecord(value.bundle) && Object.values(value.bundle).every((text) => typeof text === 'string')
        ? { type: 'l10n', bundle: value.bundle as Record<string, string> }
        : undefined;
    case 'operations':
      return Array.isArray(value.operations) ? { type: 'operations', operations: value.operations.filter(isSummary) } : undefined;
    case 'items':
      return isText(value.operationId) && Array.isArray(value.rows)
        ? { type: 'items', operationId: value.operationId, rows: value.rows.filter(isItemRow) }
        : undefined;
    case 'focus':
      return isText(value.operationId) ? { type: 'focus', operationId: value.operationId } : undefined;
    default:
      return undefined;
  }
}

function isSummary(value: unknown): value is OperationSummary {
  return isRecord(value)
    && isText(value.id) && typeof value.title === 'string' && typeof value.origin === 'string'
    && (value.kind === 'add' || value.kind === 'remove')
    && STATES.has(value.state as OperationState)
    && isCount(value.createdAt) && (value.finishedAt === undefined || isCount(value.finishedAt))
    && isRecord(value.counts) && COUNT_KEYS.every((key) => isCount((value.counts as Record<string, unknown>)[key]))
    && isCount(value.processed) && typeof value.cancellable === 'boolean'
    && (value.paused === undefined || isPause(value.paused));
}

function isPause(value: unknown): boolean {
  return isRecord(value) && (value.reason === 'rateLimited' || value.reason === 'unavailable') && isCount(value.since);
}

function isItemRow(value: unknown): value is ItemRow {
  return isRecord(value)
    && isCount(value.index) && typeof value.user === 'string' && typeof value.organization === 'string'
    && OUTCOMES.has(value.outcome as ItemOutcome) && typeof value.detail === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
