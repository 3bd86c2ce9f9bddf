import { interpretJobResult } from '../zendesk';
import type { JobItemOutcome, JobStatus } from '../zendesk';
import { type BulkChunk, type BulkItem, type BulkOperation, chunkJobKind } from './model';
import * as l10n from '@vscode/l10n';

/** An item a finished job's results leave open; `reported` holds Zendesk's words for its failure entry. */
export interface UncertainItem {
  item: BulkItem;
  reported?: string;
}

/**
 * Writes what a finished job's per-item results settle onto the chunk's items, and returns the
 * items they leave open, for the caller to read back from Zendesk (readBack.ts).
 *
 * Entries are read loosely (any field may be missing) and tied to items only by what identifies
 * one: a removal's membership `id`, or an entry's `index` (its place in the request). Never by
 * position: nothing documents the order of results, and creates answer {id, status} with no index
 * (API-NOTES §13). Successes tied to no item settle the items no entry names only when there is
 * exactly one success for each of them and nothing else; otherwise those items stay open. Every
 * failure stays open too: its meaning (already a member? not found? refused?) is not documented,
 * and its wording is no contract, so only reading the membership back tells.
 * Idempotent: reading the same job again gives the same answer.
 *
 * `trustSuccesses` false (a job found in the account's job list rather than named in Zendesk's
 * answer to us): nothing is settled, every item is returned open with the failure its entry
 * reports, for reading back — the job might not be ours.
 */
export function applyJobResults(operation: BulkOperation, chunk: BulkChunk, job: JobStatus, trustSuccesses = true): UncertainItem[] {
  const items = sentItems(operation, chunk);
  const results = Array.isArray(job.results) ? job.results : [];
  const byMembershipId = new Map(chunkJobKind(operation, chunk) === 'remove'
    ? items.filter((item) => item.membershipId !== undefined).map((item) => [item.membershipId as number, item])
    : []);
  const named = new Map<BulkItem, JobItemOutcome>();
  const unnamed: JobItemOutcome[] = [];

  for (const result of results) {
    const outcome = interpretJobResult(result);
    const item = (outcome.id !== undefined ? byMembershipId.get(outcome.id) : undefined)
      ?? (outcome.index !== undefined && Number.isInteger(outcome.index) ? items[outcome.index] : undefined);
    if (item && !named.has(item)) {
      named.set(item, outcome);
    } else {
      unnamed.push(outcome);
    }
  }

  const open: UncertainItem[] = [];
  if (!trustSuccesses) {
    return items.map((item) => ({ item, reported: named.get(item)?.success === false ? named.get(item)?.error : undefined }));
  }
  for (const [item, outcome] of named) {
    if (outcome.success) {
      settle(item, 'succeeded');
    } else {
      open.push({ item, reported: outcome.error });
    }
  }
  const rest = items.filter((item) => !named.has(item));
  const onePerItem = unnamed.length === rest.length && unnamed.every((outcome) => outcome.success);
  for (const item of rest) {
    if (onePerItem) {
      settle(item, 'succeeded');
    } else {
      open.push({ item });
    }
  }
  return open;
}

/** The items of the chunk's last submission, in the order sent (a result's `index` points into this). */
export function sentItems(operation: BulkOperation, chunk: BulkChunk): BulkItem[] {
  return (chunk.sent ?? chunk.items).map((index) => operation.items[index]);
}

/** Why an item Zendesk reported nothing for (and that reading back did not find done) failed. */
export function unreportedDetail(job: JobStatus): string {
  if (job.status === 'completed') {
    return l10n.t('Zendesk reported no result for this item');
  }
  return job.message ? l10n.t('The Zendesk job {0}: {1}', job.status, job.message) : l10n.t('The Zendesk job {0}', job.status);
}

export function settle(item: BulkItem, outcome: 'succeeded' | 'failed', detail?: string): void {
  item.outcome = outcome;
  item.detail = detail;
  delete item.already;
}

/** Marks every unfinished item of a chunk failed with a reason (a job Zendesk lost, a refused request). */
export function failChunk(operation: BulkOperation, chunk: BulkChunk, detail: string): void {
  for (const index of chunk.items) {
    const item = operation.items[index];
    if (item.outcome === 'pending' || item.outcome === 'submitted') {
      item.outcome = 'failed';
      item.detail = detail;
    }
  }
}
