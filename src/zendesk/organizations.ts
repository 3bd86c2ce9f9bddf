import { ZendeskInputError } from './errors';
import type { ZendeskHttp } from './http';
import type { CallOptions } from './memberships';
import { MAX_PAGE_SIZE, PageOptions, PagedList, pagedList } from './paging';
import type { Organization } from './types';
import { requireId, requireIds, requireText } from './validate';

/** Which organizations show_many should return: by id or by external id, never both in one call. */
export type OrganizationKeys = { ids: readonly number[]; externalIds?: never } | { externalIds: readonly string[]; ids?: never };

/** Search organizations by exact name or by exact external id (both case-insensitive), not both. */
export type OrganizationSearch = { name: string; externalId?: never } | { externalId: string; name?: never };

export function organizationOperations(http: ZendeskHttp) {
  return {
    listOrganizations(options: PageOptions = {}): PagedList<Organization> {
      return pagedList<Organization>(http, { path: '/api/v2/organizations', itemsKey: 'organizations', paging: 'dual' }, options);
    },

    async showOrganization(id: number, options: CallOptions = {}): Promise<Organization> {
      return http.requestKey<Organization>({
        method: 'GET', path: `/api/v2/organizations/${requireId(id, 'organizationId')}`, signal: options.signal,
      }, 'organization', 'object');
    },

    /** Organizations whose name starts with `name` (Zendesk pages this one by offset only). */
    autocompleteOrganizations(name: string, options: PageOptions = {}): PagedList<Organization> {
      return pagedList<Organization>(http, {
        path: '/api/v2/organizations/autocomplete', itemsKey: 'organizations', paging: 'offset', query: { name: requireText(name, 'name') },
      }, options);
    },

    /**
     * Up to 100 organizations in one request, by id or by external id (sent comma-joined).
     * Keys Zendesk does not know are simply absent from the answer.
     */
    async showManyOrganizations(keys: OrganizationKeys, options: CallOptions = {}): Promise<Organization[]> {
      return http.requestKey<Organization[]>({
        method: 'GET', path: '/api/v2/organizations/show_many', query: showManyQuery(keys), signal: options.signal,
      }, 'organizations', 'list');
    },

    /**
     * Organizations whose name, or external id, equals the value exactly (ignoring case). Names
     * and external ids are unique, so this is at most one organization in practice. Allowed for
     * admins and agents with a custom role that may manage organizations; other agents get 403.
     */
    async searchOrganizations(search: OrganizationSearch, options: CallOptions = {}): Promise<Organization[]> {
      return http.requestKey<Organization[]>({
        method: 'GET', path: '/api/v2/organizations/search', query: searchQuery(search), signal: options.signal,
      }, 'organizations', 'list');
    },
  };
}

function showManyQuery(keys: OrganizationKeys): Record<string, string> {
  const { ids, externalIds } = (keys ?? {}) as { ids?: readonly number[]; externalIds?: readonly string[] };
  if (ids !== undefined && externalIds !== undefined) {
    throw new ZendeskInputError('ids', 'Ask for organizations either by ids or by externalIds, not both.');
  }
  if (ids !== undefined) {
    return { ids: requireIds(ids, 'ids', MAX_PAGE_SIZE).join(',') };
  }
  if (externalIds === undefined) {
    throw new ZendeskInputError('ids', 'Give ids or externalIds.');
  }
  if (!Array.isArray(externalIds) || externalIds.length === 0) {
    throw new ZendeskInputError('externalIds', 'externalIds needs at least one external id.');
  }
  if (externalIds.length > MAX_PAGE_SIZE) {
    throw new ZendeskInputError('externalIds', `externalIds takes at most ${MAX_PAGE_SIZE} external ids per request (got ${externalIds.length}); split the work into chunks.`);
  }
  return { external_ids: externalIds.map((value, index) => requireListableText(value, `externalIds[${index}]`)).join(',') };
}

/** The list is comma-joined, so an external id containing a comma cannot be sent in it (use searchOrganizations). */
function requireListableText(value: unknown, field: string): string {
  const text = requireText(value, field);
  if (text.includes(',')) {
    throw new ZendeskInputError(field, `${field} contains a comma, which cannot be sent in a comma-separated list; look it up with searchOrganizations instead.`);
  }
  return text;
}

function searchQuery(search: OrganizationSearch): Record<string, string> {
  const { name, externalId } = (search ?? {}) as { name?: unknown; externalId?: unknown };
  if (name !== undefined && externalId !== undefined) {
    throw new ZendeskInputError('name', 'Search organizations by name or by externalId, not both.');
  }
  if (name !== undefined) {
    return { name: requireText(name, 'name') };
  }
  if (externalId === undefined) {
    throw new ZendeskInputError('name', 'Give a name or an externalId to search for.');
  }
  // The spec types external_id as an integer; it is really a string (API-NOTES §1.2, §8).
  return { external_id: requireText(externalId, 'externalId') };
}
