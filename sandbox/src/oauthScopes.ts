// OAuth scopes (OAS CreateTokenForGrantType prose, API-NOTES §6): space-separated `read`, `write`,
// `impersonate`, or `resource:read` / `resource:write`. `read` opens GET endpoints, `write` opens
// POST, PUT and DELETE; a resource scope does the same for that resource only.
// unverified: the spec says the token endpoint may hand out a token for an invalid scope (every
// call then fails with Forbidden); the sandbox refuses it up front with invalid_scope instead, so a
// client's typo fails at sign-in rather than on its first API call.

export type Scope = readonly string[];

type Access = 'read' | 'write';

/** Resources the grant-type token endpoint documents, with the access each allows. */
const RESOURCES: Record<string, readonly Access[]> = {
  tickets: ['read', 'write'],
  users: ['read', 'write'],
  auditlogs: ['read'],
  organizations: ['read', 'write'],
  hc: ['read', 'write'],
  apps: ['read', 'write'],
  triggers: ['read', 'write'],
  automations: ['read', 'write'],
  targets: ['read', 'write'],
  webhooks: ['read', 'write'],
};

export type ScopeOutcome = { ok: true; scope: string[] } | { ok: false; message: string };

/** Parses a scope string; duplicates are dropped, the order kept. */
export function parseScope(text: string): ScopeOutcome {
  const items = [...new Set(text.split(' ').filter((item) => item !== ''))];
  if (items.length === 0) return { ok: false, message: 'scope is empty' };
  for (const item of items) {
    if (!isKnownScope(item)) return { ok: false, message: `unknown scope '${item}'` };
  }
  return { ok: true, scope: items };
}

function isKnownScope(item: string): boolean {
  if (item === 'read' || item === 'write' || item === 'impersonate') return true;
  const [resource, access, extra] = item.split(':');
  return extra === undefined && (RESOURCES[resource]?.includes(access as Access) ?? false);
}

/** Is every scope in `requested` covered by `granted` (a broad `read` covers `users:read`)? */
export function isWithin(requested: Scope, granted: Scope): boolean {
  return requested.every((item) => granted.includes(item) || (item.includes(':') && granted.includes(item.split(':')[1])));
}

/**
 * May a token with `scope` make this API call? GET needs read access, anything else write access.
 * unverified: which resource scope opens which endpoint. Memberships (and a user's organizations)
 * open with either `organizations:` or `users:`; job statuses with any scope, since bulk membership
 * jobs are created under either; everything else only with the broad scopes.
 * `impersonate` grants nothing here (X-On-Behalf-Of is not modelled).
 */
export function scopeAllows(scope: Scope, method: string, path: string): boolean {
  const access: Access = method === 'GET' || method === 'HEAD' ? 'read' : 'write';
  if (scope.includes(access)) return true;
  const resources = resourcesOf(path);
  if (resources === 'any') return scope.some((item) => item !== 'impersonate');
  return resources.some((resource) => scope.includes(`${resource}:${access}`));
}

function resourcesOf(path: string): readonly string[] | 'any' {
  if (path.startsWith('/api/v2/job_statuses')) return 'any';
  if (/^\/api\/v2\/(organization_memberships|organizations\/\d+\/organization_memberships|users\/\d+\/(organization_memberships|organizations))(\/|$)/.test(path)) {
    return ['organizations', 'users'];
  }
  if (/^\/api\/v2\/organizations(\/|$)/.test(path)) return ['organizations'];
  if (/^\/api\/v2\/users(\/|$)/.test(path)) return ['users'];
  return [];
}

/** One line per scope for the consent page. */
export function describeScope(item: string): string {
  if (item === 'read') return 'Read everything you can see';
  if (item === 'write') return 'Create, change and delete anything you can';
  if (item === 'impersonate') return 'Make requests on behalf of end users';
  const [resource, access] = item.split(':');
  return `${access === 'read' ? 'Read' : 'Create, change and delete'} ${resource}`;
}
