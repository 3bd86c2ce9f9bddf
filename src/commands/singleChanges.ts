// What a single command records in the history besides its change: who and where (ids and the
// names shown), and the user's default organization before a default change.
import type { OrganizationMembership, ZendeskClient } from '../zendesk';
import type { JournalChange } from '../jobs/journal';
import { listUserMemberships } from '../ui/pickers';

/** The user's default organization now (before the command changes it); nothing when it cannot be read (the history then says "not known"). */
export async function defaultBefore(client: ZendeskClient, userId: number): Promise<Pick<JournalChange, 'previousDefaultId' | 'previousDefaultName'>> {
  try {
    const current = (await listUserMemberships(client, userId)).find((membership) => membership.default === true);
    return current
      ? { previousDefaultId: current.organization_id, ...(current.organization_name ? { previousDefaultName: current.organization_name } : {}) }
      : { previousDefaultId: null };
  } catch {
    return {};
  }
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
