// Membership reads: the three lists (account-wide, per user, per organization) and the two show
// variants. Lists page both ways; #1 and #2 accept include=users,organizations (API-NOTES §1.1), the
// per-organization list only when SandboxOptions.orgMembershipsInclude says so (undocumented).
import type { App } from '../app';
import { forbidden, recordNotFound } from '../errors';
import { ok, type ApiContext, type ApiResponse } from '../http';
import { parseId } from '../ids';
import { paginate, arraySource, type ListSpec, type PageSource } from '../paging';
import { canReadUser, isStaff } from '../permissions';
import type { MembershipRecord } from '../records';
import { membershipJson, organizationJson, userJson } from '../serialize';
import type { Route } from '../router';

const BY_ID: Omit<ListSpec, 'tag'> = { shape: 'n', mode: 'dual' };

export function membershipReadRoutes(app: App): Route[] {
  const { store } = app;

  const byIdSource = (ids: readonly number[]): PageSource<MembershipRecord> => ({
    length: ids.length,
    keyAt: (i) => [ids[i]],
    itemAt: (i) => store.getMembership(ids[i]) as MembershipRecord,
  });

  function listResponse(ctx: ApiContext, source: PageSource<MembershipRecord>, spec: ListSpec, sideloads: boolean): ApiResponse {
    const page = paginate(ctx, source, spec);
    if (!page.ok) return page.response;
    const body: Record<string, unknown> = {
      organization_memberships: page.items.map((m) => membershipJson(m, store, ctx.origin, { withOrganizationName: true })),
    };
    if (sideloads) Object.assign(body, sideloadsFor(ctx, page.items));
    return ok({ ...body, ...page.fields });
  }

  function sideloadsFor(ctx: ApiContext, items: MembershipRecord[]): Record<string, unknown> {
    const include = (ctx.query.get('include') ?? '').split(',').map((s) => s.trim());
    const out: Record<string, unknown> = {};
    if (include.includes('users')) {
      const ids = [...new Set(items.map((m) => m.user_id))];
      out.users = ids.flatMap((id) => {
        const user = store.getUser(id);
        return user ? [userJson(user, store, ctx.origin)] : [];
      });
    }
    if (include.includes('organizations')) {
      const ids = [...new Set(items.map((m) => m.organization_id))];
      out.organizations = ids.flatMap((id) => {
        const org = store.getOrganization(id);
        return org ? [organizationJson(org, ctx.origin)] : [];
      });
    }
    return out;
  }

  const listAll = (ctx: ApiContext): ApiResponse => {
    // End users may call this list, but see only their own memberships.
    const ids = isStaff(ctx.actor) ? store.memberships.allIds() : store.memberships.idsOfUser(ctx.actor.id);
    return listResponse(ctx, byIdSource(ids), { ...BY_ID, tag: 'memberships' }, true);
  };

  const listByUser = (ctx: ApiContext): ApiResponse => {
    const userId = parseId(ctx.params.userId) as number;
    if (!canReadUser(ctx.actor, userId)) return forbidden();
    if (!store.getUser(userId)) return recordNotFound();
    const items = store.membershipsOfUser(userId);
    const source = arraySource(items, (m) => [
      m.default ? 0 : 1, (store.getOrganization(m.organization_id)?.name ?? '').toLowerCase(), m.id,
    ]);
    return listResponse(ctx, source, { tag: `user-memberships:${userId}`, shape: 'nsn', mode: 'dual' }, true);
  };

  const listByOrg = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    const orgId = parseId(ctx.params.orgId) as number;
    if (!store.getOrganization(orgId)) return recordNotFound();
    // unverified: whether Zendesk sideloads here; the spec documents include only on #1 and #2.
    const sideloads = app.orgMembershipsInclude === 'honoured';
    return listResponse(ctx, byIdSource(store.memberships.idsOfOrg(orgId)), { ...BY_ID, tag: `org-memberships:${orgId}` }, sideloads);
  };

  const show = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    const membership = store.getMembership(parseId(ctx.params.id) as number);
    const userId = ctx.params.userId === undefined ? undefined : parseId(ctx.params.userId);
    if (!membership || (userId !== undefined && membership.user_id !== userId)) return recordNotFound();
    return ok({ organization_membership: membershipJson(membership, store, ctx.origin, { withOrganizationName: false }) });
  };

  return [
    { method: 'GET', pattern: '/api/v2/organization_memberships', handler: listAll },
    { method: 'GET', pattern: '/api/v2/users/:userId/organization_memberships', handler: listByUser },
    { method: 'GET', pattern: '/api/v2/organizations/:orgId/organization_memberships', handler: listByOrg },
    { method: 'GET', pattern: '/api/v2/organization_memberships/:id', handler: show },
    { method: 'GET', pattern: '/api/v2/users/:userId/organization_memberships/:id', handler: show },
  ];
}
