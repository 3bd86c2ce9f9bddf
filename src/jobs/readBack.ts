import { isZendeskError } from '../zendesk';
import type { ZendeskClient } from '../zendesk';
import { type BulkItem, type BulkOperation, itemChange } from './model';
import { UncertainItem, settle } from './results';
import * as l10n from '@vscode/l10n';

/** What Zendesk holds for some items: done (member / gone), not done, or not checkable (Zendesk refused to say). */
export interface ReadBack {
  done: BulkItem[];
  notDone: BulkItem[];
  refused: Array<{ item: BulkItem; error: unknown }>;
  /** Read requests started. */
  reads: number;
}

/**
 * Asks Zendesk what is there now: an addition is done if the user is a member of the
 * organization, a removal if the membership is gone. Additions are read per user (one short list
 * answers all of a user's items), removals per membership.
 *
 * A read that fails on the way (network, 5xx, 429, signed out) throws: the caller keeps the items
 * open and asks again later. A read Zendesk refuses for good (e.g. 403) puts the items in `refused`.
 */
export async function readBack(client: ZendeskClient, operation: BulkOperation, items: readonly BulkItem[]): Promise<ReadBack> {
  const result: ReadBack = { done: [], notDone: [], refused: [], reads: 0 };
  const additions = items.filter((item) => itemChange(operation, item) === 'add');
  const removals = items.filter((item) => itemChange(operation, item) === 'remove');
  if (additions.length > 0) {
    const byUser = new Map<number, BulkItem[]>();
    additions.forEach((item) => byUser.set(item.userId, [...(byUser.get(item.userId) ?? []), item]));
    for (const [userId, userItems] of byUser) {
      result.reads++;
      const organizations = new Set<number>();
      try {
        for await (const membership of client.listOrganizationMemberships({ userId })) {
          organizations.add(membership.organization_id);
        }
      } catch (error) {
        if (isZendeskError(error) && error.status === 404) {
          organizations.clear(); // the user does not exist, so neither do these memberships
        } else if (isFinalAnswer(error)) {
          userItems.forEach((item) => result.refused.push({ item, error }));
          continue;
        } else {
          throw error;
        }
      }
      userItems.forEach((item) => (organizations.has(item.organizationId) ? result.done : result.notDone).push(item));
    }
  }
  for (const item of removals) {
    result.reads++;
    try {
      await client.showOrganizationMembershipById(item.membershipId as number);
      result.notDone.push(item);
    } catch (error) {
      if (isZendeskError(error) && error.status === 404) {
        result.done.push(item);
      } else if (isFinalAnswer(error)) {
        result.refused.push({ item, error });
      } else {
        throw error;
      }
    }
  }
  return result;
}

/**
 * Settles the items a job's results left open by reading them back: a failure entry whose item is
 * done reads "already a member" / "already removed"; one that is not stays a failure with
 * Zendesk's words; an item nothing was reported for and that is not done fails with `unreported`.
 * Returns the number of read requests started; throws as `readBack` does.
 */
export async function settleByReadingBack(client: ZendeskClient, operation: BulkOperation, open: readonly UncertainItem[], unreported: string): Promise<number> {
  const reported = new Map(open.map((entry) => [entry.item, entry.reported]));
  const found = await readBack(client, operation, open.map((entry) => entry.item));
  for (const item of found.done) {
    settle(item, 'succeeded', reported.get(item) === undefined ? undefined : alreadyDone(operation, item));
    if (reported.get(item) !== undefined) {
      item.already = true; // Zendesk refused it because it was done already: it changed nothing
    }
  }
  for (const item of found.notDone) {
    settle(item, 'failed', reported.get(item) ?? unreported);
  }
  for (const { item, error } of found.refused) {
    settle(item, 'failed', unconfirmed(reported.get(item) ?? unreported, error));
  }
  return found.reads;
}

export function alreadyDone(operation: BulkOperation, item: BulkItem): string {
  return itemChange(operation, item) === 'add' ? l10n.t('already a member') : l10n.t('already removed');
}

/** Zendesk answered, and asking again will not change the answer (a 4xx other than 401 and 429). */
function isFinalAnswer(error: unknown): boolean {
  return isZendeskError(error) && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 429;
}

export function unconfirmed(reason: string, error: unknown): string {
  return l10n.t('{0} (Zendesk did not let the extension check the result: {1})', reason, error instanceof Error ? error.message : String(error));
}
