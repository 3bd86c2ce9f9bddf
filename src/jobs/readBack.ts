import { isZendeskError } from '../zendesk';
import type { ZendeskClient } from '../zendesk';
import type { BulkOperation } from './model';
import { UncertainItem, settle } from './results';
import * as l10n from '@vscode/l10n';

/**
 * Settles the items a job's results left open by asking Zendesk what is there now: an addition
 * succeeded if the user is a member of the organization, a removal if the membership is gone.
 * A failure entry then reads "already a member" / "already removed", or stays a failure with
 * Zendesk's words; an item nothing was reported for and that is not done fails with
 * `unreported`. Additions are read per user (one short list answers all of a user's items),
 * removals per membership. Returns the number of read requests started.
 *
 * A read that fails on the way (network, 5xx, 429, signed out) throws, leaving the rest open:
 * the caller keeps the job and reads it again later. A read Zendesk refuses for good (e.g. 403)
 * fails the item with that reason instead of asking forever.
 */
export async function settleByReadingBack(client: ZendeskClient, operation: BulkOperation, open: readonly UncertainItem[], unreported: string): Promise<number> {
  let reads = 0;
  if (operation.kind === 'add') {
    const byUser = new Map<number, UncertainItem[]>();
    for (const entry of open) {
      byUser.set(entry.item.userId, [...(byUser.get(entry.item.userId) ?? []), entry]);
    }
    for (const [userId, entries] of byUser) {
      reads++;
      const organizations = new Set<number>();
      try {
        for await (const membership of client.listOrganizationMemberships({ userId })) {
          organizations.add(membership.organization_id);
        }
      } catch (error) {
        if (isZendeskError(error) && error.status === 404) {
          organizations.clear(); // the user does not exist, so neither do these memberships
        } else if (isFinalAnswer(error)) {
          entries.forEach(({ item, reported }) => settle(item, 'failed', unconfirmed(reported ?? unreported, error)));
          continue;
        } else {
          throw error;
        }
      }
      for (const { item, reported } of entries) {
        if (organizations.has(item.organizationId)) {
          settle(item, 'succeeded', reported === undefined ? undefined : l10n.t('already a member'));
        } else {
          settle(item, 'failed', reported ?? unreported);
        }
      }
    }
    return reads;
  }
  for (const { item, reported } of open) {
    reads++;
    try {
      await client.showOrganizationMembershipById(item.membershipId as number);
      settle(item, 'failed', reported ?? unreported);
    } catch (error) {
      if (isZendeskError(error) && error.status === 404) {
        settle(item, 'succeeded', reported === undefined ? undefined : l10n.t('already removed'));
      } else if (isFinalAnswer(error)) {
        settle(item, 'failed', unconfirmed(reported ?? unreported, error));
      } else {
        throw error;
      }
    }
  }
  return reads;
}

/** Zendesk answered, and asking again will not change the answer (a 4xx other than 401 and 429). */
function isFinalAnswer(error: unknown): boolean {
  return isZendeskError(error) && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 429;
}

function unconfirmed(reason: string, error: unknown): string {
  return l10n.t('{0} (Zendesk did not let the extension check the result: {1})', reason, error instanceof Error ? error.message : String(error));
}
