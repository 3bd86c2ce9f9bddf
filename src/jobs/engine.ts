import { randomUUID } from 'node:crypto';
import type { ZendeskClient } from '../zendesk';
import type { MementoLike } from './globalStateStore';
import { JobBudget } from './jobBudget';
import { BulkOperation, countItems } from './model';
import { NewOperation, buildOperation, cancelPending, retryInput } from './operations';
import { canRetryFailed } from './panelProtocol';
import { operationsToPrune } from './retention';
import { AccountRunner } from './runner';
import { type OperationStore, SaveQueue } from './saveQueue';
import { DEFAULT_TIMINGS, JobStats, JobTimings, emptyStats } from './timings';
import { DEFAULT_LEASE, LeaseTimings, WindowLeases } from './windowLeases';

export interface EngineDeps {
  clientFor(origin: string): Promise<ZendeskClient>;
  store: OperationStore;
  /**
   * Where the windows of the profile share each account's budget of jobs in flight (globalState);
   * without it, the cap holds for this engine alone.
   */
  budgetState?: MementoLike;
  maxInFlight(): number;
  timings?: Partial<JobTimings>;
  log?(message: string): void;
  observeInFlight?(origin: string, count: number): void;
  /** This window's id in leases (random unless a test names it). */
  windowId?: string;
  /** The clock leases, budgets and pauses are stamped with (Date.now unless a test drives it). */
  now?(): number;
  lease?: Partial<LeaseTimings>;
  /** The account is signed out or its session ended: its work waits for a sign-in instead of failing. */
  isSignedOut?(error: unknown): boolean;
}

export type { NewItem, NewOperation } from './operations';

const SAVE_DELAY_MS = 300;

type Listener<T> = (value: T) => void;

/**
 * Bulk operations from start to finish: splits them into chunks of 100, hands them to one runner
 * per Zendesk account, keeps them persisted (an operation is saved before its first chunk is
 * sent; a chunk is saved as `submitting` before its request and with its job id after, so a reload
 * or a crash re-attaches to every job and a lost answer is reconciled, never guessed) and tells
 * listeners what changed. Windows share the store (windowLeases.ts) and each account's budget of
 * jobs in flight (jobBudget.ts). No `vscode` import: the same engine runs in the extension, the
 * tests and the benchmark.
 */
export class JobEngine {
  readonly stats: JobStats = emptyStats();
  private readonly byId = new Map<string, BulkOperation>();
  private loaded = false;
  private readonly runners = new Map<string, AccountRunner>();
  private readonly changeListeners = new Set<Listener<string | undefined>>();
  private readonly finishListeners = new Set<Listener<BulkOperation>>();
  private readonly timings: JobTimings;
  private readonly windowId: string;
  private readonly now: () => number;
  private readonly leases: WindowLeases;
  private readonly budget: JobBudget;
  private disposed?: Promise<void>;
  /** Operations whose finish listeners have run (finished ones loaded from the store count). */
  private readonly announced = new Set<string>();
  /** Started, but not yet saved: their chunks wait for the save (a crash must not lose a sent job's operation). */
  private readonly unsaved = new Set<string>();
  /** What the next save writes and deletes: this window's changes only. */
  private readonly saves: SaveQueue;

  constructor(private readonly deps: EngineDeps) {
    this.timings = { ...DEFAULT_TIMINGS, ...deps.timings };
    const lease = { ...DEFAULT_LEASE, ...deps.lease };
    this.windowId = deps.windowId ?? randomUUID();
    this.now = deps.now ?? Date.now;
    this.saves = new SaveQueue(deps.store, (id) => this.operationsById.get(id), SAVE_DELAY_MS);
    this.budget = new JobBudget(deps.budgetState, this.windowId, this.now, lease.leaseMs, 2 * lease.leaseMs, lease.renewMs);
    this.leases = new WindowLeases({
      windowId: this.windowId, now: this.now, store: deps.store, saves: this.saves,
      operations: () => this.operationsById, isDisposed: () => this.disposed !== undefined,
      adopt: (operation) => this.adopt(operation), emitAll: () => this.emit(undefined),
      resumeAccounts: (origins) => origins.forEach((origin) => this.runner(origin).kick(true)),
      synced: () => this.afterSync(),
      log: (message) => this.deps.log?.(message),
    }, lease);
  }

