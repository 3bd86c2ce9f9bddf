// Users: list (dual paging), show, show_many (≤100), me, autocomplete and search (both offset
// only; staff only — end users get 403).
import type { App } from '../app';
import { parseIdList } from '../body';
import { classicError, forbidden, MAX_VALUES, parameterMissing, recordNotFound, tooManyValues } from '../errors';
import { ok, type ApiContext, type ApiResponse } from '../http';
import { parseId } from '../ids';
import { externalIdQuery, parseUserQuery, type UserView } from '../userSearch';
import { paginate, type PageSource } from '../paging';
import { canReadUser, isStaff } from '../permissions';
import type { UserRecord } from '../records';
import type { Route } from '../router';
import { userJson } from '../serialize';
import { byName } from './organizations';

export function userRoutes(app: App): Route[] {
  const { store } = app;
  const users = store.users;
  const json = (ctx: ApiContext, u: UserRecord): Record<string, unknown> => userJson(u, store, ctx.origin);

  const respond = (ctx: ApiContext, source: PageSource<UserRecord>, tag: string, mode: 'dual' | 'offset'): ApiResponse => {
    const page = paginate(ctx, source, { tag, shape: 'n', mode });
    if (!page.ok) return page.response;
    return ok({ users: page.items.map((u) => json(ctx, u)), ...page.fields });
  };

  const list = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    // role=agent or role[]=agent&role[]=admin filter the list (UserRoleFilter / UserRolesFilter).
    const single = ctx.query.get('role');
    const roles = [...(single === null ? [] : [single]), ...ctx.rawQuery.getAll('role[]')];
    if (roles.length === 0) {
      return respond(ctx, { length: users.count, keyAt: (i) => [users.idAt(i)], itemAt: (i) => users.at(i) }, 'users', 'dual');
    }
    const indices = users.indicesWithRoles(new Set(roles));
    const source: PageSource<UserRecord> = {
      length: indices.length, keyAt: (i) => [users.idAt(indices[i])], itemAt: (i) => users.at(indices[i]),
    };
    return respond(ctx, source, `users:${[...new Set(roles)].sort().join(',')}`, 'dual');
  };

  const me = (ctx: ApiContext): ApiResponse => ok({ user: json(ctx, ctx.actor) });

  const show = (ctx: ApiContext): ApiResponse => {
    const userId = parseId(ctx.params.userId) as number;
    if (!canReadUser(ctx.actor, userId)) return forbidden();
    const user = users.get(userId);
    return user ? ok({ user: json(ctx, user) }) : recordNotFound();
  };

  const showMany = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    const ids = parseIdList(ctx.query.get('ids'));
    if (!ids) return parameterMissing('ids');
    // The spec states the 100 cap; the body is the recorded TooManyValues (API-NOTES §13).
    if (ids.length > MAX_VALUES) return tooManyValues();
    // In name order, not in the order asked, as recorded (§13).
    const found = byName([...new Set(ids)].flatMap((id) => users.get(parseId(id) ?? -1) ?? []));
    return ok({ users: found.map((user) => json(ctx, user)), next_page: null, previous_page: null, count: found.length });
  };

  const autocomplete = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    const name = ctx.query.get('name');
    // Classic envelope: the spec declares this operation's 400 as {error: string} (oas.yaml, AutocompleteUsers).
    if (name === null || name.trim() === '') return parameterMissing('name');
    const indices = users.indicesWithNamePrefix(name.trim());
    const source: PageSource<UserRecord> = { length: indices.length, keyAt: (i) => [i], itemAt: (i) => users.at(indices[i]) };
    return respond(ctx, source, 'users-autocomplete', 'offset');
  };

  /** `?query=` in Zendesk's search syntax (see userSearch.ts) or `?external_id=` (exact). */
  const search = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    const query = ctx.query.get('query');
    const externalId = ctx.query.get('external_id');
    const hasQuery = query !== null && query.trim() !== '';
    const hasExternalId = externalId !== null && externalId.trim() !== '';
    // unverified: sending both is refused (the spec offers them as alternatives).
    if (hasQuery && hasExternalId) return classicError(400, 'InvalidValue', 'Search by query or by external_id, not both');
    if (!hasQuery && !hasExternalId) return parameterMissing('query');
    // unverified: external_id matches the whole id ignoring case, like organization external ids.
    const parsed = hasQuery ? parseUserQuery(query as string) : externalIdQuery(externalId as string);
    // unverified: the status and envelope for a query Zendesk cannot parse.
    if (!parsed.ok) return classicError(400, 'InvalidValue', parsed.message);
    let indices: number[];
    if (parsed.organization !== undefined) {
      // Members of one organization: look at them only (a 5,000-member organization costs 5,000, not every user).
      const org = /^\d{1,16}$/.test(parsed.organization) ? store.getOrganization(Number(parsed.organization)) : store.organizations.byName(parsed.organization);
      const members = org ? store.memberships.idsOfOrg(org.id).map((id) => users.indexOf(store.getMembership(id)?.user_id ?? -1)) : [];
      indices = [...new Set(members)].filter((i) => i >= 0 && parsed.matches(viewOf(i))).sort((a, b) => a - b);
    } else if (parsed.exactEmail !== undefined) {
      // Emails are unique: answer from the index instead of scanning every user.
      const user = users.byEmail(parsed.exactEmail);
      indices = user ? [users.indexOf(user.id)] : [];
    } else {
      indices = [];
      for (let i = 0; i < users.count; i++) if (parsed.matches(viewOf(i))) indices.push(i);
    }
    // unverified: Zendesk orders by relevance; the sandbox orders by id. Offset paging only,
    // with the 10,000-record depth limit (API-NOTES §1.3, §4).
    const source: PageSource<UserRecord> = { length: indices.length, keyAt: (i) => [users.idAt(indices[i])], itemAt: (i) => users.at(indices[i]) };
    return respond(ctx, source, 'users-search', 'offset');
  };

  const viewOf = (index: number): UserView => ({
    name: () => users.nameAt(index),
    email: () => users.emailAt(index) ?? '',
    role: () => users.roleAt(index),
    externalId: () => users.at(index).external_id,
  });

  return [
    { method: 'GET', pattern: '/api/v2/users', handler: list },
    { method: 'GET', pattern: '/api/v2/users/me', handler: me },
    { method: 'GET', pattern: '/api/v2/users/show_many', handler: showMany },
    { method: 'GET', pattern: '/api/v2/users/autocomplete', handler: autocomplete },
    { method: 'GET', pattern: '/api/v2/users/search', handler: search },
    { method: 'GET', pattern: '/api/v2/users/:userId', handler: show },
  ];
}
