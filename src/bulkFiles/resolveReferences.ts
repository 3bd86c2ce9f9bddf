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
import { emailSearchQuery, inBatches, isZendeskError } from '../zendesk';
import type { Organization, User, ZendeskClient } from '../zendesk';
import type { OrganizationRef, UserRef } from './rows';
import { PlanProgress, eachYielding, forEachLimited } from './planSteps';

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
  const keepUser = (found: User): void => {
    // Only what the plans use (labels, and the default organization the history records before a
    // default change): a 100,000-row file would otherwise hold every user's whole record.
    const user: User = {
      id: found.id, name: found.name, ...(found.email !== undefined ? { email: found.email } : {}),
      ...(found.organization_id !== undefined ? { organization_id: found.organization_id } : {}),
    };
    users.set(user.id, user);
    if (user.email) byEmail.set(lower(user.email), user);
  };
  const keepOrganization = (org: Organization): void => {
    organizations.set(org.id, org);
    byName.set(lower(org.name), org);
    if (org.external_id) byExternalId.set(lower(org.external_id), org);
  };

  const asked = await distinctLookups(refs);
  // A user named by id is looked up by id only (an email beside it is not checked).
  const userIds = asked.userIds;
  const orgIds = asked.orgIds;
  const userIdChunks = inBatches(userIds);
  const orgIdChunks = inBatches(orgIds);
  progress.expect(userIdChunks.length + orgIdChunks.length);
  await forEachLimited([
    ...userIdChunks.map((ids) => async () => (await client.showManyUsers(ids, { signal })).forEach(keepUser)),
    ...orgIdChunks.map((ids) => async () => (await client.showManyOrganizations({ ids }, { signal })).forEach(keepOrganization)),
  ], async (lookup) => {
    await lookup();
    progress.step();
  }, signal);

  // Second: external ids in lists, and emails (one search each).
  const emails = asked.emails.filter((email) => !byEmail.has(lower(email)));
  const externalIds = asked.externalIds.filter((externalId) => !byExternalId.has(lower(externalId)));
  const listable = externalIds.filter((externalId) => !externalId.includes(','));
  const externalIdChunks = inBatches(listable);
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
  const names = asked.names.filter((name) => !byName.has(lower(name)));
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

/**
 * The distinct ids, emails, external ids and names the references ask for, in one pass that lets
 * the event loop turn (a file may hold 100,000 rows). Text is distinct ignoring case and
 * surrounding space; the first spelling is kept.
 */
async function distinctLookups(refs: { users: UserRef[]; organizations: OrganizationRef[] }) {
  const userIds = new Set<number>();
  const orgIds = new Set<number>();
  const emails = new Map<string, string>();
  const externalIds = new Map<string, string>();
  const names = new Map<string, string>();
  const keep = (into: Map<string, string>, value: string): void => {
    if (!into.has(lower(value))) into.set(lower(value), value.trim());
  };
  await eachYielding(refs.users, (ref) => {
    if (ref.id !== undefined) userIds.add(ref.id);
    else if (ref.email !== undefined) keep(emails, ref.email);
  });
  await eachYielding(refs.organizations, (ref) => {
    if (ref.id !== undefined) orgIds.add(ref.id);
    else if (ref.externalId !== undefined) keep(externalIds, ref.externalId);
    else if (ref.name !== undefined) keep(names, ref.name);
  });
  return { userIds: [...userIds], orgIds: [...orgIds], emails: [...emails.values()], externalIds: [...externalIds.values()], names: [...names.values()] };
}
