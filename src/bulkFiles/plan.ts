// From parsed rows to what a bulk operation should send: who and what exist in Zendesk, which
// memberships are already there (adding) or really there (removing). Read-only: nothing here
// changes Zendesk. No `vscode` here either: it runs and is tested in plain Node.
import * as l10n from '@vscode/l10n';
import { inBatches, isZendeskError } from '../zendesk';
import type { Organization, OrganizationMembership, User, ZendeskClient } from '../zendesk';
import { type Pair, findExistingMemberships } from './existingMemberships';
import type { MembershipRow, OrganizationRef, UserRef } from './rows';
import { type PlanOptions, PlanProgress, eachYielding, forEachLimited } from './planSteps';
import { type ResolvedReferences, resolveReferences } from './resolveReferences';

export type { PlanOptions } from './planSteps';

export interface PlannedItem {
  userId: number;
  organizationId: number;
  makeDefault?: boolean;
  /** Removing: the membership to delete. Adding: the existing membership (in `alreadyMembers`). */
  membershipId?: number;
  /** "Name (email)" */
  userLabel: string;
  organizationLabel: string;
  /** The file line the item came from. */
  line?: number;
  /** Removing: whether it is the user's default organization (for the history and Undo). */
  wasDefault?: boolean;
  /** Making the default: the user's default organization now (null: none), for the history and Undo. */
  previousDefaultId?: number | null;
  previousDefaultName?: string;
}

/** A row whose user, organization or membership Zendesk does not have; `value` says what the file gave (an id, email, name or "external id …"). */
export interface NotFound {
  line?: number;
  value: string;
}

export interface AddPlan {
  toAdd: PlannedItem[];
  alreadyMembers: PlannedItem[];
  /**
   * Already members whose row asks for the default organization, which it is not yet: their
   * membership (`membershipId`) is made the default with make_default (create_many cannot change
   * an existing membership).
   */
  toMakeDefault: PlannedItem[];
  /** Rows asking for a user's default organization when an earlier row already asked for another; `value` says which line. */
  defaultConflicts: NotFound[];
  usersNotFound: NotFound[];
  organizationsNotFound: NotFound[];
  /** Rows naming a pair an earlier row already named; `value` says which line. */
  duplicates: NotFound[];
}

export interface RemovePlan {
  toRemove: PlannedItem[];
  /** Pairs that exist but are not members; `value` is "user → organization". */
  notMembers: NotFound[];
  usersNotFound: NotFound[];
  organizationsNotFound: NotFound[];
  membershipsNotFound: NotFound[];
  /** Rows naming a membership an earlier row already names. */
  duplicates: NotFound[];
}

export async function planAdditions(client: ZendeskClient, rows: readonly MembershipRow[], options: PlanOptions = {}): Promise<AddPlan> {
  const { signal } = options;
  const progress = new PlanProgress(options.onProgress);
  const usable = rows.filter((row) => row.user && row.organization);
  const refs = await resolveReferences(client, await refsOf(usable), progress, signal);
  const plan: AddPlan = { toAdd: [], alreadyMembers: [], toMakeDefault: [], defaultConflicts: [], usersNotFound: [], organizationsNotFound: [], duplicates: [] };
  const wanted = await pairsOf(usable, refs, plan);

  const existing = await findExistingMemberships(client, wanted.map(({ pair }) => pair), progress, signal);
  // A user has one default organization: the first row asking for one wins, later ones are refused.
  const defaultLine = new Map<number, { line: number; label: string }>();
  await eachYielding(wanted, ({ pair, row, user, organization }) => {
    const membership = existing.of(pair);
    const item = plannedItem(pair, user, organization, row.line, membership?.id);
    if (row.makeDefault !== undefined) item.makeDefault = row.makeDefault;
    if (row.makeDefault && user.organization_id !== undefined) {
      item.previousDefaultId = user.organization_id;
      const previous = user.organization_id === null ? undefined : refs.organizations.get(user.organization_id)?.name;
      if (previous) item.previousDefaultName = previous;
    }
    if (row.makeDefault) {
      const earlier = defaultLine.get(pair.userId);
      if (earlier) {
        plan.defaultConflicts.push({ line: row.line, value: l10n.t('{0} → {1} (line {2} already makes {3} the default)', item.userLabel, item.organizationLabel, earlier.line, earlier.label) });
        return;
      }
      defaultLine.set(pair.userId, { line: row.line, label: item.organizationLabel });
    }
    if (!membership) plan.toAdd.push(item);
    else if (row.makeDefault && !membership.default) plan.toMakeDefault.push(item);
    else plan.alreadyMembers.push(item);
  });
  return plan;
}

