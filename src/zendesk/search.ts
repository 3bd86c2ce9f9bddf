import { ZendeskError } from './errors';
import type { ZendeskHttp } from './http';
import type { CallOptions } from './memberships';
import { requireId, requireText } from './validate';

/** What Zendesk says about an organization besides its fields (docs/notes/search-and-job-list.md). */
export interface OrganizationRelated {
  users_count: number;
  tickets_count: number;
}

export function searchOperations(http: ZendeskHttp) {
  return {
    /** How many records match a search query (the records themselves are not sent). Agents only. */
    async countSearchResults(query: string, options: CallOptions = {}): Promise<number> {
      const path = '/api/v2/search/count';
      const { body, status } = await http.request<{ count?: unknown } | undefined>({
        method: 'GET', path, query: { query: requireText(query, 'query') }, signal: options.signal,
      });
      const count = body?.count;
      if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
        throw new ZendeskError({ status, code: 'InvalidResponse', method: 'GET', path, description: "Zendesk's search count has no count, so it cannot be read." });
      }
      return count;
    },

    /** An organization's member and ticket counts: one request per organization (there is no bulk form). */
    async showOrganizationRelated(id: number, options: CallOptions = {}): Promise<OrganizationRelated> {
      const path = `/api/v2/organizations/${requireId(id, 'organizationId')}/related`;
      const related = await http.requestKey<Record<string, unknown>>({ method: 'GET', path, signal: options.signal }, 'organization_related', 'object');
      const usersCount = related.users_count;
      if (typeof usersCount !== 'number' || !Number.isSafeInteger(usersCount) || usersCount < 0) {
        throw new ZendeskError({ status: 200, code: 'InvalidResponse', method: 'GET', path, description: "Zendesk's answer has no users_count, so it cannot be read." });
      }
      return { users_count: usersCount, tickets_count: typeof related.tickets_count === 'number' ? related.tickets_count : 0 };
    },
  };
}

/**
 * The tickets that lose their organization when the user leaves it: Zendesk unassigns the
 * "working" tickets of the pair, and `status<solved` is new, open, pending and on-hold
 * (API-NOTES §1.1; docs/notes/search-and-job-list.md). Ids, not names: a name may need quoting and can match several.
 */
export function unsolvedTicketsQuery(userId: number, organizationId: number): string {
  return `type:ticket status<solved requester:${requireId(userId, 'userId')} organization:${requireId(organizationId, 'organizationId')}`;
}

/**
 * Members of one organization whose name or email matches what was typed (users/search). The
 * typed words become bare terms only: quotes, colons and the search operators are dropped, so
 * nothing a person types (or pastes) can add a keyword such as `role:` or `organization:`.
 */
export function memberSearchQuery(organizationId: number, typed: string): string {
  const words = typed.split(/\s+/).map((word) => word.replace(/["':<>()\\*-]+/g, ' ').trim()).filter(Boolean);
  const terms = words.join(' ').split(/\s+/).filter(Boolean);
  return ['type:user', `organization:${requireId(organizationId, 'organizationId')}`, ...terms].join(' ');
}
