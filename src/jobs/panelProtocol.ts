// The Jobs panel's protocol, both ways: what the host posts to the webview and what the webview
// posts back, each with the parser its receiver runs (each side treats the other as untrusted
// input and rebuilds messages from known fields only), and the rules for which actions an
// operation offers. Every string in it is rendered as text. No `vscode` and no DOM: the host, the
// webview bundle and plain mocha tests all use this file; it is the one file of src/jobs the
// webview imports.
import type { BulkKind, ChunkState, ItemChange, ItemOutcome, OperationCounts, OperationState, PauseState } from './model';

export type { BulkKind, ItemChange, ItemOutcome, OperationCounts, OperationState, PauseState } from './model';

/** One row of the operations list: counts only, so a 10,000-item operation stays cheap. */
export interface OperationSummary {
  id: string;
  title: string;
  kind: BulkKind;
  origin: string;
  state: OperationState;
  createdAt: number;
  finishedAt?: number;
  counts: OperationCounts;
  /** The items that succeeded, by what they changed (a move, sync or undo does all three). */
  succeededBy: Record<ItemChange, number>;
  /** Jobs (chunks) by state, e.g. { completed: 3, working: 1, pending: 7 }. */
  chunks: Partial<Record<ChunkState, number>>;
  /** Items Zendesk has processed so far (sum of job progress), for the progress bar. */
  processed: number;
  /** Pending chunks can still be cancelled; submitted Zendesk jobs cannot. */
  cancellable: boolean;
  /** Its failed items were already retried, by this operation. */
  retriedBy?: string;
  /** Stalled until its account is signed in again. */
  waitingForSignIn?: boolean;
  /** Paused after waiting past the ceiling; the panel offers Resume. */
  paused?: PauseState;
}

/** The per-item table of one operation (sent only for operations the user expanded). */
export interface ItemRow {
  index: number;
  user: string;
  organization: string;
  /** What the item changes: "Added", "Removed" or "Made default" once it succeeded. */
  change: ItemChange;
  outcome: ItemOutcome;
  detail: string;
}

/** One job of Zendesk's queue (zendeskQueue.ts): ours or another integration's. */
export interface QueueJob {
  id: string;
  status: string;
  progress: number | null;
  total: number | null;
  ours: boolean;
  /** Zendesk's message (its own words: shown as text). */
  message: string;
}

export interface AccountQueue {
  origin: string;
  checkedAt: number;
  /** Queued or running, ours and others'. */
  active: number;
  ours: number;
  others: number;
  limit: number;
  /** False when more jobs exist than were read: the counts are at least these. */
  complete: boolean;
  /** Active jobs first, then the most recent finished ones. */
  jobs: QueueJob[];
  /** Set when the list could not be read (the rest is then empty). */
  error?: string;
}

export type HostMessage =
  | { type: 'l10n'; bundle: Record<string, string> }
  | { type: 'operations'; operations: OperationSummary[] }
  | { type: 'items'; operationId: string; rows: ItemRow[] }
  | { type: 'focus'; operationId: string }
  | { type: 'queue'; queues: AccountQueue[] };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'expand'; operationId: string }
  | { type: 'collapse'; operationId: string }
  | { type: 'retryFailed'; operationId: string }
  | { type: 'export'; operationId: string }
  | { type: 'undo'; operationId: string }
  | { type: 'cancel'; operationId: string }
  | { type: 'resume'; operationId: string };

// ── panel → host ─────────────────────────────────────────────────────────────────────────

/** Operation ids are ours (short); anything longer is not one of them. */
const MAX_OPERATION_ID_LENGTH = 200;

/**
 * The message as the protocol defines it, rebuilt from known fields only, or undefined for
 * anything else. The webview is treated as untrusted input.
 */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const message = value;
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'expand':
    case 'collapse':
    case 'retryFailed':
    case 'export':
    case 'undo':
    case 'cancel':
    case 'resume': {
      const operationId = message.operationId;
      return isOperationId(operationId) ? { type: message.type, operationId } : undefined;
    }
    default:
      return undefined;
  }
}

export function isOperationId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_OPERATION_ID_LENGTH;
}

// ── host → panel ─────────────────────────────────────────────────────────────────────────

const STATES: ReadonlySet<OperationState> = new Set(['running', 'completed', 'cancelled']);
const OUTCOMES: ReadonlySet<ItemOutcome> = new Set(['pending', 'submitted', 'succeeded', 'failed', 'cancelled']);
const COUNT_KEYS = ['total', 'pending', 'submitted', 'succeeded', 'failed', 'cancelled'] as const;
const KINDS: ReadonlySet<BulkKind> = new Set(['add', 'remove', 'move', 'sync', 'undo']);
const CHANGES: ReadonlySet<ItemChange> = new Set(['add', 'remove', 'makeDefault']);

/**
 * What arrives on the webview's `window`, checked before it is used: only the host's five message
 * types, with the shapes the view relies on. Anything else (another frame, a malformed value) is dropped.
 */
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
    case 'queue':
      return Array.isArray(value.queues) ? { type: 'queue', queues: value.queues.filter(isAccountQueue) } : undefined;
    default:
      return undefined;
  }
}

function isAccountQueue(value: unknown): value is AccountQueue {
  return isRecord(value)
    && typeof value.origin === 'string' && isCount(value.checkedAt)
    && isCount(value.active) && isCount(value.ours) && isCount(value.others) && isCount(value.limit)
    && typeof value.complete === 'boolean' && (value.error === undefined || typeof value.error === 'string')
    && Array.isArray(value.jobs) && value.jobs.every(isQueueJob);
}

function isQueueJob(value: unknown): value is QueueJob {
  return isRecord(value)
    && isText(value.id) && typeof value.status === 'string' && typeof value.ours === 'boolean' && typeof value.message === 'string'
    && (value.progress === null || isCount(value.progress)) && (value.total === null || isCount(value.total));
}

function isSummary(value: unknown): value is OperationSummary {
  return isRecord(value)
    && isText(value.id) && typeof value.title === 'string' && typeof value.origin === 'string'
    && KINDS.has(value.kind as BulkKind)
    && isRecord(value.succeededBy) && [...CHANGES].every((key) => isCount((value.succeededBy as Record<string, unknown>)[key]))
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
    && CHANGES.has(value.change as ItemChange) && OUTCOMES.has(value.outcome as ItemOutcome) && typeof value.detail === 'string';
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

// ── which actions an operation offers (the host enforces them, the panel shows them) ────────

/** Retrying makes sense once nothing of the operation is still moving, something failed, and no retry took it yet. */
export function canRetryFailed(summary: Pick<OperationSummary, 'state' | 'counts' | 'retriedBy'>): boolean {
  return summary.state !== 'running' && summary.counts.failed > 0 && !summary.retriedBy;
}

/** Undo (History's Undo…, for this operation) once it has finished and changed something. */
export function canUndo(summary: Pick<OperationSummary, 'state' | 'counts'>): boolean {
  return summary.state !== 'running' && summary.counts.succeeded > 0;
}

/** Only chunks not yet sent can be cancelled; Zendesk has no way to stop a submitted job. */
export function canCancel(summary: OperationSummary): boolean {
  return summary.state === 'running' && summary.cancellable;
}

/** A paused operation offers Resume (only while it is running: a finished one has nothing to resume). */
export function canResume(summary: Pick<OperationSummary, 'state' | 'paused'>): boolean {
  return summary.state === 'running' && summary.paused !== undefined;
}

export function runningCount(summaries: readonly OperationSummary[]): number {
  return summaries.filter((summary) => summary.state === 'running').length;
}
