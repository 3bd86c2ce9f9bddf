import { interpretJobResult } from '../zendesk';
import type { JobStatus } from '../zendesk';
import type { BulkChunk, BulkItem, BulkOperation } from './model';
import * as l10n from '@vscode/l10n';

// "User 1 is already a member…", DuplicateValue: the membership exists, which is what was asked.
const ALREADY_MEMBER = /already (a member|assigned|exists)|has already been taken|DuplicateValue/i;
// A membership that is gone already is what a removal asked for.
const ALREADY_GONE = /RecordNotFound|not found/i;

/**
 * Writes a finished job's per-item results onto the chunk's items. Results are read loosely
 * (any field may be missing): a create result points at its item by `index` (its position in
 * the chunk), a delete result by the membership `id`; a result list as long as the chunk with
 * no indexes is read in order. Items Zendesk reported nothing for fail visibly.
 */
export function applyJobResults(operation: BulkOperation, chunk: BulkChunk, job: JobStatus): void {
  const items = chunk.items.map((index) => operation.items[index]);
  const results = Array.isArray(job.results) ? job.results : [];
  const byMembershipId = new Map(items.filter((item) => item.membershipId !== undefined).map((item) => [item.membershipId as number, item]));
  const settled = new Set<BulkItem>();

  results.forEach((result, position) => {
    const outcome = interpretJobResult(result);
    const item = operation.kind === 'remove'
      ? (outcome.id !== undefined ? byMembershipId.get(outcome.id) : undefined) ?? positional(items, results.length, position, outcome.index)
      : (outcome.index !== undefined ? items[outcome.index] : undefined) ?? positional(items, results.length, position, undefined);
    if (!item || settled.has(item)) {
      return;
    }
    settled.add(item);
    if (outcome.success) {
      item.outcome = 'succeeded';
      item.detail = undefined;
    } else if (operation.kind === 'add' && ALREADY_MEMBER.test(outcome.error ?? '')) {
      item.outcome = 'succeeded';
      item.detail = l10n.t('already a member');
    } else if (operation.kind === 'remove' && ALREADY_GONE.test(outcome.error ?? '')) {
      item.outcome = 'succeeded';
      item.detail = l10n.t('already removed');
    } else {
      item.outcome = 'failed';
      item.detail = outcome.error;
    }
  });

  const unreported = job.status === 'completed'
    ? l10n.t('Zendesk reported no result for this item')
    : job.message ? l10n.t('The Zendesk job {0}: {1}', job.status, job.message) : l10n.t('The Zendesk job {0}', job.status);
  for (const item of items) {
    if (!settled.has(item) && item.outcome === 'submitted') {
      item.outcome = 'failed';
      item.detail = unreported;
    }
  }
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

function positional(items: BulkItem[], resultCount: number, position: number, index: number | undefined): BulkItem | undefined {
  return index === undefined && resultCount === items.length ? items[position] : undefined;
}
