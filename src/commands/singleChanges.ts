// What a single command records in the history besides its change: who and where (ids and the
// names shown), and the user's default organization before a default change.
import type { OrganizationMembership, ZendeskClient } from '../zendesk';
import type { JournalChange } from '../jobs/journal';

/**
 * The user's default organization now (before the command changes it): the user's
 * organization_id, and its name when it can be read. Nothing when the user cannot be read (the
 * history then says "not known"); the command goes on either way.
 */
export async function defaultBefore(client: ZendeskClient, userId: number): Promise<Pick<JournalChange, 'previousDefaultId' | 'previousDefaultName'>> {
  let previousDefaultId: number | null | undefined;
  try {
    previousDefaultId = (await client.showUser(userId)).organization_id;
  } catch {
    return {};
  }
  if (previousDefaultId === undefined || previousDefaultId === null) {
    return previousDefaultId === null ? { previousDefaultId: null } : {};
  }
  const name = await client.showOrganization(previousDefaultId).then((organization) => organization.name, () => undefined);
  return { previousDefaultId, ...(name ? { previousDefaultName: name } : {}) };
}

/** The change one membership had, with the names the command showed. */
export function membershipChange(
  action: JournalChange['action'], membership: OrganizationMembership, names: { userName: string; organizationName: string }, extra: Partial<JournalChange> = {},
): JournalChange {
  return {
    action, userId: membership.user_id, userName: names.userName, organizationId: membership.organization_id, organizationName: names.organizationName,
    membershipId: membership.id, ...extra,
  };
}
