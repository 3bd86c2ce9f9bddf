// Organizations: list (dual paging, computed lazily so a million orgs page in constant time),
// show, autocomplete (offset only, name prefix), search (exact name or external id), show_many,
// and a user's organizations.
import type { App } from '../app';
import { parseIdList } from '../body';
import { classicError, forbidden, jsonApiError, MAX_VALUES, parameterMissing, recordNotFound, tooManyValues } from '../errors';
import { ok, type ApiContext, type ApiResponse } from '../http';
import { parseId } from '../ids';
import { paginate, type PageSource } from '../paging';
import { canReadUser, isStaff } from '../permissions';
import type { OrganizationRecord } from '../records';
import type { Route } from '../router';
import { organizationJson } from '../serialize';

export function organizationRoutes(app: App): Route[] {
  const { store } = app;
  const orgs = store.organizations;

  const respond = (ctx: ApiContext, source: PageSource<OrganizationRecord>, tag: string, mode: 'dual' | 'offset'): ApiResponse => {
    const page = paginate(ctx, source, { tag, shape: 'n', mode });
    if (!page.ok) return page.response;
    return ok({ organizations: page.items.map((o) => organizationJson(o, ctx.origin)), ...page.fields });
  };

  const list = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    return respond(ctx, { length: orgs.count, keyAt: (i) => [orgs.idAt(i)], itemAt: (i) => orgs.at(i) }, 'orgs', 'dual');
  };

  const show = (ctx: ApiContext): ApiResponse => {
    const org = orgs.get(parseId(ctx.params.orgId) as number);
    const member = org !== undefined && store.findMembership(ctx.actor.id, org.id) !== undefined;
    if (!isStaff(ctx.actor) && !member) return forbidden();
    return org ? ok({ organization: organizationJson(org, ctx.origin) }) : recordNotFound();
  };

  const autocomplete = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    const name = ctx.query.get('name');
    // The spec declares this operation's 400 in the Errors envelope (oas.yaml, AutocompleteOrganizations).
    // unverified: the code and title for a missing name (the spec's only example is an unrelated QueryError).
    if (name === null || name.trim() === '') return jsonApiError(400, 'ParameterMissing', 'param is missing or the value is empty: name');
    // unverified: matches are ordered by name (then id); offset paging only.
    const indices = orgs.indicesWithNamePrefix(name.trim());
    const source: PageSource<OrganizationRecord> = {
      length: indices.length, keyAt: (i) => [i], itemAt: (i) => orgs.at(indices[i]),
    };
    return respond(ctx, source, 'orgs-autocomplete', 'offset');
  };

  /**
   * Exact name or exact external id, both ignoring case, never both (API-NOTES §1.2). Admins
   * only: the spec also allows agents with an organization-managing custom role, which the
   * sandbox does not model, so its agent gets 403.
   */
  const search = (ctx: ApiContext): ApiResponse => {
    if (ctx.actor.role !== 'admin') return forbidden();
    const name = ctx.query.get('name');
    const externalId = ctx.query.get('external_id');
    // unverified: the status and wording when both or neither are sent (the notes say "not both").
    if (name !== null && externalId !== null) return classicError(400, 'InvalidValue', 'Search by name or by external_id, not both');
    if ((name ?? externalId ?? '').trim() === '') return parameterMissing(name === null ? 'external_id' : 'name');
    // unverified: surrounding whitespace in the value is ignored, as it is in stored names.
    const found = name !== null ? orgs.byName(name) : orgs.byExternalId(externalId as string);
    const matches = found ? [organizationJson(found, ctx.origin)] : [];
    // unverified: the offset keys on this unpaged answer, as on show_many.
    return ok({ organizations: matches, next_page: null, previous_page: null, count: matches.length });
  };

  const showMany = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    const ids = parseIdList(ctx.query.get('ids'));
    const externalIds = parseIdList(ctx.query.get('external_ids'));
    const wanted = ids ?? externalIds;
    if (!wanted) return parameterMissing('ids');
    // The spec states the 100 cap; the body is the recorded TooManyValues (API-NOTES §13).
    if (wanted.length > MAX_VALUES) return tooManyValues();
    // Recorded answers come in name order, not in the order asked (§13); each once, unknown ids left out.
    const found = wanted.map((key) => (ids ? orgs.get(parseId(key) ?? -1) : orgs.byExternalId(key)));
    const unique = byName([...new Map(found.filter((o): o is OrganizationRecord => !!o).map((o) => [o.id, o])).values()]);
    return ok({ organizations: unique.map((o) => organizationJson(o, ctx.origin)), next_page: null, previous_page: null, count: unique.length });
  };

  const ofUser = (ctx: ApiContext): ApiResponse => {
    const userId = parseId(ctx.params.userId) as number;
    if (!canReadUser(ctx.actor, userId)) return forbidden();
    if (!store.getUser(userId)) return recordNotFound();
    // unverified: ordered by organization id.
    const orgIds = store.memberships.idsOfUser(userId)
      .map((id) => store.getMembership(id)?.organization_id ?? 0)
      .sort((a, b) => a - b);
    const source: PageSource<OrganizationRecord> = {
      length: orgIds.length, keyAt: (i) => [orgIds[i]], itemAt: (i) => orgs.get(orgIds[i]) as OrganizationRecord,
    };
    return respond(ctx, source, `user-orgs:${userId}`, 'dual');
  };

  return [
    { method: 'GET', pattern: '/api/v2/organizations', handler: list },
    { method: 'GET', pattern: '/api/v2/organizations/autocomplete', handler: autocomplete },
    { method: 'GET', pattern: '/api/v2/organizations/show_many', handler: showMany },
    { method: 'GET', pattern: '/api/v2/organizations/search', handler: search },
    { method: 'GET', pattern: '/api/v2/organizations/:orgId', handler: show },
    { method: 'GET', pattern: '/api/v2/users/:userId/organizations', handler: ofUser },
  ];
}

/** Name order as recorded show_many answers have it (API-NOTES §13). unverified: ties and case: ignoring case, then by id. */
export function byName<T extends { id: number; name: string }>(records: T[]): T[] {
  return records
    .map((record) => ({ record, key: record.name.toLowerCase() }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.record.id - b.record.id))
    .map(({ record }) => record);
}
