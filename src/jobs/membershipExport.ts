// Export Memberships: an organization's, a user's or the whole account's memberships, written page
// by page to a sink (a file) as CSV or JSON in the format Add Members in Bulk and Remove
// Memberships in Bulk read — the columns of the Jobs panel's export (csvExport.ts), with the
// user's email added — so export → edit → import round-trips. Only one page (100 memberships and
// their names) is held at a time; organization names are kept in a bounded cache. No `vscode`.
import { stringify } from 'csv-stringify/sync';
import { inBatches } from '../zendesk';
import type { Organization, OrganizationMembership, Page, PageCursor, User, ZendeskClient } from '../zendesk';
import { neutraliseFormula } from './csvExport';

export type ExportScope =
  | { kind: 'account' }
  | { kind: 'organization'; organization: Pick<Organization, 'id' | 'name'> }
  | { kind: 'user'; user: Pick<User, 'id' | 'name'> };

export type ExportFormat = 'csv' | 'json';

/** The readers know user_id, organization_id, membership_id and default; the names and the email help a person. */
export const EXPORT_COLUMNS = ['user_id', 'organization_id', 'membership_id', 'default', 'user_name', 'organization_name', 'user_email'] as const;

export interface ExportedMembership {
  user_id: number;
  organization_id: number;
  membership_id: number;
  default: boolean;
  user_name: string;
  organization_name: string;
  user_email: string | null;
}

/** Where the text goes; `write` resolves once the chunk may be followed by the next (backpressure). */
export interface ExportSink {
  write(chunk: string): Promise<void>;
}

export interface ExportOptions {
  signal?: AbortSignal;
  /** Told after each page with the memberships written so far. */
  onProgress?(written: number): void;
}

/** Organization names kept at most: past it the cache starts again (a 100,000-organization account stays bounded). */
const NAME_CACHE_LIMIT = 5_000;

/** Writes every membership of `scope` to `sink`; returns how many were written. */
export async function exportMemberships(client: ZendeskClient, scope: ExportScope, format: ExportFormat, sink: ExportSink, options: ExportOptions = {}): Promise<number> {
  const { signal } = options;
  const organizationNames = new Map<number, string>();
  if (scope.kind === 'organization') organizationNames.set(scope.organization.id, scope.organization.name);
  const writer = format === 'csv' ? csvWriter(sink) : jsonWriter(sink);
  let written = 0;
  let cursor: PageCursor | undefined;
  do {
    signal?.throwIfAborted();
    const { page, users } = await readPage(client, scope, cursor, signal);
    const byId = new Map(users.map((user) => [user.id, user]));
    if (scope.kind === 'user') byId.set(scope.user.id, { ...scope.user, ...byId.get(scope.user.id) } as User);
    keepOrganizations(organizationNames, page.included.organizations ?? []);
    await nameMissingOrganizations(client, organizationNames, page.items, signal);
    const missingUsers = [...new Set(page.items.map((m) => m.user_id))].filter((id) => !byId.has(id));
    for (const ids of inBatches(missingUsers)) {
      (await client.showManyUsers(ids, { signal })).forEach((user) => byId.set(user.id, user));
    }
    const rows = page.items.map((membership) => exported(membership, byId.get(membership.user_id), organizationNames.get(membership.organization_id) ?? membership.organization_name));
    await writer.rows(rows);
    written += rows.length;
    options.onProgress?.(written);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  await writer.end();
  return written;
}

async function readPage(client: ZendeskClient, scope: ExportScope, cursor: PageCursor | undefined, signal?: AbortSignal): Promise<{ page: Page<OrganizationMembership>; users: User[] }> {
  if (scope.kind === 'organization') {
    // Sideloads users where Zendesk does, reads them with show_many where it does not.
    const { page, users } = await client.organizationMembersPage({ organizationId: scope.organization.id, cursor, signal });
    return { page, users };
  }
  const params = scope.kind === 'user' ? { userId: scope.user.id } : {};
  const page = await client.listOrganizationMemberships({ ...params, include: ['users', 'organizations'] }).page(cursor, { signal });
  return { page, users: page.included.users ?? [] };
}

function keepOrganizations(names: Map<number, string>, organizations: readonly Organization[]): void {
  for (const organization of organizations) {
    if (names.size >= NAME_CACHE_LIMIT) names.clear();
    names.set(organization.id, organization.name);
  }
}

async function nameMissingOrganizations(client: ZendeskClient, names: Map<number, string>, memberships: readonly OrganizationMembership[], signal?: AbortSignal): Promise<void> {
  const missing = [...new Set(memberships.map((m) => m.organization_id))].filter((id) => !names.has(id));
  for (const ids of inBatches(missing)) {
    keepOrganizations(names, await client.showManyOrganizations({ ids }, { signal }));
  }
}

function exported(membership: OrganizationMembership, user: User | undefined, organizationName: string | undefined): ExportedMembership {
  return {
    user_id: membership.user_id,
    organization_id: membership.organization_id,
    membership_id: membership.id,
    default: membership.default === true,
    user_name: user?.name ?? '',
    organization_name: organizationName ?? '',
    user_email: user?.email ?? null,
  };
}

interface RowWriter {
  rows(rows: readonly ExportedMembership[]): Promise<void>;
  end(): Promise<void>;
}

/** RFC 4180 with a BOM, every field quoted, CRLF — as the Jobs panel's export; every cell formula-safe. */
function csvWriter(sink: ExportSink): RowWriter {
  let started = false;
  const write = (records: string[][], bom: boolean) => sink.write(stringify(records, { bom, quoted: true, record_delimiter: 'windows' }));
  return {
    async rows(rows) {
      const records = rows.map((row) => EXPORT_COLUMNS.map((column) => neutraliseFormula(row[column] === null ? '' : String(row[column]))));
      if (!started) {
        started = true;
        await write([[...EXPORT_COLUMNS], ...records], true);
      } else if (records.length > 0) {
        await write(records, false);
      }
    },
    async end() {
      if (!started) await write([[...EXPORT_COLUMNS]], true);
    },
  };
}

/** A JSON array of objects, one per line, written as the pages come. */
function jsonWriter(sink: ExportSink): RowWriter {
  let first = true;
  return {
    async rows(rows) {
      if (rows.length === 0) return;
      const text = rows.map((row) => JSON.stringify(row)).join(',\n');
      await sink.write(`${first ? '[\n' : ',\n'}${text}`);
      first = false;
    },
    async end() {
      await sink.write(first ? '[]\n' : '\n]\n');
    },
  };
}
