// What the columns of a membership file (CSV headers or JSON keys) mean, and how one entry's
// values become a MembershipRow or problems. Shared by the CSV and the JSON reader so both
// accept the same names and say the same things about the same mistakes.
import type { FilePurpose, MembershipRow, OrganizationRef, RowProblem, UserRef } from './rows';
import * as l10n from '@vscode/l10n';

export type MembershipField =
  | 'userId' | 'userEmail' | 'user'
  | 'organizationId' | 'organizationName' | 'organization' | 'organizationExternalId'
  | 'default' | 'membershipId';

/**
 * Header/key names by their letters and digits only, lowercased, so `user_email`, `User Email`,
 * `user-email` and `userEmail` are one name.
 */
const ALIASES: Record<string, MembershipField> = {
  userid: 'userId',
  useremail: 'userEmail',
  email: 'userEmail',
  user: 'user',
  organizationid: 'organizationId',
  orgid: 'organizationId',
  organizationname: 'organizationName',
  orgname: 'organizationName',
  organization: 'organization',
  org: 'organization',
  organizationexternalid: 'organizationExternalId',
  orgexternalid: 'organizationExternalId',
  externalid: 'organizationExternalId',
  default: 'default',
  makedefault: 'default',
  isdefault: 'default',
  membershipid: 'membershipId',
  organizationmembershipid: 'membershipId',
};

/** For messages: the columns a file may have. */
export const KNOWN_COLUMNS = 'user_id, user_email (or email), user, organization_id, organization_name (or organization), '
  + 'organization_external_id (or external_id), default, membership_id';

export const USER_COLUMNS = 'user_id or user_email';
export const ORGANIZATION_COLUMNS = 'organization_id, organization_name or organization_external_id';

export function fieldOfName(name: string): MembershipField | undefined {
  return ALIASES[name.toLowerCase().replace(/[^a-z0-9]/g, '')];
}

const USER_FIELDS: readonly MembershipField[] = ['userId', 'userEmail', 'user'];
const ORGANIZATION_FIELDS: readonly MembershipField[] = ['organizationId', 'organizationName', 'organization', 'organizationExternalId'];

/**
 * Why a set of columns cannot describe memberships for `purpose` (a localized sentence), or undefined when it can.
 * `hasDefaultOrganization`: rows without an organization go to one the caller already knows.
 */
export function missingColumns(fields: ReadonlySet<MembershipField>, purpose: FilePurpose, hasDefaultOrganization: boolean): string | undefined {
  const hasUser = USER_FIELDS.some((f) => fields.has(f));
  const hasOrganization = hasDefaultOrganization || ORGANIZATION_FIELDS.some((f) => fields.has(f));
  if ((purpose === 'remove' && fields.has('membershipId')) || (hasUser && hasOrganization)) {
    return undefined;
  }
  // Whole sentences, so a translation never has to glue fragments together.
  if (purpose === 'add') {
    return !hasUser && !hasOrganization
      ? l10n.t('A file of memberships to add needs a user column ({0}) and an organization column ({1}).', USER_COLUMNS, ORGANIZATION_COLUMNS)
      : !hasUser
        ? l10n.t('A file of memberships to add needs a user column ({0}).', USER_COLUMNS)
        : l10n.t('A file of memberships to add needs an organization column ({0}).', ORGANIZATION_COLUMNS);
  }
  return !hasUser && !hasOrganization
    ? l10n.t('A file of memberships to remove needs a user column ({0}) and an organization column ({1}), or a membership_id column.', USER_COLUMNS, ORGANIZATION_COLUMNS)
    : !hasUser
      ? l10n.t('A file of memberships to remove needs a user column ({0}), or a membership_id column.', USER_COLUMNS)
      : l10n.t('A file of memberships to remove needs an organization column ({0}), or a membership_id column.', ORGANIZATION_COLUMNS);
}

/** One value of an entry, with the name it had in the file and where it was. */
export interface EntryValue {
  /** The header or key exactly as written, for messages. */
  name: string;
  field: MembershipField;
  /** A CSV cell (string) or a JSON value. */
  value: unknown;
  line: number;
}

export interface Entry {
  line: number;
  values: EntryValue[];
}

export interface BuildOptions {
  purpose: FilePurpose;
  defaultOrganizationId?: number;
}

