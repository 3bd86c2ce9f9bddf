import { randomUUID } from 'node:crypto';
import type { ZendeskClient } from '../zendesk';
import { BulkItem, BulkKind, BulkOperation, TERMINAL_CHUNK_STATES, countItems } from './model';
import { canRetryFailed } from './panelProtocol';
import { operationsToPrune } from './retention';
import { AccountRunner, DEFAULT_TIMINGS, JobStats, JobTimings, chunkIndexes } from './runner';
import { type OperationStore, SaveQueue } from './saveQueue';

export interface LeaseTimings {
  /** A running operation whose window has not renewed its lease for this long is taken over. */
  leaseMs: number;
  /** How often a window renews its leases and reads what other windows wrote. */
  renewMs: number;
  /** From claiming an operation to running it, so that two windows claiming at once agree on one. */
  settleMs: number;
}

const DEFAULT_LEASE: LeaseTimings = { leaseMs: 60_000, renewMs: 15_000, settleMs: 1_000 };

export interface EngineDeps {
  clientFor(origin: string): Promise<ZendeskClient>;
  store: OperationStore;
  maxInFlight(): number;
  timings?: Partial<JobTimings>;
  log?(message: string): void;
  observeInFlight?(origin: string, count: number): void;
  /** This window's id in leases (random unless a test names it). */
  windowId?: string;
  /** The clock leases are stamped with (Date.now unless a test drives it). */
  now?(): number;
  lease?: Partial<LeaseTimings>;
  /** The account is signed out or its session ended: its work waits for a sign-in instead of failing. */
  isSignedOut?(error: unknown): boolean;
}

export type NewItem = Omit<BulkItem, 'index' | 'outcome' | 'chunk' | 'detail'>;

export interface NewOperation {
  origin: string;
  kind: BulkKind;
  title: string;
  items: NewItem[];
  retryOf?: string;
}

const SAVE_DELAY_MS = 300;

type Listener<T> = (value: T) => void;

/**
 * Bulk operations from start to finish: splits them into chunks of 100, hands them to one runner
 * per Zendesk account, keeps them persisted (job ids are saved before and after each submission,
 * so a reload re-attaches to every job and loses nothing) and tells listeners what changed.
 * Windows share the store: each runs only the operations it holds a lease on, writes only what
 * it changed, and takes over a running operation whose lease has expired (see `sync`).
 * No `vscode` import: the same engine runs in the extension, the tests and the benchmark.
 */
export class JobEngine {
  readonly stats: JobStats = { jobsSubmitted: 0, peakInFlight: 0, statusPolls: 0, tooManyJobsBackoffs: 0 };
  private readonly byId = new Map<string, BulkOperation>();
  private loaded = false;
  private readonly runners = new Map<string, AccountRunner>();
  private readonly changeListeners = new Set<Listener<string | undefined>>();
  private readonly finishListeners = new Set<Listener<BulkOperation>>();
  private readonly timings: JobTimings;
  private readonly lease: LeaseTimings;
  private readonly windowId: string;
  private readonly now: () => number;
  private disposed?: Promise<void>;
  /** Operations whose finish listeners have run (finished ones loaded from the store count). */
  private readonly announced = new Set<string>();
  /** Running operations this window runs, and those it claimed but does not run until the claim has settled. */
  private readonly owned = new Set<string>();
  private readonly claimed = new Set<string>();
  /** What the next save writes and deletes: this window's changes only. */
  private readonly saves: SaveQueue;
  private syncing?: Promise<void>;
  private syncTimer?: NodeJS.Timeout;
  private settleTimer?: NodeJS.Timeout;

  constructor(private readonly deps: EngineDeps) {
    this.timings = { ...DEFAULT_TIMINGS, ...deps.timings };
    this.lease = { ...DEFAULT_LEASE, ...deps.lease };
    this.windowId = deps.windowId ?? randomUUID();
    this.now = deps.now ?? Date.now;
    this.saves = new SaveQueue(deps.store, (id) => this.operationsById.get(id), SAVE_DELAY_MS);
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
    if (!this.syncTimer && !this.disposed) {
      this.syncTimer = setInterval(() => void this.sync(), this.lease.renewMs);
      this.syncTimer.unref?.();
    }
    void this.sync();
  }

