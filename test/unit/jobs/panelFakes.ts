// Fakes shared by the jobs panel tests: a virtual clock and an in-memory JobsPanelSource.
import type { ItemRow, OperationSummary } from '../../../src/jobs/panelProtocol';
import type { ControllerSource } from '../../../src/jobs/panelController';
import type { Scheduler } from '../../../src/jobs/updateCoalescer';

/** Timers run only when the test advances the clock; nothing sleeps. */
export class VirtualClock implements Scheduler {
  private time = 0;
  private nextHandle = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, delayMs: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + Math.max(0, delayMs), callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward, running every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) {
        break;
      }
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }
}

export function summary(id: string, overrides: Partial<OperationSummary> = {}): OperationSummary {
  return {
    id,
    title: `Add members (${id})`,
    kind: 'add',
    origin: 'https://acme.zendesk.com',
    state: 'running',
    createdAt: 0,
    counts: { total: 10, pending: 10, submitted: 0, succeeded: 0, failed: 0, cancelled: 0 },
    succeededBy: { add: 0, remove: 0, makeDefault: 0 },
    chunks: { pending: 1 },
    processed: 0,
    cancellable: true,
    ...overrides,
  };
}

export class FakeSource implements ControllerSource {
  operations: OperationSummary[] = [];
  rows = new Map<string, ItemRow[]>();
  readonly calls: string[] = [];
  retryResult: Promise<void> = Promise.resolve();
  private listeners: ((operationId: string | undefined) => unknown)[] = [];

  summaries(): OperationSummary[] {
    return this.operations;
  }

  itemRows(operationId: string): ItemRow[] {
    return this.rows.get(operationId) ?? [];
  }

  readonly onDidChange = (listener: (operationId: string | undefined) => unknown) => {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((candidate) => candidate !== listener); } };
  };

  fire(operationId?: string): void {
    for (const listener of this.listeners) {
      listener(operationId);
    }
  }

  get listenerCount(): number {
    return this.listeners.length;
  }

  retryFailed(operationId: string): Promise<void> {
    this.calls.push(`retry ${operationId}`);
    return this.retryResult;
  }

  cancel(operationId: string): void {
    this.calls.push(`cancel ${operationId}`);
  }

  resumePaused(operationId: string): void {
    this.calls.push(`resume ${operationId}`);
  }
}
