import { randomUUID } from 'node:crypto';
import type { ZendeskClient } from '../zendesk';
import { BulkItem, BulkKind, BulkOperation, TERMINAL_CHUNK_STATES, countItems } from './model';
import { canRetryFailed } from './panelProtocol';
import { AccountRunner, DEFAULT_TIMINGS, JobStats, JobTimings, chunkIndexes } from './runner';

/** Where operations survive a window reload (globalState in the extension, memory in tests). */
export interface OperationStore {
  load(): BulkOperation[];
  save(operations: BulkOperation[]): PromiseLike<void>;
}

export interface EngineDeps {
  clientFor(origin: string): Promise<ZendeskClient>;
  store: OperationStore;
  maxInFlight(): number;
  timings?: Partial<JobTimings>;
  log?(message: string): void;
  observeInFlight?(origin: string, count: number): void;
}

export type NewItem = Omit<BulkItem, 'index' | 'outcome' | 'chunk' | 'detail'>;

export interface NewOperation {
  origin: string;
  kind: BulkKind;
  title: string;
  items: NewItem[];
  retryOf?: string;
}

/** Finished operations kept for the jobs panel; older ones are dropped. */
const KEEP_FINISHED = 30;
const SAVE_DELAY_MS = 300;

type Listener<T> = (value: T) => void;

/**
 * Bulk operations from start to finish: splits them into chunks of 100, hands them to one runner
 * per Zendesk account, keeps them persisted (job ids are saved before and after each submission,
 * so a reload re-attaches to every job and loses nothing) and tells listeners what changed.
 * No `vscode` import: the same engine runs in the extension, the tests and the benchmark.
 */
export class JobEngine {
  readonly stats: JobStats = { jobsSubmitted: 0, peakInFlight: 0, statusPolls: 0, tooManyJobsBackoffs: 0 };
  private readonly operationsById = new Map<string, BulkOperation>();
  private readonly runners = new Map<string, AccountRunner>();
  private readonly changeListeners = new Set<Listener<string | undefined>>();
  private readonly finishListeners = new Set<Listener<BulkOperation>>();
  private readonly timings: JobTimings;
  private saveTimer?: NodeJS.Timeout;
  private saving: Promise<void> = Promise.resolve();
  private queuedSave?: Promise<void>;
  private disposed = false;
  /** Operations whose finish listeners have run (finished ones loaded from the store count). */
  private readonly announced = new Set<string>();

  constructor(private readonly deps: EngineDeps) {
    this.timings = { ...DEFAULT_TIMINGS, ...deps.timings };
    for (const operation of deps.store.load()) {
      this.operationsById.set(operation.id, operation);
      if (operation.state !== 'running') {
        this.announced.add(operation.id);
      }
    }
  }

