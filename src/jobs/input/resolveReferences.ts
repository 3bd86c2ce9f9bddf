// Turns the users and organizations a file names (by id, email, name or external id) into
// Zendesk records, with as few requests as the API allows:
// - users by id: show_many, 100 per request;
// - users by email: one search per distinct address (`email:"…"`). Zendesk has no batch form:
//   show_many takes ids and external ids only, and a search query cannot OR several addresses;
// - organizations by id, then by external id: show_many, 100 per request;
// - organizations by name (and the rare external id containing a comma, which a comma-joined
//   list cannot carry): one exact search per distinct value.
// Lookups go from the cheapest to the dearest, and a value already answered by an earlier step
// (an email or name that came back with a record fetched by id) is not asked for again.
import { MAX_PAGE_SIZE, emailSearchQuery, isZendeskError } from '../../zendesk';
import type { Organization, User, ZendeskClient } from '../../zendesk';
import type { OrganizationRef, UserRef } from './parseMembershipFile';
import { PlanProgress, chunk, forEachLimited } from './planSteps';

export interface ResolvedReferences {
  user(ref: UserRef | undefined): User | undefined;
  organization(ref: OrganizationRef | undefined): Organization | undefined;
  /** Records fetched along the way, by id (also used for labels). */
  users: Map<number, User>;
  organizations: Map<number, Organization>;
}

const lower = (text: string): string => text.trim().toLowerCase();

export async function resolveReferences(
  client: ZendeskClient,
  refs: { users: UserRef[]; organizations: OrganizationRef[] },
  progress: PlanProgress,
  signal?: AbortSignal,
): Promise<ResolvedReferences> {
  const users = new Map<number, User>();
  const organizations = new Map<number, Organization>();
  const byEmail = new Map<string, User>();
  const byName = new Map<string, Organization>();
  const byExternalId = new Map<string, Organization>();
  const keepUser = (user: User): void => {
    users.set(user.id, user);
    if (user.email) byEmail.set(lower(user.email), user);
  };
  const keepOrganization = (org: Organization): void => {
    organizations.set(org.id, org);
    byName.set(lower(org.name), org);
    if (org.external_id) byExternalId.set(lower(org.external_id), org);
  };

  // A user named by id is looked up by id only (an email beside it is not checked).
  const userIds = distinct(refs.users.flatMap((ref) => (ref.id !== undefined ? [ref.id] : [])));
  const orgIds = distinct(refs.organizations.flatMap((ref) => (ref.id !== undefined ? [ref.id] : [])));
  const userIdChunks = chunk(userIds, MAX_PAGE_SIZE);
  const orgIdChunks = chunk(orgIds, MAX_PAGE_SIZE);
  progress.expect(userIdChunks.length + orgIdChunks.length);
  await forEachLimited([
    ...userIdChunks.map((ids) => async () => (await client.showManyUsers(ids, { signal })).forEach(keepUser)),
    ...orgIdChunks.map((ids) => async () => (await client.showManyOrganizations({ ids }, { signal })).forEach(keepOrganization)),
  ], async (lookup) => {
    await lookup();
    progress.step();
  }, signal);

  // Second: external ids in lists, and emails (one search each).
  const emails = distinctText(refs.users.flatMap((ref) => (ref.id === undefined && ref.email !== undefined ? [ref.email] : [])))
    .filter((email) => !byEmail.has(lower(email)));
  const externalIds = distinctText(refs.organizations.flatMap((ref) => (ref.id === undefined && ref.externalId !== undefined ? [ref.externalId] : [])))
    .filter((externalId) => !byExternalId.has(lower(externalId)));
  const listable = externalIds.filter((externalId) => !externalId.includes(','));
  const externalIdChunks = chunk(listable, MAX_PAGE_SIZE);
  progress.expect(externalIdChunks.length + emails.length);
  await forEachLimited([
    ...externalIdChunks.map((ids) => async () => (await client.showManyOrganizations({ externalIds: ids }, { signal })).forEach(keepOrganization)),
    ...emails.map((email) => async () => {
      const page = await client.searchUsers(emailSearchQuery(email)).page(undefined, { signal });
      // The search may also return near matches; only the exact address counts.
      const match = page.items.find((user) => user.email && lower(user.email) === lower(email));
      if (match) keepUser(match);
    }),
  ], async (lookup) => {
    await lookup();
    progress.step();
  }, signal);

  // Last: names (one exact search each), and external ids a comma-joined list cannot carry.
  const names = distinctText(refs.organizations.flatMap((ref) => (ref.id === undefined && ref.externalId === undefined && ref.name !== undefined ? [ref.name] : [])))
    .filter((name) => !byName.has(lower(name)));
  const searchedExternalIds = externalIds.filter((externalId) => externalId.includes(','));
  progress.expect(names.length + searchedExternalIds.length);
  const findByName = organizationNameFinder(client, signal);
  await forEachLimited([
    ...names.map((name) => async () => {
      const match = await findByName(name);
      if (match) keepOrganization(match);
    }),
    ...searchedExternalIds.map((externalId) => async () => {
      const found = await client.searchOrganizations({ externalId }, { signal });
      const match = found.find((org) => org.external_id && lower(org.external_id) === lower(externalId));
      if (match) keepOrganization(match);
    }),
  ], async (lookup) => {
    await lookup();
    progress.step();
  }, signal);

  return {
    users,
    organizations,
    user: (ref) => {
      if (ref?.id !== undefined) return users.get(ref.id);
      return ref?.email !== undefined ? byEmail.get(lower(ref.email)) : undefined;
    },
    organization: (ref) => {
      if (ref?.id !== undefined) return organizations.get(ref.id);
      if (ref?.externalId !== undefined) return byExternalId.get(lower(ref.externalId));
      return ref?.name !== undefined ? byName.get(lower(ref.name)) : undefined;
    },
  };
}

/**
 * Exact-name search is for admins and agents with an organization-managing custom role; other
 * agents get 403. They may still autocomplete (agents are allowed), whose first page holds the
 * exact name unless over 100 organizations start with it — so fall back to that, once for all.
 */
function organizationNameFinder(client: ZendeskClient, signal?: AbortSignal): (name: string) => Promise<Organization | undefined> {
  let searchForbidden = false;
  const exact = (found: Organization[], name: string): Organization | undefined => found.find((org) => lower(org.name) === lower(name));
  return async (name) => {
    if (!searchForbidden) {
      try {
        return exact(await client.searchOrganizations({ name }, { signal }), name);
      } catch (error) {
        if (!isZendeskError(error) || error.status !== 403) throw error;
        searchForbidden = true;
      }
    }
    const page = await client.autocompleteOrganizations(name).page(undefined, { signal });
    return exact(page.items, name);
  };
}

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Distinct ignoring case and surrounding space; the first spelling is kept. */
function distinctText(values: string[]): string[] {
  const seen = new Map<string, string>();
  for (const value of values) {
    if (!seen.has(lower(value))) seen.set(lower(value), value.trim());
  }
  return [...seen.values()];
}
