// The rows of the People view as data: users found (or pinned) with their memberships as children,
// and the account-wide "All memberships" list. Their membership rows carry what a command acting on
// a membership needs (`MembershipRow`), so the Organizations view's actions work on them as they
// are. No `vscode` import.
import * as l10n from '@vscode/l10n';
import type { OrganizationMembership, PageCursor, User } from '../zendesk';
import { isMembershipNode, type MembershipNode, type TreeAccount } from './nodes';
import { type LoadedPage, PagedChildren } from './pagedChildren';

/** What every membership action reads from a row (MembershipNode has it too). */
export interface MembershipRow {
  readonly origin: string;
  readonly membership: OrganizationMembership;
  readonly userName: string;
  readonly organizationName: string;
  readonly member: { id: number; name: string };
}

export type PeopleParent = PersonNode | AllMembershipsNode;
export type PeopleNode = PeopleAccountNode | PersonNode | AllMembershipsNode | PersonMembershipNode | PeopleMoreNode | PeopleHintNode;

export type MembershipPageLoader = (parent: PeopleParent, cursor: PageCursor | undefined) => Promise<LoadedPage<PersonMembershipNode>>;

export class PeopleAccountNode {
  readonly kind = 'peopleAccount';
  readonly parent = undefined;
  constructor(readonly account: TreeAccount) {}
  get id(): string { return `people:${this.account.origin}`; }
  get origin(): string { return this.account.origin; }
}

/** A user found with Find User…, pinned at the top; its children are its memberships, default first (Zendesk's order). */
export class PersonNode {
  readonly kind = 'person';
  readonly memberships: PagedChildren<PersonMembershipNode>;
  constructor(readonly origin: string, public user: User, readonly parent: PeopleAccountNode | undefined, load: MembershipPageLoader, now: () => number) {
    this.memberships = new PagedChildren((cursor) => load(this, cursor), (node) => node.id, now);
  }
  get id(): string { return `people:${this.origin}/u/${this.user.id}`; }
}

/** Every membership of the account, a cursor page at a time, with names sideloaded. */
export class AllMembershipsNode {
  readonly kind = 'allMemberships';
  readonly memberships: PagedChildren<PersonMembershipNode>;
  constructor(readonly origin: string, readonly parent: PeopleAccountNode | undefined, load: MembershipPageLoader, now: () => number) {
    this.memberships = new PagedChildren((cursor) => load(this, cursor), (node) => node.id, now);
  }
  get id(): string { return `people:${this.origin}/all`; }
}

export class PersonMembershipNode implements MembershipRow {
  readonly kind = 'personMembership';
  constructor(
    readonly parent: PeopleParent,
    public membership: OrganizationMembership,
    public userName: string,
    public organizationName: string,
  ) {}
  get id(): string { return `${this.parent.id}/m/${this.membership.id}`; }
  get origin(): string { return this.parent.origin; }
  get isDefault(): boolean { return this.membership.default === true; }
  get member(): { id: number; name: string } { return { id: this.membership.user_id, name: this.userName }; }
}

/** What ends a level: "Load more…" (a cursor), a failure to retry, or nothing there. */
export class PeopleMoreNode {
  readonly kind = 'peopleMore';
  constructor(
    readonly parent: PeopleParent,
    readonly ending: 'more' | 'error' | 'empty' | 'limit',
    readonly cursor?: PageCursor,
    readonly problem?: unknown,
  ) {}
  get id(): string { return `${this.parent.id}/${this.ending}`; }
  get origin(): string { return this.parent.origin; }
}

/** Shown while nobody is pinned: how to find someone. */
export class PeopleHintNode {
  readonly kind = 'peopleHint';
  constructor(readonly origin: string, readonly parent: PeopleAccountNode | undefined) {}
  get id(): string { return `people:${this.origin}/hint`; }
}

/** A level's rows, then what ends it. */
export function peopleLevel(parent: PeopleParent, cache: PagedChildren<PersonMembershipNode>): PeopleNode[] {
  const rows: PeopleNode[] = [...cache.items];
  if (cache.error !== undefined) {
    rows.push(new PeopleMoreNode(parent, 'error', undefined, cache.error));
  } else if (cache.limitReached) {
    rows.push(new PeopleMoreNode(parent, 'limit', undefined, cache.limitReached));
  } else if (cache.nextCursor !== undefined) {
    rows.push(new PeopleMoreNode(parent, 'more', cache.nextCursor));
  } else if (rows.length === 0) {
    rows.push(new PeopleMoreNode(parent, 'empty'));
  }
  return rows;
}

/** The label of a membership row of "All memberships": who, in which organization. */
export function accountMembershipLabel(row: PersonMembershipNode): string {
  return l10n.t('{0} → {1}', row.userName, row.organizationName);
}

export function isPersonMembershipNode(value: unknown): value is PersonMembershipNode {
  return value instanceof PersonMembershipNode;
}

/** A membership row of either view: what the membership actions take. */
export function isMembershipRow(value: unknown): value is MembershipNode | PersonMembershipNode {
  return isMembershipNode(value) || isPersonMembershipNode(value);
}

export function isPersonNode(value: unknown): value is PersonNode {
  return value instanceof PersonNode;
}

export function isAllMembershipsOrPerson(value: unknown): value is PeopleParent {
  return value instanceof PersonNode || value instanceof AllMembershipsNode;
}

export function isPeopleMoreNode(value: unknown): value is PeopleMoreNode {
  return value instanceof PeopleMoreNode;
}

export function isPeopleNode(value: unknown): value is PeopleNode {
  return value instanceof PeopleAccountNode || value instanceof PersonNode || value instanceof AllMembershipsNode
    || value instanceof PersonMembershipNode || value instanceof PeopleMoreNode || value instanceof PeopleHintNode;
}
