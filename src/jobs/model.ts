// The data of bulk operations: what the user asked for, item by item, and what Zendesk did with
// each. Plain JSON (it is persisted in globalState and posted to the jobs panel); no `vscode`.

/**
 * What the user did, as the Jobs panel and the summaries name it. What each item does is its own
 * (`itemChange`): a move, a sync or an undo adds, removes and makes defaults in one operation.
 */
export type BulkKind = 'add' | 'remove' | 'move' | 'sync' | 'undo';

/** The two Zendesk jobs: create_many and destroy_many. */
export type JobKind = 'add' | 'remove';

/**
 * Items that are calls of their own rather than job items (callChunks.ts): make an existing
 * membership the default, or (a move) remove a membership once the item `after` succeeded.
 */
export type CallAction = 'makeDefault' | 'removeAfterAdd';

/** What an item does (see BulkItem.action): an item of a job of either kind, or a call. */
export type ItemAction = JobKind | CallAction;

/** What an item changes, as the panel and exports say it. */
export type ItemChange = 'add' | 'remove' | 'makeDefault';

/** Where one item stands. `succeeded` includes "already a member" / "already removed". */
export type ItemOutcome = 'pending' | 'submitted' | 'succeeded' | 'failed' | 'cancelled';

export interface BulkItem {
  /** Position in the operation (stable; the panel and retries refer to it). */
  index: number;
  userId: number;
  organizationId: number;
  /** Remove operations: the membership to delete. */
  membershipId?: number;
  /** Add operations: make this the user's default organization. */
  makeDefault?: boolean;
  /**
   * `add` / `remove`: an item of a create_many / destroy_many job. `makeDefault` and
   * `removeAfterAdd` are calls of their own: make the existing membership `membershipId` the
   * user's default (make_default), or delete it once `after` succeeded. Absent: a job item of the
   * operation's kind (`add` unless the kind is `remove`), as operations saved before issue 15 read.
   */
  action?: ItemAction;
  /** `removeAfterAdd`: the item (an addition) that must succeed first; otherwise this one is not removed. */
  after?: number;
  /** Names for the panel and exports; ids when names are unknown. */
  userLabel: string;
  organizationLabel: string;
  outcome: ItemOutcome;
  /** Zendesk's words when the item failed, or a note on a success ("already a member"). */
  detail?: string;
  /** The chunk that carries it (index into `chunks`). */
  chunk?: number;
  /** Succeeded without changing anything: the membership was already there (or already gone). */
  already?: boolean;
  /** Removals: whether the membership was the user's default (for the history and Undo). */
  wasDefault?: boolean;
  /** Default changes: the user's default organization before (null: none), for the history and Undo. */
  previousDefaultId?: number | null;
  previousDefaultName?: string;
}

/**
 * Zendesk's job states plus our own: not sent yet, being sent, sent but its answer lost (it may
 * have queued a job: reconcile.ts finds out), never answered, cancelled.
 */
export type ChunkState = 'pending' | 'submitting' | 'uncertain' | 'queued' | 'working' | 'completed' | 'failed' | 'killed' | 'lost' | 'cancelled';

export const TERMINAL_CHUNK_STATES: ReadonlySet<ChunkState> = new Set(['completed', 'failed', 'killed', 'lost', 'cancelled']);

/** Up to 100 items sent as one create_many / destroy_many job. */
export interface BulkChunk {
  index: number;
  /** Its items' action: a job of that kind (`add` / `remove`) or calls, one per item; absent: a job of the operation's kind. */
  action?: ItemAction;
  /** Item indexes, in the order they were first sent. */
  items: number[];
  /**
   * The items of the last submission, when it sent only some (the rest of an uncertain one whose
   * other items were found done): a result's `index` points into this, else into `items`.
   */
  sent?: number[];
  state: ChunkState;
  jobId?: string;
  progress?: number | null;
  total?: number | null;
  /** How often show_many did not report the job (Zendesk sometimes briefly loses one). */
  misses?: number;
  /** Submissions tried (waits for room or for the rate limit are not counted). */
  attempts?: number;
  submittedAt?: number;
  finishedAt?: number;
  message?: string;
  /** Why the last submission's outcome is unknown (state `uncertain`); the reason its items fail if they must. */
  uncertainReason?: string;
  /** Zendesk answered the submission 2xx (so it queued a job) but the job's id could not be read. */
  accepted?: boolean;
  /** `jobId` was found in the account's job list, not in Zendesk's answer: every item is read back. */
  adopted?: boolean;
  /** Searches of the job list made for this chunk while it was uncertain. */
  searches?: number;
}

