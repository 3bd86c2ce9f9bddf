// Single membership writes: create (two variants, 201), delete (two variants, 204), make_default
// on a membership (returns the user's list) or on an organization (returns one membership), and
// unassign. Agents may only touch end users' memberships; end users may not write at all.
import type { App } from '../app';
import { asId, isPlainObject, parseJsonBody } from '../body';
import { forbidden, recordInvalid, recordNotFound, type ErrorDetails } from '../errors';
import { created, noContent, ok, type ApiContext, type ApiResponse } from '../http';
import { parseId } from '../ids';
import { canManageMembershipOf, isStaff } from '../permissions';
import type { MembershipRecord } from '../records';
import type { Route } from '../router';
import { membershipJson } from '../serialize';
import { createFailureDetails } from '../store';

export function membershipWriteRoutes(app: App): Route[] {
  const { store } = app;
  const single = (ctx: ApiContext, m: MembershipRecord): Record<string, unknown> =>
    membershipJson(m, store, ctx.origin, { withOrganizationName: false });

  /** Loads the membership the request names and checks the actor may change it. */
  function target(ctx: ApiContext, find: () => MembershipRecord | undefined): MembershipRecord | ApiResponse {
    if (!isStaff(ctx.actor)) return forbidden();
    const pathUser = ctx.params.userId === undefined ? undefined : parseId(ctx.params.userId);
    if (pathUser !== undefined && !store.getUser(pathUser)) return recordNotFound();
    const membership = find();
    if (!membership || (pathUser !== undefined && membership.user_id !== pathUser)) return recordNotFound();
    const member = store.getUser(membership.user_id);
    if (!member || !canManageMembershipOf(ctx.actor, member)) return forbidden();
    return membership;
  }

  const byMembershipId = (ctx: ApiContext) => () => store.getMembership(parseId(ctx.params.id) as number);
  const byPair = (ctx: ApiContext) => () =>
    store.findMembership(parseId(ctx.params.userId) as number, parseId(ctx.params.orgId) as number);

  const create = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    const pathUser = ctx.params.userId === undefined ? undefined : parseId(ctx.params.userId);
    if (pathUser !== undefined && !store.getUser(pathUser)) return recordNotFound();
    const body = parseJsonBody(ctx);
    if (!body.ok) return body.response;
    // A missing or wrong envelope (e.g. the create_many array sent here) validates as an empty
    // membership → 422, as node-zendesk #264 reports (API-NOTES §2).
    const envelope = isPlainObject(body.value) ? body.value.organization_membership : undefined;
    const fields = isPlainObject(envelope) ? envelope : {};
    const userId = pathUser ?? asId(fields.user_id);
    const orgId = asId(fields.organization_id);
    const user = userId === undefined ? undefined : store.getUser(userId);
    const org = orgId === undefined ? undefined : store.getOrganization(orgId);
    const details: ErrorDetails = {};
    if (!user) details.user = [{ description: 'User cannot be blank', error: 'BlankValue' }];
    if (!org) details.organization = [{ description: 'Organization cannot be blank', error: 'BlankValue' }];
    if (!user || !org) return recordInvalid(details);
    if (!canManageMembershipOf(ctx.actor, user)) return forbidden();
    const outcome = store.tryCreateMembership(user.id, org.id, fields.default === true);
    if (!outcome.ok) return recordInvalid(createFailureDetails(outcome, user.id, org.id, app.texts));
    return created({ organization_membership: single(ctx, outcome.membership) });
  };

  const remove = (find: (ctx: ApiContext) => () => MembershipRecord | undefined) => (ctx: ApiContext): ApiResponse => {
    const membership = target(ctx, find(ctx));
    if (!('id' in membership)) return membership;
    store.deleteMembership(membership.id);
    return noContent();
  };

  const makeDefaultMembership = (ctx: ApiContext): ApiResponse => {
    const membership = target(ctx, byMembershipId(ctx));
    if (!('id' in membership)) return membership;
    store.makeDefault(membership.id);
    const list = store.membershipsOfUser(membership.user_id);
    // #10 answers with the user's whole list, sorted default first (API-NOTES §1.1).
    return ok({ organization_memberships: list.map((m) => membershipJson(m, store, ctx.origin, { withOrganizationName: true })) });
  };

  const makeDefaultOrganization = (ctx: ApiContext): ApiResponse => {
    const membership = target(ctx, byPair(ctx));
    if (!('id' in membership)) return membership;
    store.makeDefault(membership.id);
    // #12 answers with a single membership (API-NOTES §1.1).
    return ok({ organization_membership: single(ctx, membership) });
  };

  return [
    { method: 'POST', pattern: '/api/v2/organization_memberships', handler: create },
    { method: 'POST', pattern: '/api/v2/users/:userId/organization_memberships', handler: create },
    { method: 'DELETE', pattern: '/api/v2/organization_memberships/:id', handler: remove(byMembershipId) },
    { method: 'DELETE', pattern: '/api/v2/users/:userId/organization_memberships/:id', handler: remove(byMembershipId) },
    { method: 'PUT', pattern: '/api/v2/users/:userId/organization_memberships/:id/make_default', handler: makeDefaultMembership },
    { method: 'DELETE', pattern: '/api/v2/users/:userId/organizations/:orgId', handler: remove(byPair) },
    { method: 'PUT', pattern: '/api/v2/users/:userId/organizations/:orgId/make_default', handler: makeDefaultOrganization },
  ];
}
