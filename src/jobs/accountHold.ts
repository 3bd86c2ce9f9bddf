import type { BulkOperation, PauseState } from './model';

export interface HoldDeps {
  origin: string;
  /** This account's operations that this window runs. */
  operations(): BulkOperation[];
  changed(operation: BulkOperation, durable: boolean): Promise<void>;
  log(message: string): void;
  /** Stops the runner's timers: nothing is sent or polled while held. */
  stopTimers(): void;
}

/**
 * Why an account's bulk work is held, if it is: its account is signed out (until a sign-in), or
 * it waited past the ceiling for Zendesk (until the user resumes it). Either is written on every
 * running operation of the account, so the Jobs panel and the status bar say so, and a paused
 * operation stays paused across a reload.
 */
export class AccountHold {
  waitingForSignIn = false;
  paused?: PauseState;

  constructor(private readonly deps: HoldDeps) {}

  get held(): boolean {
    return this.waitingForSignIn || this.paused !== undefined;
  }

  /** A paused operation read from the store keeps the account paused (after a reload, too). */
  adoptStoredPause(): void {
    this.paused ??= this.deps.operations().find((operation) => operation.state === 'running' && operation.paused)?.paused;
  }

  async pause(pause: PauseState): Promise<void> {
    this.paused = pause;
    this.deps.log(`${this.deps.origin}: Zendesk has been ${pause.reason === 'rateLimited' ? 'rate limiting' : 'unavailable'} since ${new Date(pause.since).toISOString()}; bulk operations pause until resumed`);
    this.deps.stopTimers();
    await this.markPaused();
  }

  async unpause(): Promise<void> {
    this.paused = undefined;
    await this.markPaused();
  }

  /** Every running operation of the account shows the current pause (or none). */
  async markPaused(): Promise<void> {
    for (const operation of this.deps.operations().filter((candidate) => candidate.state === 'running' && candidate.paused?.since !== this.paused?.since)) {
      operation.paused = this.paused;
      await this.deps.changed(operation, true);
    }
  }

  async waitForSignIn(error: unknown): Promise<void> {
    if (!this.waitingForSignIn) {
      this.deps.log(`${this.deps.origin}: ${error instanceof Error ? error.message : String(error)}; bulk operations wait for a sign-in`);
    }
    this.waitingForSignIn = true;
    this.deps.stopTimers();
    await this.markWaiting(true);
  }

  async markWaiting(waiting: boolean): Promise<void> {
    this.waitingForSignIn = waiting;
    for (const operation of this.deps.operations().filter((candidate) => candidate.state === 'running' && (candidate.waitingForSignIn ?? false) !== waiting)) {
      operation.waitingForSignIn = waiting || undefined;
      await this.deps.changed(operation, true);
    }
  }
}