/** Why an account's bulk work stopped waiting and paused: Zendesk rate limited or was unavailable past the ceiling. */
export interface PauseState {
  reason: 'rateLimited' | 'unavailable';
  /** When the continuous waiting began (ms since the epoch). */
  since: number;
}

export type OperationState = 'running' | 'completed' | 'cancelled';

/**
 * The window running an operation (a random id per window) and when it last said so. Windows of
 * one profile share globalState but hear nothing of each other's writes: a running operation whose
 * lease is not renewed for a while is taken over by another window; a lease renewed at 0 was released.
 */
export interface OperationLease {
  owner: string;
  renewedAt: number;
}

export interface BulkOperation {
  id: string;
  /** The Zendesk account (origin) it runs against. */
  origin: string;
  kind: BulkKind;
  /** e.g. "Add 250 members to Acme" */
  title: string;
  createdAt: number;
  finishedAt?: number;
  state: OperationState;
  items: BulkItem[];
  chunks: BulkChunk[];
  /** Set when this operation retries the failed items of another. */
  retryOf?: string;
  /** Set when this operation undoes another (its id): the history names it. */
  undoOf?: string;
  /** Set once its failed items were handed to a retry (that operation's id): it offers no second retry. */
  retriedBy?: string;
  lease?: OperationLease;
  /** Its account is signed out (or its session ended): nothing is sent or polled until it is signed in again. */
  waitingForSignIn?: boolean;
  /** Waited past the ceiling for Zendesk: nothing is sent or polled until the user resumes it. */
  paused?: PauseState;
}

export interface OperationCounts {
  total: number;
  pending: number;
  submitted: number;
  succeeded: number;
  failed: number;
  cancelled: number;
}

export function countItems(operation: BulkOperation): OperationCounts {
  const counts: OperationCounts = { total: operation.items.length, pending: 0, submitted: 0, succeeded: 0, failed: 0, cancelled: 0 };
  for (const item of operation.items) {
    counts[item.outcome]++;
  }
  return counts;
}

/** A job's kind for items and chunks that name none (operations saved before issue 15 had one kind). */
export function defaultJobKind(kind: BulkKind): JobKind {
  return kind === 'remove' ? 'remove' : 'add';
}

export function isCallAction(action: ItemAction | undefined): action is CallAction {
  return action === 'makeDefault' || action === 'removeAfterAdd';
}

/** The job a chunk is sent as (create_many / destroy_many), or undefined for a chunk of calls. */
export function chunkJobKind(operation: Pick<BulkOperation, 'kind'>, chunk: Pick<BulkChunk, 'action'>): JobKind | undefined {
  return isCallAction(chunk.action) ? undefined : chunk.action ?? defaultJobKind(operation.kind);
}

/** What the item changes: adds a membership, removes one, or makes one the default. */
export function itemChange(operation: Pick<BulkOperation, 'kind'>, item: Pick<BulkItem, 'action'>): ItemChange {
  switch (item.action) {
    case 'makeDefault': return 'makeDefault';
    case 'removeAfterAdd': return 'remove';
    case undefined: return defaultJobKind(operation.kind);
    default: return item.action;
  }
}

/** Items that succeeded, by what they changed (for the summaries of mixed operations). */
export function succeededByChange(operation: BulkOperation): Record<ItemChange, number> {
  const counts: Record<ItemChange, number> = { add: 0, remove: 0, makeDefault: 0 };
  for (const item of operation.items) {
    if (item.outcome === 'succeeded') {
      counts[itemChange(operation, item)]++;
    }
  }
  return counts;
}