/** One entry → a row for `purpose`, or the problems that keep it out. */
export function buildRow(entry: Entry, options: BuildOptions): { row?: MembershipRow; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const user: UserRef = {};
  const organization: OrganizationRef = {};
  const row: MembershipRow = { line: entry.line };
  const flawed = new Set<'user' | 'organization' | 'membership'>();

  for (const { name, field, value, line } of entry.values) {
    // A column that does not matter for this purpose cannot spoil a row.
    const ignored = options.purpose === 'add' ? field === 'membershipId' : field === 'default';
    if (ignored || isBlank(value)) {
      continue;
    }
    /** `message` is localized with {0} for the column and {1} for the value. */
    const problem = (message: string): void => {
      problems.push({ line, field: name, message });
      if (USER_FIELDS.includes(field)) flawed.add('user');
      if (ORGANIZATION_FIELDS.includes(field)) flawed.add('organization');
      if (field === 'membershipId') flawed.add('membership');
    };
    switch (field) {
      case 'userId':
      case 'organizationId':
      case 'membershipId': {
        const id = asId(value);
        if (id === undefined) {
          problem(l10n.t('{0} {1} is not a Zendesk id (a positive whole number)', name, shown(value)));
        } else if (field === 'userId') {
          user.id ??= id;
        } else if (field === 'organizationId') {
          organization.id ??= id;
        } else {
          row.membershipId ??= id;
        }
        break;
      }
      case 'userEmail': {
        const email = asEmail(value);
        if (email === undefined) problem(l10n.t('{0} {1} is not an email address', name, shown(value)));
        else user.email ??= email;
        break;
      }
      case 'user': {
        // A number is an id, anything else an email address.
        const id = asId(value);
        const email = id === undefined ? asEmail(value) : undefined;
        if (id !== undefined) user.id ??= id;
        else if (email !== undefined) user.email ??= email;
        else problem(l10n.t('{0} {1} is neither a Zendesk user id nor an email address', name, shown(value)));
        break;
      }
      case 'organizationName': {
        const text = asText(value);
        if (text === undefined) problem(l10n.t('{0} {1} is not a name', name, shown(value)));
        else organization.name ??= text;
        break;
      }
      case 'organization': {
        // A number is an id, any other text a name (use organization_name for a numeric name).
        const id = asId(value);
        const text = id === undefined ? asText(value) : undefined;
        if (id !== undefined) organization.id ??= id;
        else if (text !== undefined) organization.name ??= text;
        else problem(l10n.t('{0} {1} is neither a Zendesk organization id nor a name', name, shown(value)));
        break;
      }
      case 'organizationExternalId': {
        const text = asText(value, true);
        if (text === undefined) problem(l10n.t('{0} {1} is not an external id', name, shown(value)));
        else organization.externalId ??= text;
        break;
      }
      case 'default': {
        const flag = asFlag(value);
        if (flag === undefined) problem(l10n.t('{0} {1} is not true or false (use true, false, yes, no, 1, 0, or leave it empty)', name, shown(value)));
        else row.makeDefault ??= flag;
        break;
      }
    }
  }

  const hasUser = user.id !== undefined || user.email !== undefined;
  let hasOrganization = organization.id !== undefined || organization.name !== undefined || organization.externalId !== undefined;
  if (!hasOrganization && !flawed.has('organization') && options.defaultOrganizationId !== undefined) {
    organization.id = options.defaultOrganizationId;
    hasOrganization = true;
  }
  if (hasUser) row.user = user;
  if (hasOrganization) row.organization = organization;

  const byMembership = options.purpose === 'remove' && row.membershipId !== undefined;
  // A row whose membership id is wrong meant to name a membership: "no user" would mislead.
  if (!byMembership && !flawed.has('membership')) {
    const removing = options.purpose === 'remove';
    if (!hasUser && !flawed.has('user')) {
      const message = removing ? l10n.t('no user: fill in {0} (or give a membership_id)', USER_COLUMNS) : l10n.t('no user: fill in {0}', USER_COLUMNS);
      problems.push({ line: entry.line, message });
    }
    if (!hasOrganization && !flawed.has('organization')) {
      const message = removing ? l10n.t('no organization: fill in {0} (or give a membership_id)', ORGANIZATION_COLUMNS) : l10n.t('no organization: fill in {0}', ORGANIZATION_COLUMNS);
      problems.push({ line: entry.line, message });
    }
  }
  return problems.length > 0 || (!byMembership && (!hasUser || !hasOrganization)) ? { problems } : { row, problems };
}

/** Rows naming the same membership twice: the same membership id, or the same user and organization. */
export function duplicateKey(row: MembershipRow): string | undefined {
  if (row.membershipId !== undefined) {
    return `membership:${row.membershipId}`;
  }
  const user = row.user?.id !== undefined ? `id:${row.user.id}` : row.user?.email !== undefined ? `email:${row.user.email.toLowerCase()}` : undefined;
  const org = row.organization;
  const organization = org?.id !== undefined ? `id:${org.id}`
    : org?.externalId !== undefined ? `external:${org.externalId.toLowerCase()}`
      : org?.name !== undefined ? `name:${org.name.toLowerCase()}` : undefined;
  return user && organization ? `user ${user} organization ${organization}` : undefined;
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function asId(value: unknown): number | undefined {
  const id = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

// Deliberately loose (Zendesk has the final word): one @, no spaces or quotes, a dot in the domain.
const EMAIL = /^[^\s@"<>,;()[\]\\]+@[^\s@"<>,;()[\]\\.]+(\.[^\s@"<>,;()[\]\\.]+)+$/;

function asEmail(value: unknown): string | undefined {
  return typeof value === 'string' && EMAIL.test(value.trim()) ? value.trim() : undefined;
}

/** Text; numbers are accepted as text only where a value is an identifier (external ids). */
function asText(value: unknown, numbersToo = false): string | undefined {
  if (typeof value === 'string') return value.trim();
  return numbersToo && typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0']);

function asFlag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : typeof value === 'number' ? String(value) : undefined;
  return text === undefined ? undefined : TRUE.has(text) ? true : FALSE.has(text) ? false : undefined;
}

/** A value as it appears in a message: strings quoted (and cut when long), other JSON as JSON. */
function shown(value: unknown): string {
  const text = JSON.stringify(typeof value === 'string' ? value.trim() : value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
