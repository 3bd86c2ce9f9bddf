import * as l10n from '@vscode/l10n';
import { type BulkOperation, isCallAction } from './model';
import type { OperationStore, SaveQueue } from './saveQueue';

export interface LeaseTimings {
  /** A running operation whose window has not renewed its lease for this long is taken over. */
  leaseMs: number;
  /** How often a window renews its leases and reads what other windows wrote. */
  renewMs: number;
  /** From claiming an operation to running it, so that two windows claiming at once agree on one. */
  settleMs: number;
}

export const DEFAULT_LEASE: LeaseTimings = { leaseMs: 60_000, renewMs: 15_000, settleMs: 1_000 };

/** What the lease keeping needs of the engine. */
export interface LeaseHost {
  readonly windowId: string;
  now(): number;
  readonly store: OperationStore;
  readonly saves: SaveQueue;
  /** The engine's operations by id (every window's, as this window last read them). */
  operations(): Map<string, BulkOperation>;
  isDisposed(): boolean;
  /** Takes a stored copy as this window's view of an operation it does not run. */
  adopt(operation: BulkOperation): void;
  /** Many operations may have changed. */
  emitAll(): void;
  /** Operations of these accounts are this window's now: what the store says is old, so ask Zendesk at once. */
  resumeAccounts(origins: Set<string>): void;
  /** Another sync round: its saves are done and the bulk work of this window may carry on. */
  synced(): void;
  log(message: string): void;
}

/**
 * Windows share the store: each runs only the operations it holds a lease on, writes only what
 * it changed, and takes over a running operation whose lease has expired or was released. A
 * chunk a stopped window was sending (`submitting`) becomes `uncertain`: whoever resumes it looks
 * for the job it may have queued before sending anything (reconcile.ts).
 */
export class WindowLeases {
  /** Running operations this window runs, and those it claimed but does not run until the claim has settled. */
  readonly owned = new Set<string>();
  private readonly claimed = new Set<string>();
  private syncing?: Promise<void>;
  private syncTimer?: NodeJS.Timeout;
  private settleTimer?: NodeJS.Timeout;

  constructor(private readonly host: LeaseHost, private readonly lease: LeaseTimings) {}

  /** Keeps in step with the other windows from now on (every `renewMs`), and at once. */
  start(): void {
    if (!this.syncTimer && !this.host.isDisposed()) {
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
      .catch((error: unknown) => this.host.log(`syncing bulk operations with other windows failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => { this.syncing = undefined; });
    return this.syncing;
  }

  /** Stops syncing (after the one under way) and releases this window's leases, so that the next window (a reload) resumes at once. */
  async stop(): Promise<void> {
    clearInterval(this.syncTimer);
    clearTimeout(this.settleTimer);
    await this.syncing;
    for (const id of [...this.owned, ...this.claimed]) {
      const operation = this.host.operations().get(id);
      if (operation?.state === 'running' && operation.lease) {
        operation.lease.renewedAt = 0;
        this.host.saves.markChanged(id);
      }
    }
  }

  private async syncOnce(): Promise<void> {
    const { host } = this;
    if (host.isDisposed()) {
      return;
    }
    await host.saves.save(true); // what this window changed goes first
    if (host.isDisposed()) {
      return;
    }
    const operations = host.operations();
    const stored = new Map(host.store.load().map((operation) => [operation.id, operation]));
    for (const operation of stored.values()) {
      const ours = this.owned.has(operation.id) || this.claimed.has(operation.id);
      if (ours && operation.lease?.owner === host.windowId) {
        continue; // our copy is the newest
      }
      if (ours) {
        host.log(`"${operation.title}" is run by another window now`);
        this.owned.delete(operation.id);
        this.claimed.delete(operation.id);
      }
      if (!host.saves.isPending(operation.id)) {
        host.adopt(operation);
      }
    }
    for (const id of [...operations.keys()]) {
      if (!stored.has(id) && !this.owned.has(id) && !this.claimed.has(id) && !host.saves.isPending(id)) {
        operations.delete(id); // another window pruned it
      }
    }
    const confirmed = [...this.claimed];
    confirmed.forEach((id) => { this.claimed.delete(id); this.owned.add(id); });
    const now = host.now();
    for (const operation of [...operations.values()].filter((candidate) => candidate.state === 'running')) {
      if (this.owned.has(operation.id) && operation.lease) {
        operation.lease.renewedAt = now;
        host.saves.markChanged(operation.id);
      } else if (!this.owned.has(operation.id) && operation.lease?.owner === host.windowId) {
        // Ours before a reload: no other window holds this id, so there is no claim to settle.
        this.claim(operation, now);
        this.claimed.delete(operation.id);
        this.owned.add(operation.id);
        confirmed.push(operation.id);
      } else if (!this.owned.has(operation.id) && now - (operation.lease?.renewedAt ?? 0) > this.lease.leaseMs) {
        this.claim(operation, now); // abandoned: run it once the claim has settled
      }
    }
    await host.saves.save(true);
    if (host.isDisposed()) {
      return;
    }
    host.emitAll();
    host.synced();
    host.resumeAccounts(new Set(confirmed.flatMap((id) => operations.get(id)?.origin ?? [])));
    if (this.claimed.size && !host.isDisposed()) {
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => void this.sync(), this.lease.settleMs);
    }
  }

  /** Chunks caught mid-submission are reconciled, not sent again blindly: the job may exist. */
  private claim(operation: BulkOperation, now: number): void {
    for (const chunk of operation.chunks.filter((candidate) => candidate.state === 'submitting')) {
      if (isCallAction(chunk.action)) {
        chunk.state = 'pending'; // calls, not a job: run again (they are idempotent, see callChunks.ts)
        continue;
      }
      Object.assign(chunk, { state: 'uncertain', searches: 0, uncertainReason: l10n.t('The VS Code window sending these items stopped before Zendesk answered.') });
    }
    operation.lease = { owner: this.host.windowId, renewedAt: now };
    this.claimed.add(operation.id);
    this.host.saves.markChanged(operation.id);
  }
}