  /** Newest first. */
  get operations(): BulkOperation[] {
    return [...this.operationsById.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  find(id: string): BulkOperation | undefined {
    return this.operationsById.get(id);
  }

  onDidChange(listener: Listener<string | undefined>): { dispose(): void } {
    this.changeListeners.add(listener);
    return { dispose: () => this.changeListeners.delete(listener) };
  }

  /** Fires once per operation when its last chunk reaches a final state. */
  onDidFinish(listener: Listener<BulkOperation>): { dispose(): void } {
    this.finishListeners.add(listener);
    return { dispose: () => this.finishListeners.delete(listener) };
  }

  /** Resolves when the operation has finished (at once if it already has). */
  whenFinished(id: string): Promise<BulkOperation> {
    const known = this.operationsById.get(id);
    if (known && known.state !== 'running') {
      return Promise.resolve(known);
    }
    return new Promise((resolve) => {
      const subscription = this.onDidFinish((operation) => {
        if (operation.id === id) {
          subscription.dispose();
          resolve(operation);
        }
      });
    });
  }

  /** Re-attaches to persisted work: chunks caught mid-submission are sent again (their duplicates read as success). */
  resume(): void {
    for (const operation of this.operationsById.values()) {
      if (operation.state !== 'running') {
        continue;
      }
      for (const chunk of operation.chunks) {
        if (chunk.state === 'submitting') {
          chunk.state = 'pending';
          chunk.uncertain = true;
          chunk.items.forEach((index) => { operation.items[index].outcome = 'pending'; });
        }
      }
      this.runner(operation.origin).kick();
    }
  }

  start(input: NewOperation): BulkOperation {
    const items: BulkItem[] = input.items.map((item, index) => ({ ...item, index, outcome: 'pending' }));
    const chunks = chunkIndexes(items.length).map((indexes, index) => {
      indexes.forEach((itemIndex) => { items[itemIndex].chunk = index; });
      return { index, items: indexes, state: 'pending' as const };
    });
    const operation: BulkOperation = {
      id: randomUUID(), origin: input.origin, kind: input.kind, title: input.title, createdAt: Date.now(),
      state: chunks.length ? 'running' : 'completed', items, chunks, retryOf: input.retryOf,
    };
    if (!chunks.length) {
      operation.finishedAt = operation.createdAt;
    }
    this.operationsById.set(operation.id, operation);
    this.prune();
    void this.persist(true);
    this.emit(operation.id);
    this.runner(operation.origin).kick();
    return operation;
  }

  /** A new operation with only the failed items of `id` (and none that already succeeded). */
  retryFailed(id: string): BulkOperation | undefined {
    const operation = this.operationsById.get(id);
    if (!operation || !canRetryFailed({ state: operation.state, counts: countItems(operation), retriedBy: operation.retriedBy })) {
      return undefined;
    }
    const failed = operation.items.filter((item) => item.outcome === 'failed');
    const retry = this.start({
      origin: operation.origin,
      kind: operation.kind,
      title: `${operation.title} — retry of ${failed.length} failed`,
      retryOf: operation.id,
      items: failed.map(({ userId, organizationId, membershipId, makeDefault, userLabel, organizationLabel }) => ({
        userId, organizationId, membershipId, makeDefault, userLabel, organizationLabel,
      })),
    });
    operation.retriedBy = retry.id;
    void this.changed(operation, true);
    return retry;
  }

  /** Cancels the chunks not yet sent; jobs Zendesk has accepted cannot be cancelled and run on. */
  cancel(id: string): number {
    const operation = this.operationsById.get(id);
    if (!operation || operation.state !== 'running') {
      return 0;
    }
    let cancelled = 0;
    for (const chunk of operation.chunks.filter((candidate) => candidate.state === 'pending')) {
      chunk.state = 'cancelled';
      chunk.finishedAt = Date.now();
      for (const index of chunk.items) {
        operation.items[index].outcome = 'cancelled';
        cancelled++;
      }
    }
    if (operation.chunks.every((chunk) => TERMINAL_CHUNK_STATES.has(chunk.state))) {
      operation.state = 'cancelled';
      operation.finishedAt = Date.now();
    }
    void this.changed(operation, true);
    return cancelled;
  }

  /** Stops timers and writes everything down; running jobs are picked up again by `resume()`. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.runners.values()].map((runner) => runner.dispose()));
    this.runners.clear();
    await this.persist(true);
  }

  private runner(origin: string): AccountRunner {
    let runner = this.runners.get(origin);
    if (!runner) {
      runner = new AccountRunner({
        origin,
        client: () => this.deps.clientFor(origin),
        operations: () => [...this.operationsById.values()].filter((operation) => operation.origin === origin),
        changed: (operation, durable) => this.changed(operation, durable),
        maxInFlight: () => Math.max(1, this.deps.maxInFlight()),
        timings: this.timings,
        stats: this.stats,
        log: (message) => this.deps.log?.(message),
        observeInFlight: (count) => this.deps.observeInFlight?.(origin, count),
      });
      this.runners.set(origin, runner);
    }
    return runner;
  }

  private async changed(operation: BulkOperation, durable: boolean): Promise<void> {
    this.emit(operation.id);
    if (operation.state !== 'running' && !this.announced.has(operation.id)) {
      this.announced.add(operation.id);
      this.finishListeners.forEach((listener) => listener(operation));
    }
    await this.persist(durable);
  }

  private emit(id: string | undefined): void {
    this.changeListeners.forEach((listener) => listener(id));
  }

  /**
   * Durable saves are queued at once (one at a time, and a save not yet started takes in every
   * later change too); the rest are batched, since progress changes often.
   */
  private persist(durable: boolean): Promise<void> {
    if (!durable) {
      if (!this.saveTimer && !this.disposed) {
        this.saveTimer = setTimeout(() => void this.persist(true), SAVE_DELAY_MS);
      }
      return Promise.resolve();
    }
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.queuedSave) {
      const write = (): PromiseLike<void> => {
        this.queuedSave = undefined;
        return this.deps.store.save(this.operations);
      };
      this.queuedSave = this.saving.then(write, write);
      this.saving = this.queuedSave;
    }
    return this.queuedSave;
  }

  private prune(): void {
    const finished = this.operations.filter((operation) => operation.state !== 'running');
    for (const operation of finished.slice(KEEP_FINISHED)) {
      this.operationsById.delete(operation.id);
    }
  }
}
