// The subset of Zendesk's search syntax that GET /api/v2/users/search understands here
// (API-NOTES §1.3): space-separated terms that must all match (AND), each either
//   email:<addr> | email:"<addr>"   the whole address, ignoring case (`*` is a wildcard)
//   name:<text>  | name:"<text>"    part of the name, ignoring case
//   role:<end-user|agent|admin>     exactly
//   external_id:<id>                the whole external id, ignoring case
//   type:user                       accepted and ignored (the endpoint only returns users)
//   organization:<id> | organization:"<name>"
//                                   members of that organization (any of their memberships; the
//                                   reference: "an organization's name or ID", docs/notes/search-and-job-list.md)
//   <text> | "<text>"               part of the name or of the email, ignoring case
// unverified: how Zendesk tokenises and ranks; the matching rules above are this sandbox's reading
// of the spec's "a partial or full value of any user property, including name, email address".

export interface UserView {
  name(): string;
  email(): string;
  role(): string;
  externalId(): string | null;
}

export type UserMatcher = (user: UserView) => boolean;

export type ParsedQuery =
  | { ok: true; matches: UserMatcher; exactEmail?: string; organization?: string }
  | { ok: false; message: string };

const FIELDS = new Set(['email', 'name', 'role', 'external_id', 'type', 'organization']);

export function parseUserQuery(query: string): ParsedQuery {
  const terms = tokenize(query);
  if (terms.length === 0) return { ok: false, message: 'query is empty' };
  const matchers: UserMatcher[] = [];
  let exactEmail: string | undefined;
  let organization: string | undefined;
  for (const { field, value } of terms) {
    if (field !== undefined && !FIELDS.has(field)) {
      // A sandbox limit, not Zendesk behaviour: refuse loudly rather than match nothing silently.
      return { ok: false, message: `the sandbox does not support searching users by "${field}:" (supported: ${[...FIELDS].join(', ')}, or a bare term)` };
    }
    if (value === '') return { ok: false, message: `"${field}:" needs a value` };
    const lower = value.toLowerCase();
    switch (field) {
      case 'email':
        if (!lower.includes('*') && terms.length === 1) exactEmail = lower;
        matchers.push(wholeValue(lower, (u) => u.email()));
        break;
      case 'external_id':
        matchers.push(wholeValue(lower, (u) => u.externalId() ?? ''));
        break;
      case 'role':
        matchers.push((u) => u.role() === lower);
        break;
      case 'type':
        if (lower !== 'user') return { ok: false, message: `users/search only finds users (got type:${value})` };
        break;
      case 'name':
        matchers.push(partOf(lower, (u) => u.name()));
        break;
      case 'organization':
        // Resolved by the route (it lists that organization's members instead of scanning everyone).
        if (organization !== undefined) return { ok: false, message: 'the sandbox takes one organization: term per query' };
        organization = value;
        break;
      default: {
        const inName = partOf(lower, (u) => u.name());
        const inEmail = partOf(lower, (u) => u.email());
        matchers.push((u) => inName(u) || inEmail(u));
      }
    }
  }
  return { ok: true, matches: (user) => matchers.every((m) => m(user)), exactEmail: organization === undefined ? exactEmail : undefined, organization };
}

/** `?external_id=` takes no search syntax, only the id itself. */
export function externalIdQuery(externalId: string): ParsedQuery {
  const wanted = externalId.trim().toLowerCase();
  return { ok: true, matches: (u) => (u.externalId() ?? '').toLowerCase() === wanted };
}

interface Term {
  field?: string;
  value: string;
}

/** Splits on spaces outside double quotes; `field:value` and `field:"quoted value"` keep their field. */
function tokenize(query: string): Term[] {
  const terms: Term[] = [];
  const pattern = /(?:([A-Za-z_]+):)?(?:"([^"]*)"?|(\S*))/g;
  for (const m of query.matchAll(pattern)) {
    const field = m[1]?.toLowerCase();
    const value = (m[2] ?? m[3] ?? '').trim();
    if (field === undefined && value === '') continue;
    terms.push({ field, value });
  }
  return terms;
}

/** The whole value, ignoring case; `*` matches any run of characters. */
function wholeValue(lower: string, read: (u: UserView) => string): UserMatcher {
  if (!lower.includes('*')) return (u) => read(u).toLowerCase() === lower;
  const source = lower.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  const regex = new RegExp(`^${source}$`);
  return (u) => regex.test(read(u).toLowerCase());
}

function partOf(lower: string, read: (u: UserView) => string): UserMatcher {
  const needle = lower.replace(/\*/g, '');
  return (u) => read(u).toLowerCase().includes(needle);
}