  /**
   * Read from the store on first use, not in the constructor: reviving thousands of stored items
   * takes long (0.5 s for 30 operations of 10,000), and activation must not wait for it.
   */
  private get operationsById(): Map<string, BulkOperation> {
    if (!this.loaded) {
      this.loaded = true;
      this.deps.store.load().forEach((operation) => this.adopt(operation));
    }
    return this.byId;
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

  /** Re-attaches to persisted work no other window is running, and keeps in step with the other windows from now on. */
  resume(): void {
    this.leases.start();
  }

  /** One round of keeping in step with the other windows (see WindowLeases.sync). */
  sync(): Promise<void> {
    return this.leases.sync();
  }

  /** This window runs the operation (others show it but leave it alone). */
  runsHere(id: string): boolean {
    return this.leases.owned.has(id);
  }

  /** Something about the accounts changed (a sign-in): work waiting for one tries again. */
  accountsChanged(): void {
    for (const origin of new Set(this.ownedRunning().map((operation) => operation.origin))) {
      this.runner(origin).kick();
    }
  }

  /** The user resumes a paused operation: its account's work waits for Zendesk afresh. Only the window running it can. */
  resumePaused(id: string): boolean {
    const operation = this.operationsById.get(id);
    if (!operation?.paused || operation.state !== 'running' || !this.runsHere(id)) {
      return false;
    }
    this.runner(operation.origin).resume();
    return true;
  }

  start(input: NewOperation): BulkOperation {
    const operation = buildOperation(input, this.windowId, this.now());
    if (operation.state === 'running') {
      this.leases.owned.add(operation.id);
      this.unsaved.add(operation.id);
    }
    this.operationsById.set(operation.id, operation);
    this.saves.markChanged(operation.id);
    this.prune();
    this.emit(operation.id);
    // Nothing is sent before the operation is saved; a failed save is tried again at the next sync.
    this.saves.save(true).then(() => this.afterSync(), (error: unknown) => this.deps.log?.(`saving "${operation.title}" failed (${error instanceof Error ? error.message : String(error)}); it starts once saved`));
    return operation;
  }

  /** A new operation with only the failed items of `id` (and none that already succeeded). */
  retryFailed(id: string): BulkOperation | undefined {
    const operation = this.operationsById.get(id);
    if (!operation || !canRetryFailed({ state: operation.state, counts: countItems(operation), retriedBy: operation.retriedBy })) {
      return undefined;
    }
    const retry = this.start(retryInput(operation));
    operation.retriedBy = retry.id;
    void this.changed(operation, true);
    return retry;
  }

  /** Cancels the chunks not yet sent; jobs Zendesk has accepted cannot be cancelled and run on. Only the window running an operation can. */
  cancel(id: string): number {
    const operation = this.operationsById.get(id);
    if (!operation || operation.state !== 'running' || !this.runsHere(id)) {
      return 0;
    }
    const cancelled = cancelPending(operation);
    void this.changed(operation, true);
    return cancelled;
  }

  /**
   * Stops timers and writes everything down, releasing this window's leases and its share of the
   * job budgets so that the next window (a reload) resumes at once. Resolves when the last save is
   * done; calling it again returns the same promise.
   */
  dispose(): Promise<void> {
    this.disposed ??= this.shutDown();
    return this.disposed;
  }

  private async shutDown(): Promise<void> {
    this.saves.stopBatching();
    await Promise.all([...this.runners.values()].map((runner) => runner.dispose()));
    this.runners.clear();
    await this.leases.stop();
    await this.saves.save(true);
    await this.budget.release().catch((error: unknown) => this.deps.log?.(`releasing the job budget failed: ${String(error)}`));
  }

  /** Saved: operations started since the last save may send now. */
  private afterSync(): void {
    const origins = new Set([...this.unsaved].flatMap((id) => this.operationsById.get(id)?.origin ?? []));
    this.unsaved.clear();
    if (this.disposed === undefined) {
      origins.forEach((origin) => this.runner(origin).kick());
      this.runners.forEach((runner) => void runner.publishBudget()); // renews this window's share while it runs anything
    }
  }

  /** Takes a stored copy as this window's view of an operation it does not run. */
  private adopt(operation: BulkOperation): void {
    this.operationsById.set(operation.id, operation);
    if (operation.state !== 'running') {
      this.announced.add(operation.id); // its own window tells of its end
    }
  }

  private ownedRunning(origin?: string): BulkOperation[] {
    return [...this.leases.owned].flatMap((id) => this.operationsById.get(id) ?? [])
      .filter((operation) => operation.state === 'running' && !this.unsaved.has(operation.id) && (origin === undefined || operation.origin === origin));
  }

  private knownJobIds(): Set<string> {
    return new Set([...this.operationsById.values()].flatMap((operation) => operation.chunks.flatMap((chunk) => chunk.jobId ?? [])));
  }

  private runner(origin: string): AccountRunner {
    let runner = this.runners.get(origin);
    if (!runner) {
      const cap = (): number => Math.max(1, this.deps.maxInFlight());
      runner = new AccountRunner({
        origin,
        client: () => this.deps.clientFor(origin),
        operations: () => this.ownedRunning(origin),
        changed: (operation, durable) => this.changed(operation, durable),
        maxInFlight: cap,
        allowance: (inFlight) => this.budget.allowance(origin, inFlight, cap()),
        publish: (inFlight, wants) => this.budget.publish(origin, inFlight, wants, cap()),
        knownJobIds: () => this.knownJobIds(),
        timings: this.timings,
        stats: this.stats,
        now: this.now,
        log: (message) => this.deps.log?.(message),
        observeInFlight: (count) => this.deps.observeInFlight?.(origin, count),
        isSignedOut: (error) => this.deps.isSignedOut?.(error) ?? false,
      });
      this.runners.set(origin, runner);
    }
    return runner;
  }

  private async changed(operation: BulkOperation, durable: boolean): Promise<void> {
    this.saves.markChanged(operation.id);
    if (operation.state !== 'running') {
      this.leases.owned.delete(operation.id);
    }
    this.emit(operation.id);
    if (operation.state !== 'running' && !this.announced.has(operation.id)) {
      this.announced.add(operation.id);
      this.finishListeners.forEach((listener) => listener(operation));
    }
    await this.saves.save(durable);
  }

  private emit(id: string | undefined): void {
    this.changeListeners.forEach((listener) => listener(id));
  }

  private prune(): void {
    for (const operation of operationsToPrune(this.operations.filter((candidate) => candidate.state !== 'running'))) {
      this.operationsById.delete(operation.id);
      this.saves.markDropped(operation.id);
    }
  }
}
