// Rows of the matrix for the calls a user makes one at a time: the two listings and the five writes.
import assert from 'node:assert/strict';
import type { Sandbox } from 'zendesk-sandbox';
import type { ZendeskClient } from '../../../src/zendesk';
import { collect } from '../harness';
import { CellContext, failureOf } from './cellContext';
import type { FaultClass, FaultTarget } from './faultClasses';
import { injectRequestFault } from './faultClasses';
import type { MatrixRow } from './matrixTable';

const READ_NA = {
  '500-after': 'a read writes nothing: the same as 500 before',
  'reset-after': 'a read writes nothing: the same as reset before',
  'job-404-then-found': 'no job',
  'job-killed': 'no job',
} as const;
const WRITE_NA = { 'job-404-then-found': 'no job', 'job-killed': 'no job' } as const;

let fresh = 0;
/** A new end user and `count` new organizations of the sandbox, for one cell alone. */
function freshPeople(sandbox: Sandbox, count: number): { userId: number; orgIds: number[] } {
  fresh++;
  const user = sandbox.store.addUser({ name: `Matrix User ${fresh}`, email: `matrix.user.${fresh}@example.org` });
  return { userId: user.id, orgIds: Array.from({ length: count }, (_, index) => sandbox.store.addOrganization({ name: `Matrix Org ${fresh}-${index}` }).id) };
}

/**
 * The client a cell acts with, and the fault injected: a request fault on the target, or for
 * "401 mid-session" an OAuth session whose access token has just expired (the next request meets 401).
 */
function arm(ctx: CellContext, target: FaultTarget): { client: ZendeskClient; ended?: unknown[] } {
  if (ctx.fault === '401-mid-session') {
    const session = ctx.oauthSession();
    ctx.sandbox.oauth.expireAccessTokens();
    return { client: session.client, ended: session.ended };
  }
  assert.ok(injectRequestFault(ctx.sandbox, ctx.fault, target), `no request fault for ${ctx.fault}`);
  return { client: ctx.client() };
}

/** A listing: its items are exactly Zendesk's, or (persistent 429) it fails saying Zendesk is rate limiting. */
function readRow<T>(name: string, target: FaultTarget, list: (client: ZendeskClient, sandbox: Sandbox) => Promise<T[]>, expected: (sandbox: Sandbox) => T[]): MatrixRow {
  return {
    name,
    notApplicable: READ_NA,
    async run(ctx) {
      const { client, ended } = arm(ctx, target);
      if (ctx.fault === '429-persistent') {
        const error = await failureOf(list(client, ctx.sandbox));
        assert.equal(error.status, 429, 'told: Zendesk is rate limiting');
      } else {
        assert.deepEqual(await list(client, ctx.sandbox), expected(ctx.sandbox), 'the listing is exactly what Zendesk holds');
        assert.deepEqual(ended ?? [], [], 'the session goes on');
      }
      ctx.assertWithinBound(target, 3); // a listing of up to three pages
    },
  };
}

interface Write<S> {
  target: FaultTarget;
  prepare(sandbox: Sandbox): S;
  act(client: ZendeskClient, state: S): Promise<unknown>;
  /** Zendesk holds the result of the write, exactly once. */
  applied(sandbox: Sandbox, state: S): boolean;
  /** What the call returned agrees with what Zendesk holds. */
  answerMatches?(sandbox: Sandbox, state: S, answer: unknown): boolean;
}

/**
 * A write: it succeeds and Zendesk holds its result exactly once — whether the fault came before or
 * after the write — or (persistent 429) it fails saying Zendesk is rate limiting, and Zendesk holds
 * nothing of it. Either way within the attempt cap.
 */
function writeRow<S>(name: string, write: Write<S>): MatrixRow {
  return {
    name,
    notApplicable: WRITE_NA,
    async run(ctx) {
      const state = write.prepare(ctx.sandbox);
      const { client, ended } = arm(ctx, write.target);
      if (ctx.fault === '429-persistent') {
        const error = await failureOf(write.act(client, state));
        assert.equal(error.status, 429, 'told: Zendesk is rate limiting');
        assert.equal(write.applied(ctx.sandbox, state), false, 'and Zendesk did nothing');
      } else {
        const answer = await write.act(client, state);
        assert.ok(write.applied(ctx.sandbox, state), 'Zendesk holds the write, once');
        assert.ok(write.answerMatches?.(ctx.sandbox, state, answer) ?? true, `the answer agrees with Zendesk: ${JSON.stringify(answer)}`);
        assert.deepEqual(ended ?? [], [], 'the session goes on');
      }
      ctx.assertWithinBound(write.target, 3); // the write, and reads of the membership back
    },
  };
}

