// Counts without lists: an organization's related information (users_count, tickets_count) and
// the number of search results (tickets only, see ticketSearch.ts). Both are for agents.
import type { App } from '../app';
import { classicError, forbidden, parameterMissing, recordNotFound } from '../errors';
import { ok, type ApiContext, type ApiResponse } from '../http';
import { parseId } from '../ids';
import { isStaff } from '../permissions';
import type { Route } from '../router';
import { parseTicketQuery } from '../ticketSearch';
import type { TicketRecord } from '../ticketStore';

export function countRoutes(app: App): Route[] {
  const { store } = app;

  /** `{organization_related: {tickets_count, users_count}}` (OrganizationsRelatedResponse). */
  const related = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    const orgId = parseId(ctx.params.orgId) as number;
    if (!store.getOrganization(orgId)) return recordNotFound();
    // unverified: users_count counts memberships (every member, not only those whose default it is).
    return ok({ organization_related: { tickets_count: store.tickets.countOfOrganization(orgId), users_count: store.memberships.idsOfOrg(orgId).length } });
  };

  const searchCount = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    const text = ctx.query.get('query');
    if (text === null || text.trim() === '') return parameterMissing('query');
    const parsed = parseTicketQuery(text, {
      userIdByEmail: (email) => store.users.byEmail(email)?.id,
      organizationIdByName: (name) => store.organizations.byName(name)?.id,
    });
    // The search endpoints' error envelope is {error, description} with error "invalid" or
    // "unavailable" (API-NOTES §1.3; docs/notes/search-and-job-list.md). unverified: the status (400) for a query Zendesk cannot read.
    if (!parsed.ok) return classicError(400, 'invalid', parsed.message);
    const { query } = parsed;
    const candidates: Iterable<TicketRecord> = query.requesterId !== undefined ? store.tickets.ofRequester(query.requesterId)
      : query.organizationId !== undefined ? store.tickets.ofOrganization(query.organizationId) : store.tickets.all();
    let count = 0;
    for (const ticket of candidates) if (query.matches(ticket)) count++;
    return ok({ count });
  };

  return [
    { method: 'GET', pattern: '/api/v2/organizations/:orgId/related', handler: related },
    { method: 'GET', pattern: '/api/v2/search/count', handler: searchCount },
  ];
}
