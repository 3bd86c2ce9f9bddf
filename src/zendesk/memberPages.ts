import { inBatches } from './batches';
import type { ZendeskHttp } from './http';
import { membershipOperations } from './memberships';
import type { Page, PageCursor } from './paging';
import type { OrganizationMembership, User } from './types';
import { userOperations } from './users';

export interface MembersPageRequest {
  organizationId: number;
  /** Absent for the first page. */
  cursor?: PageCursor;
  pageSize?: number;
  /** Users the caller already has: not read again when Zendesk does not sideload them. */
  knownUser?: (id: number) => boolean;
  signal?: AbortSignal;
}

export interface MembersPage {
  page: Page<OrganizationMembership>;
  /** The page's users as Zendesk sent them (all of them when sideloaded, otherwise those not known). */
  users: User[];
  /** Whether Zendesk sideloaded the users (one round trip) or they were read after (two). */
  sideloaded: boolean;
}

/**
 * A page of an organization's members with their users, for a tree that names every row. It asks
 * for `include=users`: where Zendesk sideloads them that is one round trip. The spec documents the
 * sideload only on the account-wide and per-user lists (API-NOTES §1.1), so an answer without a
 * `users` list is expected too: then the users not already known are read with `users/show_many`
 * (100 per request), a second round trip.
 */
export function memberPageOperations(http: ZendeskHttp) {
  const memberships = membershipOperations(http);
  const users = userOperations(http);
  return {
    async organizationMembersPage(request: MembersPageRequest): Promise<MembersPage> {
      const page = await memberships
        .listOrganizationMemberships({ organizationId: request.organizationId, include: ['users'] })
        .page(request.cursor, { pageSize: request.pageSize, signal: request.signal });
      if (Array.isArray(page.included.users)) {
        return { page, users: page.included.users, sideloaded: true };
      }
      const known = request.knownUser ?? (() => false);
      const missing = [...new Set(page.items.map((membership) => membership.user_id))].filter((id) => !known(id));
      const read: User[] = [];
      for (const batch of inBatches(missing)) {
        read.push(...await users.showManyUsers(batch, { signal: request.signal }));
      }
      return { page, users: read, sideloaded: false };
    },
  };
}
