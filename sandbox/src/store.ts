// The sandbox's data: organizations, users and memberships, plus the membership operations every
// route and job shares (so a bulk job and a single create follow exactly the same rules).
import { RecordInvalidError } from './errors';
import { MembershipStore } from './membershipStore';
import { type NewOrganization, OrganizationDirectory } from './organizationDirectory';
import type { MembershipRecord, OrganizationRecord, UserRecord } from './records';
import type { Texts } from './wording';
import { seedMemberships } from './seedMemberships';
import { seedTickets, TicketStore } from './ticketStore';
import { UserDirectory, type NewUser } from './userDirectory';

export interface StoreOptions {
  orgs: number;
  users: number;
  bigOrgMembers: number;
  adminEmail: string;
  agentEmail: string;
}

export type CreateOutcome =
  | { ok: true; membership: MembershipRecord }
  | { ok: false; reason: 'user-missing' | 'org-missing' }
  | { ok: false; reason: 'duplicate'; existing: MembershipRecord };

export class SandboxStore {
  readonly organizations: OrganizationDirectory;
  readonly users: UserDirectory;
  readonly memberships = new MembershipStore();
  readonly tickets = new TicketStore();

  constructor(options: StoreOptions) {
    this.organizations = new OrganizationDirectory(options.orgs);
    this.users = new UserDirectory(options.users, { adminEmail: options.adminEmail, agentEmail: options.agentEmail });
    seedMemberships(this.memberships, options);
    seedTickets(this.tickets, this.memberships.allIds().map((id) => this.memberships.get(id) as MembershipRecord));
  }

  addOrganization(input: NewOrganization): OrganizationRecord {
    return this.organizations.add(input);
  }

  addUser(input: NewUser): UserRecord {
    return this.users.add(input);
  }

  getOrganization(id: number): OrganizationRecord | undefined {
    return this.organizations.get(id);
  }

  getUser(id: number): UserRecord | undefined {
    return this.users.get(id);
  }

  getMembership(id: number): MembershipRecord | undefined {
    return this.memberships.get(id);
  }

  findMembership(userId: number, orgId: number): MembershipRecord | undefined {
    return this.memberships.find(userId, orgId);
  }

  /** A user's `organization_id`: the organization of their default membership, or null. */
  defaultOrganizationOf(userId: number): number | null {
    return this.memberships.defaultOrganizationOf(userId);
  }

  membershipsOfOrg(orgId: number): MembershipRecord[] {
    return this.resolve(this.memberships.idsOfOrg(orgId));
  }

  /** Zendesk's per-user order: the default first, then by organization name. */
  membershipsOfUser(userId: number): MembershipRecord[] {
    const keyed = this.resolve(this.memberships.idsOfUser(userId)).map((m) => ({
      m,
      name: (this.organizations.get(m.organization_id)?.name ?? '').toLowerCase(),
    }));
    keyed.sort((a, b) => {
      if (a.m.default !== b.m.default) return a.m.default ? -1 : 1;
      if (a.name !== b.name) return a.name < b.name ? -1 : 1;
      return a.m.id - b.m.id;
    });
    return keyed.map((k) => k.m);
  }

  tryCreateMembership(userId: number, orgId: number, makeDefault: boolean): CreateOutcome {
    if (!this.users.get(userId)) return { ok: false, reason: 'user-missing' };
    if (!this.organizations.get(orgId)) return { ok: false, reason: 'org-missing' };
    const existing = this.memberships.find(userId, orgId);
    if (existing) return { ok: false, reason: 'duplicate', existing };
    return { ok: true, membership: this.memberships.add(userId, orgId, makeDefault) };
  }

  /** Test convenience: like tryCreateMembership but throws RecordInvalidError. */
  createMembership(userId: number, orgId: number, options: { default?: boolean } = {}): MembershipRecord {
    const outcome = this.tryCreateMembership(userId, orgId, options.default === true);
    if (outcome.ok) return outcome.membership;
    throw new RecordInvalidError(createFailureDetails(outcome, userId, orgId));
  }

  /** Deletes a membership; the user's working tickets in that organization lose it (ticketStore.ts). */
  deleteMembership(id: number): boolean {
    const removed = this.memberships.remove(id);
    if (removed) this.tickets.unassign(removed.user_id, removed.organization_id);
    return removed !== undefined;
  }

  makeDefault(id: number): MembershipRecord | undefined {
    const record = this.memberships.get(id);
    if (record) this.memberships.setDefault(record);
    return record;
  }

  private resolve(ids: readonly number[]): MembershipRecord[] {
    return ids.map((id) => this.memberships.get(id)).filter((m): m is MembershipRecord => m !== undefined);
  }
}

/** The 422 `details` for a failed create; `texts` words the duplicate (standard wording without). */
export function createFailureDetails(
  outcome: Exclude<CreateOutcome, { ok: true }>,
  userId: number,
  orgId: number,
  texts?: Texts,
): Record<string, Array<{ description?: string; error: string }>> {
  switch (outcome.reason) {
    case 'user-missing':
      return { user: [{ description: 'User cannot be blank', error: 'BlankValue' }] };
    case 'org-missing':
      return { organization: [{ description: 'Organization cannot be blank', error: 'BlankValue' }] };
    case 'duplicate': {
      // unverified: the notes found no source for the key or text of this duplicate error.
      const description = texts ? texts.alreadyMember(userId, orgId) : `User ${userId} is already a member of organization ${orgId}`;
      return { user_id: [{ ...(description === undefined ? {} : { description }), error: 'DuplicateValue' }] };
    }
  }
}
