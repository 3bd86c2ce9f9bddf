// Chunks whose items are calls of their own rather than a Zendesk job: make_default (one PUT per
// item), and a move's removals (one DELETE per membership, only once its addition succeeded).
// Both are idempotent (making a default the default again changes nothing; deleting what is gone
// is what was asked) and the client reads back an outcome it could not see (memberships.ts), so a
// chunk caught mid-way by a reload is simply run again. Each item settles by itself: one refused call fails that item (with
// Zendesk's reason, retryable from the Jobs panel), not the chunk. No `vscode` import.
import { isZendeskError } from '../zendesk';
import type { ZendeskClient } from '../zendesk';
import * as l10n from '@vscode/l10n';
import { type BulkChunk, type BulkItem, type BulkOperation, isCallAction } from './model';
import { sentItems, settle } from './results';
import { messageOf } from './runnerParts';

/** Calls at once per chunk: few, so a chunk of 100 does not crowd the account's rate limit. */
const PARALLEL_CALLS = 4;

/**
 * Runs the chunk's calls and settles every item. An error `stop` accepts (signed out) ends the
 * run by throwing it: the items not yet settled stay `submitted` for the runner to requeue.
 */
export async function runCallChunk(client: ZendeskClient, operation: BulkOperation, chunk: BulkChunk, stop: (error: unknown) => boolean): Promise<void> {
  const items = sentItems(operation, chunk).filter((item) => item.outcome !== 'succeeded');
  let next = 0;
  let stopped: unknown;
  const worker = async (): Promise<void> => {
    while (next < items.length && stopped === undefined) {
      const item = items[next++];
      try {
        await call(client, operation, item);
      } catch (error) {
        if (stop(error)) {
          stopped ??= error;
          return;
        }
        settle(item, 'failed', messageOf(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_CALLS, items.length) }, worker));
  if (stopped !== undefined) {
    throw stopped;
  }
  chunk.state = 'completed';
  chunk.finishedAt = Date.now();
}

/** A chunk of calls may start once the items it waits for (a move's additions) have settled. */
export function callChunkReady(operation: BulkOperation, chunk: BulkChunk): boolean {
  return !isCallAction(chunk.action) || chunk.items.every((index) => {
    const after = operation.items[index].after;
    return after === undefined || !['pending', 'submitted'].includes(operation.items[after].outcome);
  });
}

async function call(client: ZendeskClient, operation: BulkOperation, item: BulkItem): Promise<void> {
  if (item.membershipId === undefined) {
    throw new Error(l10n.t('no membership id'));
  }
  if (item.action === 'makeDefault') {
    await client.setOrganizationMembershipAsDefault({ userId: item.userId, membershipId: item.membershipId });
    settle(item, 'succeeded', l10n.t('made the default organization'));
    return;
  }
  const addition = item.after === undefined ? undefined : operation.items[item.after];
  if (addition && addition.outcome !== 'succeeded') {
    // Nothing orphaned: a user leaves an organization only once they are in the other one.
    settle(item, 'failed', l10n.t('not removed: adding the user to {0} did not succeed', addition.organizationLabel));
    return;
  }
  try {
    await client.deleteOrganizationMembership(item.membershipId);
    settle(item, 'succeeded', addition ? l10n.t('moved to {0}', addition.organizationLabel) : undefined);
  } catch (error) {
    if (isZendeskError(error) && error.status === 404) {
      settle(item, 'succeeded', l10n.t('already removed'));
      item.already = true;
      return;
    }
    throw error;
  }
}
