// What a command's report of a change does to one account's rows: which membership rows are added,
// removed or restarred, and which organization rows must re-render. The model (organizationsModel.ts)
// fires the changes. No `vscode` import.
import type { OrganizationMembership, User } from '../zendesk';
import type { AccountState } from './accountState';
import { MembershipNode, type OrganizationNode } from './nodes';

/** Which members a removal concerns: always a user; a membership id or an organization narrows it. */
export interface RemovedMembership {
  userId: number;
  membershipId?: number;
  organizationId?: number;
}

/** A change a command reported, as other views need to hear it (the People view). */
export type MembershipReport =
  | { kind: 'added'; origin: string; membership: OrganizationMembership }
  | { kind: 'removed'; origin: string; removed: RemovedMembership }
  | { kind: 'defaultMoved'; origin: string; userId: number; organizationId: number }
  | { kind: 'organizationsChanged'; origin: string; organizationIds: readonly number[] };

/** A membership was created: rows of its organization with members loaded show it; counts go up by one. */
export function addMembership(state: AccountState, membership: OrganizationMembership, user: User | undefined): OrganizationNode[] {
  if (user) {
    state.users.put(user);
  }
  const counted = state.counts.adjust(membership.organization_id, +1);
  const touched: OrganizationNode[] = [];
  for (const row of state.rowsOf(membership.organization_id)) {
    if (counted) {
      touched.push(row);
    }
    if (row.members.pagesLoaded > 0) {
      row.members.upsert(new MembershipNode(row, membership, state.users.get(membership.user_id)));
      state.indexMembers(row);
      touched.push(row);
    }
  }
  return [...new Set(touched)];
}

/** Memberships were deleted: their rows (loaded or pinned) go, and the counts shown go down. */
export function removeMemberships(state: AccountState, removed: RemovedMembership): OrganizationNode[] {
  const touched = new Set<OrganizationNode>();
  for (const row of state.membershipRowsOf(removed.userId)) {
    if ((removed.membershipId === undefined || row.membership.id === removed.membershipId)
      && (removed.organizationId === undefined || row.membership.organization_id === removed.organizationId)) {
      const organization = row.parent;
      if (row.pinned) {
        organization.pinnedMembers = organization.pinnedMembers.filter((member) => member !== row);
      } else {
        organization.members.remove(row.id);
      }
      touched.add(organization);
    }
  }
  const organizationIds = new Set([...touched].map((row) => row.organization.id));
  if (removed.organizationId !== undefined) {
    organizationIds.add(removed.organizationId);
  }
  for (const organizationId of organizationIds) {
    if (state.counts.adjust(organizationId, -1)) {
      state.rowsOf(organizationId).forEach((row) => touched.add(row));
    }
  }
  touched.forEach((organization) => state.indexMembers(organization));
  return [...touched];
}

/** The user's default organization is now `organizationId`; every other membership of theirs is not. */
export function moveDefault(state: AccountState, userId: number, organizationId: number): OrganizationNode[] {
  const touched = new Set<OrganizationNode>();
  for (const row of state.membershipRowsOf(userId)) {
    const isDefault = row.membership.organization_id === organizationId ? true : null;
    if (row.membership.default !== isDefault) {
      row.membership = { ...row.membership, default: isDefault };
      touched.add(row.parent);
    }
  }
  return [...touched];
}