  /**
   * Renews this window's leases, takes in what other windows wrote (their new operations, their
   * progress, what they pruned), gives up operations another window has taken over, claims
   * running operations whose lease expired or was released, and runs those claimed at the last
   * sync that are still ours.
   */
  sync(): Promise<void> {
    this.syncing ??= this.syncOnce()
      .catch((error: unknown) => this.deps.log?.(`syncing bulk operations with other windows failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => { this.syncing = undefined; });
    return this.syncing;
  }

  /** This window runs the operation (others show it but leave it alone). */
  runsHere(id: string): boolean {
    return this.owned.has(id);
  }

  /** Something about the accounts changed (a sign-in): work waiting for one tries again. */
  accountsChanged(): void {
    for (const origin of new Set(this.running().filter((operation) => this.owned.has(operation.id)).map((operation) => operation.origin))) {
      this.runner(origin).kick();
    }
  }

  start(input: NewOperation): BulkOperation {
    const items: BulkItem[] = input.items.map((item, index) => ({ ...item, index, outcome: 'pending' }));
    const chunks = chunkIndexes(items.length).map((indexes, index) => {
      indexes.forEach((itemIndex) => { items[itemIndex].chunk = index; });
      return { index, items: indexes, state: 'pending' as const };
    });
    const operation: BulkOperation = {
      id: randomUUID(), origin: input.origin, kind: input.kind, title: input.title, createdAt: this.now(),
      state: chunks.length ? 'running' : 'completed', items, chunks, retryOf: input.retryOf,
      lease: { owner: this.windowId, renewedAt: this.now() },
    };
    if (!chunks.length) {
      operation.finishedAt = operation.createdAt;
    } else {
      this.owned.add(operation.id);
    }
    this.operationsById.set(operation.id, operation);
    this.saves.markChanged(operation.id);
    this.prune();
    void this.saves.save(true);
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

  /** Cancels the chunks not yet sent; jobs Zendesk has accepted cannot be cancelled and run on. Only the window running an operation can. */
  cancel(id: string): number {
    const operation = this.operationsById.get(id);
    if (!operation || operation.state !== 'running' || !this.owned.has(id)) {
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

  /**
   * Stops timers and writes everything down, releasing this window's leases so that the next
   * window (a reload) resumes at once. Resolves when the last save is done; calling it again
   * returns the same promise.
   */
  dispose(): Promise<void> {
    this.disposed ??= this.shutDown();
    return this.disposed;
  }

  private async shutDown(): Promise<void> {
    this.saves.stopBatching();
    clearInterval(this.syncTimer);
    clearTimeout(this.settleTimer);
    await this.syncing; // it stops at its next step: nothing renews or claims after this
    await Promise.all([...this.runners.values()].map((runner) => runner.dispose()));
    this.runners.clear();
    for (const id of [...this.owned, ...this.claimed]) {
      const operation = this.operationsById.get(id);
      if (operation?.state === 'running' && operation.lease) {
        operation.lease.renewedAt = 0;
        this.saves.markChanged(id);
      }
    }
    await this.saves.save(true);
  }

  private async syncOnce(): Promise<void> {
    if (this.disposed) {
      return;
    }
    await this.saves.save(true); // what this window changed goes first
    if (this.disposed) {
      return;
    }
    const stored = new Map(this.deps.store.load().map((operation) => [operation.id, operation]));
    for (const operation of stored.values()) {
      const ours = this.owned.has(operation.id) || this.claimed.has(operation.id);
      if (ours && operation.lease?.owner === this.windowId) {
        continue; // our copy is the newest
      }
      if (ours) {
        this.deps.log?.(`"${operation.title}" is run by another window now`);
        this.owned.delete(operation.id);
        this.claimed.delete(operation.id);
      }
      if (!this.saves.isPending(operation.id)) {
        this.adopt(operation);
      }
    }
    for (const id of [...this.operationsById.keys()]) {
      if (!stored.has(id) && !this.owned.has(id) && !this.claimed.has(id) && !this.saves.isPending(id)) {
        this.operationsById.delete(id); // another window pruned it
      }
    }
    const confirmed = [...this.claimed];
    confirmed.forEach((id) => { this.claimed.delete(id); this.owned.add(id); });
    const now = this.now();
    for (const operation of this.running()) {
      if (this.owned.has(operation.id) && operation.lease) {
        operation.lease.renewedAt = now;
        this.saves.markChanged(operation.id);
      } else if (!this.owned.has(operation.id) && operation.lease?.owner === this.windowId) {
        // Ours before a reload: no other window holds this id, so there is no claim to settle.
        this.claim(operation, now);
        this.claimed.delete(operation.id);
        this.owned.add(operation.id);
        confirmed.push(operation.id);
      } else if (!this.owned.has(operation.id) && now - (operation.lease?.renewedAt ?? 0) > this.lease.leaseMs) {
        this.claim(operation, now); // abandoned: run it once the claim has settled
      }
    }
    await this.saves.save(true);
    if (this.disposed) {
      return;
    }
    this.emit(undefined);
    for (const origin of new Set(confirmed.map((id) => this.operationsById.get(id)?.origin))) {
      if (origin !== undefined) {
        this.runner(origin).kick(true); // what the store says is old: ask Zendesk now
      }
    }
    if (this.claimed.size && !this.disposed) {
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => void this.sync(), this.lease.settleMs);
    }
  }

  /** Chunks caught mid-submission are sent again; a repeat's duplicates read as success (results.ts). */
  private claim(operation: BulkOperation, now: number): void {
    for (const chunk of operation.chunks) {
      if (chunk.state === 'submitting') {
        chunk.state = 'pending';
        chunk.items.forEach((index) => { operation.items[index].outcome = 'pending'; });
      }
    }
    operation.lease = { owner: this.windowId, renewedAt: now };
    this.claimed.add(operation.id);
    this.saves.markChanged(operation.id);
  }

  /** Takes a stored copy as this window's view of an operation it does not run. */
  private adopt(operation: BulkOperation): void {
    this.operationsById.set(operation.id, operation);
    if (operation.state !== 'running') {
      this.announced.add(operation.id); // its own window tells of its end
    }
  }

  private running(): BulkOperation[] {
    return [...this.operationsById.values()].filter((operation) => operation.state === 'running');
  }

  private runner(origin: string): AccountRunner {
    let runner = this.runners.get(origin);
    if (!runner) {
      runner = new AccountRunner({
        origin,
        client: () => this.deps.clientFor(origin),
        operations: () => [...this.owned].flatMap((id) => this.operationsById.get(id) ?? []).filter((operation) => operation.origin === origin),
        changed: (operation, durable) => this.changed(operation, durable),
        maxInFlight: () => Math.max(1, this.deps.maxInFlight()),
        timings: this.timings,
        stats: this.stats,
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
      this.owned.delete(operation.id);
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
