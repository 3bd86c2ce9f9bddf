// The rows of the Organizations view as data: accounts, organizations, memberships, "Load more…"
// and message rows. Each parent row owns the cache of its children (an organization its
// memberships, as Azure's AzExtParentTreeItem and the AWS Toolkit's ChildNodeLoader do). How a
// row looks in VS Code is treeItems.ts's business. No `vscode` import: unit-tested in plain Node.
import * as l10n from '@vscode/l10n';
import type { Organization, OrganizationMembership, PageCursor, User } from '../zendesk';
import { type LoadedPage, PagedChildren } from './pagedChildren';

/** What the tree shows of a signed-in account (the accounts Auth lists have this shape). */
export interface TreeAccount {
  readonly origin: string;
  readonly userName: string;
  readonly email: string;
  readonly role: string;
}

/** The nodes that have children loaded page by page. */
export type ParentNode = AccountNode | OrganizationNode;
export type TreeNode = AccountNode | OrganizationNode | MembershipNode | LoadMoreNode | MessageNode | FilterNode;

/** Where an organization's membership pages come from, the clock of the "Load more…" cooldown, and member counts. */
export interface MembershipSource {
  loadMembers(organization: OrganizationNode, cursor: PageCursor | undefined): Promise<LoadedPage<MembershipNode>>;
  now(): number;
  /** Zendesk's users_count for the organization, once fetched (memberCounts.ts). */
  memberCount(organizationId: number): number | undefined;
}

// Ids are stable across refreshes (VS Code keeps expansion by id) and unique across accounts.
export class AccountNode {
  readonly kind = 'account';
  readonly parent = undefined;
  constructor(readonly account: TreeAccount) {}
  get id(): string { return `zendesk:${this.account.origin}`; }
  get origin(): string { return this.account.origin; }
}

export class OrganizationNode {
  readonly kind = 'organization';
  /** This organization's membership rows, a page at a time. */
  readonly members: PagedChildren<MembershipNode>;
  /** Members found by Find Member… whose page is not loaded: shown first, until a page brings them. */
  pinnedMembers: MembershipNode[] = [];

  constructor(
    readonly origin: string,
    public organization: Organization,
    readonly parent: AccountNode | undefined,
    readonly pinned: boolean,
    private readonly source: MembershipSource,
  ) {
    this.members = new PagedChildren((cursor) => source.loadMembers(this, cursor), (node) => node.id, () => source.now());
  }

  /** Zendesk's users_count, once fetched; undefined until then, or when it could not be had. */
  get memberCount(): number | undefined {
    return this.source.memberCount(this.organization.id);
  }

  get id(): string {
    return `zendesk:${this.origin}/${this.pinned ? 'pinned' : 'org'}/${this.organization.id}`;
  }
}

export class MembershipNode {
  readonly kind = 'membership';
  constructor(
    readonly parent: OrganizationNode,
    public membership: OrganizationMembership,
    public user: User | undefined,
    /** Found by Find Member… and pinned under its organization, not part of a loaded page. */
    readonly pinned = false,
  ) {}

  get id(): string { return `${this.parent.id}/${this.pinned ? 'pm' : 'm'}/${this.membership.id}`; }
  get origin(): string { return this.parent.origin; }
  get isDefault(): boolean { return this.membership.default === true; }
  get userLabel(): string { return this.user?.name ?? l10n.t('User {0}', this.membership.user_id); }
  /** What a command acting on this row says: the member's and the organization's names. */
  get userName(): string { return this.userLabel; }
  get organizationName(): string { return this.parent.organization.name; }
  /** The member, for commands that act on a user. */
  get member(): { id: number; name: string } { return { id: this.membership.user_id, name: this.userLabel }; }
}

/** The last row while more pages exist; it remembers which page it stands for. */
export class LoadMoreNode {
  readonly kind = 'loadMore';
  constructor(readonly origin: string, readonly parent: ParentNode | undefined, readonly cursor: PageCursor) {}
  get id(): string { return `${this.parent?.id ?? `zendesk:${this.origin}`}/load-more`; }
}

export type MessageKind = 'empty' | 'error' | 'limit';

/** An informational row: an empty list, a failure with a retry, or Zendesk's paging limit. */
export class MessageNode {
  readonly kind = 'message';
  constructor(
    readonly origin: string,
    readonly parent: ParentNode | undefined,
    readonly messageKind: MessageKind,
    /** The failure (error rows) or the limit Zendesk reported (limit rows). */
    readonly problem?: unknown,
    /** Error rows: rows were loaded before the page that failed. */
    readonly afterRows = false,
  ) {}
  get id(): string { return `${this.parent?.id ?? `zendesk:${this.origin}`}/${this.messageKind}`; }
}

/**
 * The first row while the account's organizations are filtered by name (Filter…): it says by
 * what, and clicking it (or its ✕) clears the filter. `matches` is false once Zendesk answered
 * that no organization's name starts with the text.
 */
export class FilterNode {
  readonly kind = 'filter';
  constructor(readonly origin: string, readonly parent: AccountNode | undefined, readonly text: string, readonly matches: boolean) {}
  get id(): string { return `${this.parent?.id ?? `zendesk:${this.origin}`}/filter`; }
}

/** A level's rows, then what ends it: an error with a retry, Zendesk's limit, "Load more…", or "empty". */
export function levelRows<T extends TreeNode>(origin: string, parent: ParentNode | undefined, cache: PagedChildren<T>): TreeNode[] {
  const rows: TreeNode[] = [...cache.items];
  if (cache.error !== undefined) {
    rows.push(new MessageNode(origin, parent, 'error', cache.error, cache.items.length > 0));
  } else if (cache.limitReached) {
    rows.push(new MessageNode(origin, parent, 'limit', cache.limitReached));
  } else if (cache.nextCursor !== undefined) {
    rows.push(new LoadMoreNode(origin, parent, cache.nextCursor));
  } else if (rows.length === 0) {
    rows.push(new MessageNode(origin, parent, 'empty'));
  }
  return rows;
}

// Guards for what VS Code hands a command (a clicked row, or anything else from a keybinding or
// another extension): commands check instead of casting.

export function isOrganizationNode(value: unknown): value is OrganizationNode {
  return value instanceof OrganizationNode;
}

export function isMembershipNode(value: unknown): value is MembershipNode {
  return value instanceof MembershipNode;
}

export function isAccountNode(value: unknown): value is AccountNode {
  return value instanceof AccountNode;
}

export function isLoadMoreNode(value: unknown): value is LoadMoreNode {
  return value instanceof LoadMoreNode;
}

export function isMessageNode(value: unknown): value is MessageNode {
  return value instanceof MessageNode;
}

export function isFilterNode(value: unknown): value is FilterNode {
  return value instanceof FilterNode;
}

export function isParentNode(value: unknown): value is ParentNode {
  return isAccountNode(value) || isOrganizationNode(value);
}

export function isTreeNode(value: unknown): value is TreeNode {
  return isParentNode(value) || isMembershipNode(value) || isLoadMoreNode(value) || isMessageNode(value) || isFilterNode(value);
}
