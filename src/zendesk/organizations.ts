import type { ZendeskHttp } from './http';
import type { CallOptions } from './memberships';
import { PageOptions, PagedList, pagedList } from './paging';
import type { Organization } from './types';
import { requireId, requireText } from './validate';

export function organizationOperations(http: ZendeskHttp) {
  return {
    listOrganizations(options: PageOptions = {}): PagedList<Organization> {
      return pagedList<Organization>(http, { path: '/api/v2/organizations', itemsKey: 'organizations', paging: 'dual' }, options);
    },

    async showOrganization(id: number, options: CallOptions = {}): Promise<Organization> {
      const { body } = await http.request<{ organization: Organization }>({
        method: 'GET', path: `/api/v2/organizations/${requireId(id, 'organizationId')}`, signal: options.signal,
      });
      return body.organization;
    },

    /** Organizations whose name starts with `name` (Zendesk pages this one by offset only). */
    autocompleteOrganizations(name: string, options: PageOptions = {}): PagedList<Organization> {
      return pagedList<Organization>(http, {
        path: '/api/v2/organizations/autocomplete', itemsKey: 'organizations', paging: 'offset', query: { name: requireText(name, 'name') },
      }, options);
    },
  };
}
