import type { BulkOperation } from './model';

/** Where operations survive a window reload (globalState in the extension, memory in tests); other windows use it too. */
export interface OperationStore {
  /** Everything stored now, other windows' operations included. */
  load(): BulkOperation[];
  /** Writes `changed`, deletes `dropped` and keeps every other stored operation. */
  save(changed: BulkOperation[], dropped: readonly string[]): PromiseLike<void>;
}

/**
 * What this window has to write to the shared store, and the writing of it. Durable saves are
 * queued at once (one at a time; a save not yet started takes in every later change too); the
 * rest are batched, since progress changes often. A failed save keeps its changes for the next.
 */
export class SaveQueue {
  private readonly changed = new Set<string>();
  private readonly dropped = new Set<string>();
  private timer?: NodeJS.Timeout;
  private batching = true;
  private saving: Promise<void> = Promise.resolve();
  private queued?: Promise<void>;

  constructor(
    private readonly store: OperationStore,
    private readonly lookup: (id: string) => BulkOperation | undefined,
    private readonly delayMs: number,
  ) {}

  markChanged(id: string): void {
    this.changed.add(id);
  }

  /** Changed here and not written yet: this window's copy is newer than the stored one. */
  isPending(id: string): boolean {
    return this.changed.has(id);
  }

  markDropped(id: string): void {
    this.changed.delete(id);
    this.dropped.add(id);
  }

  /** From now on every save is durable (the window is closing). */
  stopBatching(): void {
    this.batching = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  save(durable: boolean): Promise<void> {
    if (!durable) {
      if (!this.timer && this.batching) {
        this.timer = setTimeout(() => void this.save(true), this.delayMs);
      }
      return Promise.resolve();
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.queued) {
      const write = async (): Promise<void> => {
        this.queued = undefined;
        const changed = [...this.changed].flatMap((id) => this.lookup(id) ?? []);
        const dropped = [...this.dropped];
        this.changed.clear();
        this.dropped.clear();
        try {
          await this.store.save(changed, dropped);
        } catch (error) {
          changed.forEach((operation) => this.changed.add(operation.id)); // written with the next save
          dropped.forEach((id) => this.dropped.add(id));
          throw error;
        }
      };
      this.queued = this.saving.then(write, write);
      this.saving = this.queued;
    }
    return this.queued;
  }
}
