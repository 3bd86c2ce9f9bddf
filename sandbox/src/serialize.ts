// Records → Zendesk JSON objects. Fields that depend on other records (organization_name,
// view_tickets, a user's organization_id) or on the origin (url) are computed here.
import type { MembershipRecord, OrganizationRecord, UserRecord } from './records';
import type { SandboxStore } from './store';

export function organizationJson(org: OrganizationRecord, origin: string): Record<string, unknown> {
  return { url: `${origin}/api/v2/organizations/${org.id}.json`, ...org };
}

/** The one group staff belong to (the sandbox has no groups API; agents need a default group id). */
const STAFF_GROUP_ID = 361_000_000_007;

// phone, photo, shared_phone_number and organization_id are null when unset, as in the spec's own
// examples (e.g. oas.yaml lines 4753-4759, 23208) even though its schemas do not say `nullable`;
// email, alias, details, notes, last_login_at and two_factor_auth_enabled can be null too, and
// photo is an object or null (recorded traffic, API-NOTES §13).
export function userJson(user: UserRecord, store: SandboxStore, origin: string): Record<string, unknown> {
  const staff = user.role !== 'end-user';
  return {
    id: user.id,
    url: `${origin}/api/v2/users/${user.id}.json`,
    name: user.name,
    email: user.email,
    created_at: user.created_at,
    updated_at: user.updated_at,
    time_zone: user.time_zone,
    iana_time_zone: user.iana_time_zone,
    phone: user.phone,
    shared_phone_number: user.phone === null ? null : false,
    photo: user.photo === null ? null : absolutePhoto(user.photo, origin),
    locale_id: user.locale_id,
    locale: user.locale,
    organization_id: store.defaultOrganizationOf(user.id),
    role: user.role,
    verified: user.verified,
    external_id: user.external_id,
    tags: user.tags,
    // unverified: which users have an alias; recorded users often had none (null).
    alias: staff ? '' : null,
    active: user.active,
    shared: false,
    shared_agent: false,
    last_login_at: user.last_login_at,
    two_factor_auth_enabled: staff ? false : null,
    signature: '',
    details: user.details,
    notes: user.notes,
    role_type: staff && user.role === 'agent' ? 0 : null,
    custom_role_id: null,
    moderator: staff,
    ticket_restriction: staff ? null : 'requested',
    only_private_comments: false,
    restricted_agent: false,
    suspended: user.suspended,
    // unverified: end users (who have no groups) answer null.
    default_group_id: staff ? STAFF_GROUP_ID : null,
    report_csv: user.role === 'admin',
    user_fields: {},
  };
}

/** The stored photo with its URLs made absolute on this sandbox's origin. */
function absolutePhoto(photo: Record<string, unknown>, origin: string): Record<string, unknown> {
  const absolute = (value: unknown): unknown => (typeof value === 'string' && value.startsWith('/') ? `${origin}${value}` : value);
  const withUrls = (attachment: Record<string, unknown>): Record<string, unknown> => ({
    url: `${origin}/api/v2/attachments/${String(attachment.id)}.json`,
    ...attachment,
    content_url: absolute(attachment.content_url),
    ...('mapped_content_url' in attachment ? { mapped_content_url: absolute(attachment.mapped_content_url) } : {}),
  });
  const thumbnails = Array.isArray(photo.thumbnails) ? photo.thumbnails.map((t) => withUrls(t as Record<string, unknown>)) : [];
  return { ...withUrls(photo), thumbnails };
}

export interface MembershipJsonOptions {
  /**
   * API-NOTES §3.1: organization_name is "missing from the create/show examples, present in the
   * list example", so single-object responses leave it out and clients must not rely on it there.
   */
  withOrganizationName: boolean;
}

export function membershipJson(
  m: MembershipRecord,
  store: SandboxStore,
  origin: string,
  options: MembershipJsonOptions,
): Record<string, unknown> {
  const org = store.getOrganization(m.organization_id);
  const user = store.getUser(m.user_id);
  const json: Record<string, unknown> = {
    url: `${origin}/api/v2/organization_memberships/${m.id}.json`,
    id: m.id,
    user_id: m.user_id,
    organization_id: m.organization_id,
    // Zendesk answers null, not false, for a non-default membership.
    default: m.default ? true : null,
    created_at: m.created_at,
    updated_at: m.updated_at,
  };
  if (options.withOrganizationName) json.organization_name = org?.name ?? null;
  // unverified: staff see all org tickets; end users only when the org shares tickets.
  json.view_tickets = user?.role !== 'end-user' || org?.shared_tickets === true;
  return json;
}
