// What an AccountRunner (runner.ts) is given, and the small rules it goes by.
import { MAX_BULK_ITEMS } from '../zendesk';
import type { ZendeskClient } from '../zendesk';
import type { BulkChunk, BulkOperation, ChunkState } from './model';
import type { JobStats, JobTimings } from './timings';

export interface RunnerDeps {
  origin: string;
  client(): Promise<ZendeskClient>;
  /** This account's operations that this window runs (the engine owns them). */
  operations(): BulkOperation[];
  /** The operation changed; `durable` asks for it to be persisted before the call resolves. */
  changed(operation: BulkOperation, durable: boolean): Promise<void>;
  maxInFlight(): number;
  /** How many more jobs this window may start now, the other windows' jobs on the account counted (jobBudget.ts). */
  allowance(inFlight: number): Promise<number>;
  /** Keeps this window's share of the account's budget current (it has `inFlight` jobs and wants more or not). */
  publish(inFlight: number, wants: boolean): Promise<void>;
  /** Job ids every known operation follows: a job found in the job list with one of them is not a lost answer. */
  knownJobIds(): Set<string>;
  timings: JobTimings;
  stats: JobStats;
  now(): number;
  log(message: string): void;
  /** Called whenever a chunk is about to count as in flight, so tests can check the cap at every step. */
  observeInFlight?(count: number): void;
  /** The error says the account is signed out: wait for `kick()` rather than fail or retry. */
  isSignedOut(error: unknown): boolean;
}

/** Possibly a job in Zendesk: counts against the cap. */
export const IN_FLIGHT: ReadonlySet<ChunkState> = new Set(['submitting', 'uncertain', 'queued', 'working']);

/** Followed by polls: a job we know, or a submission whose job is still to be found. */
export function isTracked(chunk: BulkChunk): boolean {
  return chunk.state === 'uncertain' || (chunk.jobId !== undefined && (chunk.state === 'queued' || chunk.state === 'working'));
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Splits item indexes into Zendesk-sized chunks. */
export function chunkIndexes(count: number, size: number = MAX_BULK_ITEMS): number[][] {
  const chunks: number[][] = [];
  for (let start = 0; start < count; start += size) {
    chunks.push(Array.from({ length: Math.min(size, count - start) }, (_, offset) => start + offset));
  }
  return chunks;
}
