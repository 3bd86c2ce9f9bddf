// Zendesk's own job queue, as the Jobs panel shows it: the account's recent background jobs from
// every integration (GET /api/v2/job_statuses), which of them are ours, and how much of the
// 30-job limit (queued + running, shared by the whole account) is in use. Read only while the panel
// is visible, at most once per QUEUE_POLL_MS per account and at most MAX_QUEUE_PAGES pages a
// time (unfinished jobs may sort after the finished ones, docs/notes/search-and-job-list.md). No `vscode` import.
import type { JobStatus, PageCursor } from '../zendesk';
import type { BulkOperation } from './model';
import type { AccountQueue, QueueJob } from './panelProtocol';

export type { AccountQueue, QueueJob } from './panelProtocol';

/** Zendesk's limit of queued and running jobs per account (API-NOTES §5). */
export const ZENDESK_JOB_LIMIT = 30;
/** The panel lists the account's jobs again this long after the last answer, while it is visible. */
export const QUEUE_POLL_MS = 5_000;
/** Pages of 100 read per look; past them the counts are "at least". */
export const MAX_QUEUE_PAGES = 3;
/** Finished jobs shown after the active ones. */
const RECENT_FINISHED = 10;

const ACTIVE = new Set(['queued', 'working']);

export interface JobListClient {
  listJobStatuses(): { page(cursor: PageCursor | undefined, options: { pageSize: number; signal?: AbortSignal }): Promise<{ items: JobStatus[]; nextCursor?: PageCursor }> };
}

/** The Zendesk job ids our bulk operations (this profile's, any window's) submitted. */
export function ourJobIds(operations: readonly BulkOperation[]): Set<string> {
  return new Set(operations.flatMap((operation) => operation.chunks.flatMap((chunk) => (chunk.jobId ? [chunk.jobId] : []))));
}

/** One look at an account's job list. */
export async function readQueue(origin: string, client: JobListClient, ourJobIds: ReadonlySet<string>, signal: AbortSignal, now: number): Promise<AccountQueue> {
  const jobs: JobStatus[] = [];
  let cursor: PageCursor | undefined;
  let pages = 0;
  do {
    const page = await client.listJobStatuses().page(cursor, { pageSize: 100, signal });
    jobs.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== undefined && pages < MAX_QUEUE_PAGES);
  const rows = [...new Map(jobs.map((job) => [job.id, job])).values()].map((job): QueueJob => ({
    id: job.id,
    status: String(job.status),
    progress: typeof job.progress === 'number' ? job.progress : null,
    total: typeof job.total === 'number' ? job.total : null,
    ours: ourJobIds.has(job.id),
    message: typeof job.message === 'string' ? job.message : '',
  }));
  const active = rows.filter((job) => ACTIVE.has(job.status));
  const ours = active.filter((job) => job.ours).length;
  return {
    origin, checkedAt: now, active: active.length, ours, others: active.length - ours, limit: ZENDESK_JOB_LIMIT,
    complete: cursor === undefined,
    jobs: [...active, ...rows.filter((job) => !ACTIVE.has(job.status)).slice(0, RECENT_FINISHED)],
  };
}

export interface QueueSourceDeps {
  /** The signed-in accounts. */
  origins(): string[];
  clientFor(origin: string): Promise<JobListClient>;
  /** The ids of the jobs our bulk operations submitted. */
  ourJobIds(): ReadonlySet<string>;
  now?(): number;
  /** Timers (a test steps them). */
  setTimer?(callback: () => void, ms: number): { cancel(): void };
}

/** Watches every account's job list while someone looks (the Jobs panel is visible). */
export class ZendeskQueue {
  constructor(private readonly deps: QueueSourceDeps) {}

  /** Starts hidden; `setVisible(true)` looks at once and then every QUEUE_POLL_MS until hidden. */
  watch(publish: (queues: AccountQueue[]) => void): QueueWatch {
    return new QueueWatch(this.deps, publish);
  }
}

export class QueueWatch {
  private visible = false;
  private timer?: { cancel(): void };
  private inFlight?: AbortController;
  private disposed = false;
  /** Lists made so far (the figures count them). */
  looks = 0;

  constructor(private readonly deps: QueueSourceDeps, private readonly publish: (queues: AccountQueue[]) => void) {}

  setVisible(visible: boolean): void {
    if (this.disposed || visible === this.visible) {
      return;
    }
    this.visible = visible;
    if (visible) {
      void this.look();
    } else {
      this.stop();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
  }

  private stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.inFlight?.abort();
    this.inFlight = undefined;
  }

  private async look(): Promise<void> {
    const controller = new AbortController();
    this.inFlight = controller;
    this.looks++;
    const now = this.deps.now?.() ?? Date.now();
    const ours = this.deps.ourJobIds();
    const queues = await Promise.all(this.deps.origins().map(async (origin): Promise<AccountQueue> => {
      try {
        return await readQueue(origin, await this.deps.clientFor(origin), ours, controller.signal, now);
      } catch (error) {
        return { origin, checkedAt: now, active: 0, ours: 0, others: 0, limit: ZENDESK_JOB_LIMIT, complete: false, jobs: [], error: error instanceof Error ? error.message : String(error) };
      }
    }));
    if (controller.signal.aborted || this.disposed) {
      return; // hidden meanwhile: its answer is not shown, and no next look is planned
    }
    this.inFlight = undefined;
    this.publish(queues);
    const setTimer = this.deps.setTimer ?? ((callback, ms) => {
      const handle = setTimeout(callback, ms);
      return { cancel: () => clearTimeout(handle) };
    });
    this.timer = setTimer(() => void this.look(), QUEUE_POLL_MS);
  }
}