/**
 * Rows naming a user and an organization are checked like additions. A membership id alone
 * names neither its organization nor its user, so the only listing that could hold it is the
 * account-wide one (every membership of the account): each such id is shown on its own, one
 * request per id. When the row also names the user and the organization (Zendesk's own exports
 * do), the id is looked for in the listings made for the pairs anyway, at no extra cost, and only
 * ids not found there are shown one by one. The id decides what is removed; names only label it.
 */
export async function planRemovals(client: ZendeskClient, rows: readonly MembershipRow[], options: PlanOptions = {}): Promise<RemovePlan> {
  const { signal } = options;
  const progress = new PlanProgress(options.onProgress);
  const byPair = rows.filter((row) => row.membershipId === undefined && row.user && row.organization);
  const byId = rows.filter((row) => row.membershipId !== undefined);
  const hinted = byId.filter((row) => row.user && row.organization);
  const refs = await resolveReferences(client, await refsOf([...byPair, ...hinted]), progress, signal);
  const plan: RemovePlan = { toRemove: [], notMembers: [], usersNotFound: [], organizationsNotFound: [], membershipsNotFound: [], duplicates: [] };
  const wanted = await pairsOf(byPair, refs, plan);
  // Hints that do not resolve are not reported: the membership id is what counts for those rows.
  const hints = (await pairsOf(hinted, refs, { usersNotFound: [], organizationsNotFound: [], duplicates: [] })).map(({ pair }) => pair);

  const existing = await findExistingMemberships(client, [...wanted.map(({ pair }) => pair), ...hints], progress, signal);
  /** Membership id → the line that first asked to remove it. */
  const removing = new Map<number, number | undefined>();
  await eachYielding(wanted, ({ pair, row, user, organization }) => {
    const membership = existing.of(pair);
    const item = plannedItem(pair, user, organization, row.line, membership?.id);
    if (!membership) {
      plan.notMembers.push({ line: row.line, value: `${item.userLabel} → ${item.organizationLabel}` });
    } else {
      removing.set(membership.id, row.line);
      if (membership.default !== undefined) item.wasDefault = membership.default === true;
      plan.toRemove.push(item);
    }
  });

  const memberships = await membershipsById(client, byId.map((row) => row.membershipId as number), existing.seen, progress, signal);
  await fetchMissingLabels(client, [...memberships.values()], refs, progress, signal);
  await eachYielding(byId, (row) => {
    const id = row.membershipId as number;
    const membership = memberships.get(id);
    if (!membership) {
      plan.membershipsNotFound.push({ line: row.line, value: String(id) });
    } else if (removing.has(id)) {
      plan.duplicates.push({ line: row.line, value: duplicateOf(`membership ${id}`, removing.get(id)) });
    } else {
      removing.set(id, row.line);
      const pair = { userId: membership.user_id, organizationId: membership.organization_id };
      const item = plannedItem(pair, refs.users.get(pair.userId), refs.organizations.get(pair.organizationId), row.line, id);
      if (membership.default !== undefined) item.wasDefault = membership.default === true;
      plan.toRemove.push(item);
    }
  });
  return plan;
}

interface WantedPair {
  pair: Pair;
  row: MembershipRow;
  user: User;
  organization: Organization;
}

/** Rows → distinct resolved pairs (the first row wins); rows naming unknown records, and repeats, are reported. */
async function pairsOf(rows: readonly MembershipRow[], refs: ResolvedReferences, report: Pick<AddPlan, 'usersNotFound' | 'organizationsNotFound' | 'duplicates'>): Promise<WantedPair[]> {
  const wanted: WantedPair[] = [];
  const seen = new Map<string, number | undefined>();
  await eachYielding(rows, (row) => {
    const user = refs.user(row.user);
    const organization = refs.organization(row.organization);
    if (!user) report.usersNotFound.push({ line: row.line, value: describeUser(row.user) });
    if (!organization) report.organizationsNotFound.push({ line: row.line, value: describeOrganization(row.organization) });
    if (!user || !organization) return;
    // The same pair named two ways (by id on one line, by email on another) is planned once.
    const key = `${user.id}:${organization.id}`;
    if (seen.has(key)) {
      report.duplicates.push({ line: row.line, value: duplicateOf(`${userLabel(user.id, user)} → ${organizationLabel(organization.id, organization)}`, seen.get(key)) });
      return;
    }
    seen.set(key, row.line);
    wanted.push({ pair: { userId: user.id, organizationId: organization.id }, row, user, organization });
  });
  return wanted;
}

