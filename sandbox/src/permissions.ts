// Role rules from the OAS "Allowed for" notes (API-NOTES §1.1), kept simple:
// admins may do anything; agents read everything and write memberships of end users only;
// end users read only their own memberships/organizations and their own profile.
// unverified: the end-user read scope, and that the agent rule also covers unassign and
// set-organization-as-default (the OAS says just "Agents" for those two).
import type { UserRecord } from './records';

export const isStaff = (actor: UserRecord): boolean => actor.role !== 'end-user';

/** May `actor` create, delete or make default a membership belonging to `member`? */
export function canManageMembershipOf(actor: UserRecord, member: UserRecord): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'agent' && member.role === 'end-user';
}

/** May `actor` read data about user `userId` (profile, memberships, organizations)? */
export const canReadUser = (actor: UserRecord, userId: number): boolean => isStaff(actor) || actor.id === userId;