const MEMBERSHIPS = /^\/api\/v2\/organization_memberships$/;
const ONE_MEMBERSHIP = /^\/api\/v2\/organization_memberships\/\d+$/;

export const SINGLE_ROWS: MatrixRow[] = [
  readRow('list organizations', { path: /^\/api\/v2\/organizations$/, method: 'GET' },
    (client) => collect(client.listOrganizations({ pageSize: 20 })).then((organizations) => organizations.map((organization) => organization.id)),
    (sandbox) => Array.from({ length: sandbox.store.organizations.count }, (_, index) => sandbox.store.organizations.idAt(index))),
  readRow('list memberships', { path: /^\/api\/v2\/organizations\/\d+\/organization_memberships$/, method: 'GET' },
    (client, sandbox) => collect(client.listOrganizationMemberships({ organizationId: sandbox.store.organizations.idAt(0) }, { pageSize: 20 })).then((memberships) => memberships.map((membership) => membership.id)),
    (sandbox) => sandbox.store.membershipsOfOrg(sandbox.store.organizations.idAt(0)).map((membership) => membership.id)),
  writeRow('create', {
    target: { path: MEMBERSHIPS, method: 'POST' },
    prepare: (sandbox) => freshPeople(sandbox, 1),
    act: (client, { userId, orgIds }) => client.createOrganizationMembership({ userId, organizationId: orgIds[0] }),
    applied: (sandbox, { userId, orgIds }) => sandbox.store.membershipsOfUser(userId).filter((membership) => membership.organization_id === orgIds[0]).length === 1,
    answerMatches: (sandbox, { userId, orgIds }, answer) => (answer as { id: number }).id === sandbox.store.findMembership(userId, orgIds[0])?.id,
  }),
  writeRow('delete', {
    target: { path: ONE_MEMBERSHIP, method: 'DELETE', noContent: true },
    prepare: (sandbox) => {
      const { userId, orgIds } = freshPeople(sandbox, 1);
      return { membershipId: sandbox.store.createMembership(userId, orgIds[0]).id };
    },
    act: (client, { membershipId }) => client.deleteOrganizationMembership(membershipId),
    applied: (sandbox, { membershipId }) => sandbox.store.getMembership(membershipId) === undefined,
  }),
  writeRow('set membership default', {
    target: { path: /^\/api\/v2\/users\/\d+\/organization_memberships\/\d+\/make_default$/, method: 'PUT' },
    prepare: (sandbox) => {
      const { userId, orgIds } = freshPeople(sandbox, 2);
      sandbox.store.createMembership(userId, orgIds[0]);
      return { userId, membershipId: sandbox.store.createMembership(userId, orgIds[1]).id };
    },
    act: (client, { userId, membershipId }) => client.setOrganizationMembershipAsDefault({ userId, membershipId }),
    applied: (sandbox, { userId, membershipId }) => sandbox.store.membershipsOfUser(userId).filter((membership) => membership.default).map((membership) => membership.id).join() === String(membershipId),
    answerMatches: (_sandbox, { membershipId }, answer) => (answer as Array<{ id: number; default: boolean | null }>).filter((membership) => membership.default === true).map((membership) => membership.id).join() === String(membershipId),
  }),
  writeRow('unassign', {
    target: { path: /^\/api\/v2\/users\/\d+\/organizations\/\d+$/, method: 'DELETE', noContent: true },
    prepare: (sandbox) => {
      const { userId, orgIds } = freshPeople(sandbox, 1);
      sandbox.store.createMembership(userId, orgIds[0]);
      return { userId, organizationId: orgIds[0] };
    },
    act: (client, pair) => client.unassignOrganization(pair),
    applied: (sandbox, { userId, organizationId }) => sandbox.store.findMembership(userId, organizationId) === undefined,
  }),
  writeRow('set organization default', {
    target: { path: /^\/api\/v2\/users\/\d+\/organizations\/\d+\/make_default$/, method: 'PUT' },
    prepare: (sandbox) => {
      const { userId, orgIds } = freshPeople(sandbox, 2);
      orgIds.forEach((organizationId) => sandbox.store.createMembership(userId, organizationId));
      return { userId, organizationId: orgIds[1] };
    },
    act: (client, pair) => client.setOrganizationAsDefault(pair),
    applied: (sandbox, { userId, organizationId }) => sandbox.store.defaultOrganizationOf(userId) === organizationId,
    answerMatches: (_sandbox, { organizationId }, answer) => (answer as { organization_id: number; default: boolean | null }).organization_id === organizationId && (answer as { default: boolean | null }).default === true,
  }),
];

export type { FaultClass };