/** Membership ids not seen in a listing: one show each (404 means there is no such membership). */
async function membershipsById(
  client: ZendeskClient, ids: number[], seen: Map<number, OrganizationMembership>, progress: PlanProgress, signal?: AbortSignal,
): Promise<Map<number, OrganizationMembership>> {
  const found = new Map<number, OrganizationMembership>();
  const unseen: number[] = [];
  for (const id of new Set(ids)) {
    const known = seen.get(id);
    if (known) found.set(id, known);
    else unseen.push(id);
  }
  progress.expect(unseen.length);
  await forEachLimited(unseen, async (id) => {
    try {
      found.set(id, await client.showOrganizationMembershipById(id, { signal }));
    } catch (error) {
      if (!isZendeskError(error) || error.status !== 404) throw error;
    }
    progress.step();
  }, signal);
  return found;
}

/** Users and organizations of memberships found by id, for their labels (show_many, 100 per request). */
async function fetchMissingLabels(client: ZendeskClient, memberships: OrganizationMembership[], refs: ResolvedReferences, progress: PlanProgress, signal?: AbortSignal): Promise<void> {
  const userIds = [...new Set(memberships.map((m) => m.user_id))].filter((id) => !refs.users.has(id));
  const orgIds = [...new Set(memberships.map((m) => m.organization_id))].filter((id) => !refs.organizations.has(id));
  const lookups = [
    ...inBatches(userIds).map((ids) => async () => (await client.showManyUsers(ids, { signal })).forEach((u) => refs.users.set(u.id, u))),
    ...inBatches(orgIds).map((ids) => async () => (await client.showManyOrganizations({ ids }, { signal })).forEach((o) => refs.organizations.set(o.id, o))),
  ];
  progress.expect(lookups.length);
  await forEachLimited(lookups, async (lookup) => {
    await lookup();
    progress.step();
  }, signal);
}

function duplicateOf(what: string, firstLine: number | undefined): string {
  return firstLine === undefined ? `${what} (named before)` : `${what} (as on line ${firstLine})`;
}

async function refsOf(rows: readonly MembershipRow[]): Promise<{ users: UserRef[]; organizations: OrganizationRef[] }> {
  const refs: { users: UserRef[]; organizations: OrganizationRef[] } = { users: [], organizations: [] };
  await eachYielding(rows, (row) => {
    if (row.user) refs.users.push(row.user);
    if (row.organization) refs.organizations.push(row.organization);
  });
  return refs;
}

function plannedItem(pair: Pair, user: User | undefined, organization: Organization | undefined, line: number | undefined, membershipId: number | undefined): PlannedItem {
  const item: PlannedItem = { ...pair, userLabel: userLabel(pair.userId, user), organizationLabel: organizationLabel(pair.organizationId, organization) };
  if (membershipId !== undefined) item.membershipId = membershipId;
  if (line !== undefined) item.line = line;
  return item;
}

export function userLabel(id: number, user: User | undefined): string {
  if (!user) return `user ${id}`;
  const name = user.name?.trim() || `user ${id}`;
  return user.email ? `${name} (${user.email})` : name;
}

export function organizationLabel(id: number, organization: Organization | undefined): string {
  return organization?.name?.trim() || `organization ${id}`;
}

function describeUser(ref: UserRef | undefined): string {
  return ref?.id !== undefined ? String(ref.id) : ref?.email ?? '';
}

function describeOrganization(ref: OrganizationRef | undefined): string {
  if (ref?.id !== undefined) return String(ref.id);
  if (ref?.externalId !== undefined) return `external id ${ref.externalId}`;
  return ref?.name ?? '';
}
