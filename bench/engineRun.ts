// The extension's job engine as the benchmarks drive it: one operation of additions, with the
// extension's default timings, persisting to a memento that counts what globalState would be sent.
// (The one place the benchmarks touch the engine's API.)
import { JobEngine, type NewItem } from '../src/jobs/engine';
import { GlobalStateOperationStore, type MementoLike } from '../src/jobs/globalStateStore';
import type { JobTimings } from '../src/jobs/timings';
import { countItems } from '../src/jobs/model';
import type { ZendeskClient } from '../src/zendesk';

/** globalState's cost: every write is serialized (and, in VS Code, sent to the main process). */
export class CountingMemento implements MementoLike {
  writes = 0;
  bytesWritten = 0;
  private readonly values = new Map<string, unknown>();
  get<T>(key: string, defaultValue: T): T { return (this.values.get(key) as T) ?? defaultValue; }
  async update(key: string, value: unknown): Promise<void> {
    this.writes++;
    if (value === undefined) {
      this.values.delete(key);
      return;
    }
    this.bytesWritten += JSON.stringify(value).length;
    this.values.set(key, value);
  }

  /** What globalState holds now, as JSON text. */
  storedBytes(): number {
    let bytes = 0;
    for (const [key, value] of this.values) bytes += key.length + JSON.stringify(value).length;
    return bytes;
  }
}

export interface EngineRun {
  wallMs: number;
  jobs: number;
  peakInFlight: number;
  statusPolls: number;
  succeeded: number;
}

export function newEngine(client: ZendeskClient, memento: MementoLike, cap: number, timings?: Partial<JobTimings>): JobEngine {
  return new JobEngine({ clientFor: async () => client, store: new GlobalStateOperationStore(memento), maxInFlight: () => cap, timings });
}

/** Adds `items` through a fresh engine and waits until the operation has finished. */
export async function engineBulkAdd(client: ZendeskClient, origin: string, items: NewItem[], cap: number, memento = new CountingMemento()): Promise<EngineRun> {
  const engine = newEngine(client, memento, cap);
  const started = performance.now();
  const operation = engine.start({ origin, kind: 'add', title: `Add ${items.length}`, items });
  const done = await engine.whenFinished(operation.id);
  const wallMs = performance.now() - started;
  await engine.dispose();
  return { wallMs, jobs: engine.stats.jobsSubmitted, peakInFlight: engine.stats.peakInFlight, statusPolls: engine.stats.statusPolls, succeeded: countItems(done).succeeded };
}
