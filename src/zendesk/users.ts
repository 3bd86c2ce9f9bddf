import { ZendeskInputError } from './errors';
import type { ZendeskHttp } from './http';
import type { CallOptions } from './memberships';
import { MAX_PAGE_SIZE, PageOptions, PagedList, pagedList } from './paging';
import type { User } from './types';
import { requireId, requireIds, requireText } from './validate';

export function userOperations(http: ZendeskHttp) {
  return {
    listUsers(options: PageOptions = {}): PagedList<User> {
      return pagedList<User>(http, { path: '/api/v2/users', itemsKey: 'users', paging: 'dual' }, options);
    },

    /** Users whose name or email starts with `name` (agents only; offset paging only). */
    autocompleteUsers(name: string, options: PageOptions = {}): PagedList<User> {
      return pagedList<User>(http, {
        path: '/api/v2/users/autocomplete', itemsKey: 'users', paging: 'offset', query: { name: requireText(name, 'name') },
      }, options);
    },

    /**
     * Users matching a query in Zendesk's search syntax, e.g. `email:"jane@example.com"` or a bare
     * term matched against name, email and other fields. Agents only; offset paging only, and
     * Zendesk stops at 10,000 results per query.
     */
    searchUsers(query: string, options: PageOptions = {}): PagedList<User> {
      return pagedList<User>(http, {
        path: '/api/v2/users/search', itemsKey: 'users', paging: 'offset', query: { query: requireText(query, 'query') },
      }, options);
    },

    async showUser(id: number, options: CallOptions = {}): Promise<User> {
      return http.requestKey<User>({ method: 'GET', path: `/api/v2/users/${requireId(id, 'userId')}`, signal: options.signal }, 'user', 'object');
    },

    /** Up to 100 users in one request; ids Zendesk does not know are simply absent. */
    async showManyUsers(ids: readonly number[], options: CallOptions = {}): Promise<User[]> {
      const checked = requireIds(ids, 'ids', MAX_PAGE_SIZE);
      return http.requestKey<User[]>({
        method: 'GET', path: '/api/v2/users/show_many', query: { ids: checked.join(',') }, signal: options.signal,
      }, 'users', 'list');
    },

    async showCurrentUser(options: CallOptions = {}): Promise<User> {
      return http.requestKey<User>({ method: 'GET', path: '/api/v2/users/me', signal: options.signal }, 'user', 'object');
    },
  };
}

/**
 * The search query for one exact email address. The address is quoted so characters such as
 * `+` or `-` stay part of the value instead of becoming search operators.
 */
export function emailSearchQuery(email: string): string {
  const address = requireText(email, 'email');
  if (/["\s]/.test(address)) {
    throw new ZendeskInputError('email', `email cannot contain quotes or spaces (got ${JSON.stringify(email)}).`);
  }
  return `email:"${address}"`;
}
