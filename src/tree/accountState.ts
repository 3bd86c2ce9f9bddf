import { inBatches } from '../zendesk';
import type { Organization, OrganizationMembership, PageCursor, User, ZendeskError } from '../zendesk';
import { AccountNode, MembershipNode, OrganizationNode, type TreeAccount } from './nodes';
import { type LoadedPage, PagedChildren } from './pagedChildren';
import { UserDirectory } from './userDirectory';

interface PageOf<T> {
  items: T[];
  nextCursor?: PageCursor;
  limitReached?: ZendeskError;
}

interface Listing<T> {
  page(cursor: PageCursor | undefined, options: { pageSize: number }): Promise<PageOf<T>>;
}

/** The Zendesk calls the tree makes (a ZendeskClient has them). */
export interface OrganizationsClient {
  listOrganizations(): Listing<Organization>;
  listOrganizationMemberships(params: { organizationId: number }): Listing<OrganizationMembership>;
  showManyOrganizations(keys: { ids: number[] }): Promise<Organization[]>;
  /** A page of members with their users: one round trip where Zendesk sideloads them (src/zendesk/memberPages.ts). */
  organizationMembersPage(request: {
    organizationId: number; cursor?: PageCursor; pageSize?: number; knownUser?: (id: number) => boolean;
  }): Promise<{ page: PageOf<OrganizationMembership>; users: User[] }>;
}

/** What an account's state needs from outside: its client, the page size, the clock, and the shape of the roots. */
export interface AccountSource {
  client(): Promise<OrganizationsClient>;
  pageSize(): number;
  now(): number;
  /** Several accounts are shown, each under its own row (otherwise one account's organizations are the roots). */
  showsAccountRows(): boolean;
}

/**
 * Everything the tree knows about one signed-in account: its organizations (a page at a time),
 * the organizations pinned by Go to Organization, the users' names, and two indexes — rows by
 * organization id and membership rows by user id — so that a change report goes straight to the
 * rows it concerns instead of scanning every cache.
 */
export class AccountState {
  readonly node: AccountNode;
  readonly users = new UserDirectory();
  readonly organizations: PagedChildren<OrganizationNode>;
  private pinnedRows: OrganizationNode[] = [];
  /** Pinned rows are not part of any listing; a refresh re-reads them on the next render. */
  pinnedStale = false;
  private readonly rowsByOrganization = new Map<number, OrganizationNode[]>();
  private readonly membersByUser = new Map<number, Set<MembershipNode>>();
  /** The membership rows each organization row has in `membersByUser`. */
  private readonly indexedMembers = new Map<OrganizationNode, readonly MembershipNode[]>();
  private readonly members = {
    loadMembers: (row: OrganizationNode, cursor: PageCursor | undefined) => this.loadMembers(row, cursor),
    now: () => this.source.now(),
  };

  constructor(readonly account: TreeAccount, private readonly source: AccountSource) {
    this.node = new AccountNode(account);
    this.organizations = new PagedChildren((cursor) => this.loadOrganizations(cursor), (node) => node.id, () => source.now());
  }

  get origin(): string {
    return this.account.origin;
  }

  /** The row organizations hang under: the account's, when several accounts are shown. */
  get parentRow(): AccountNode | undefined {
    return this.source.showsAccountRows() ? this.node : undefined;
  }

  get pinned(): readonly OrganizationNode[] {
    return this.pinnedRows;
  }

  /** A row for `organization`: the one loaded if given and still under the same parent, or a new one. */
  organizationRow(organization: Organization, pinned: boolean, existing?: OrganizationNode): OrganizationNode {
    const parent = this.parentRow;
    if (existing && existing.parent === parent) {
      existing.organization = organization; // same object keeps reveal() and expansion working
      return existing;
    }
    return new OrganizationNode(this.origin, organization, parent, pinned, this.members);
  }

  pin(row: OrganizationNode): void {
    this.pinnedRows = [row, ...this.pinnedRows];
    this.indexOrganizations();
  }

  unpin(predicate: (row: OrganizationNode) => boolean): void {
    this.pinnedRows = this.pinnedRows.filter((row) => !predicate(row));
    this.indexOrganizations();
  }

  /** Every row (pinned or listed) of an organization. */
  rowsOf(organizationId: number): readonly OrganizationNode[] {
    return this.rowsByOrganization.get(organizationId) ?? [];
  }

  /** Every loaded membership row of a user, in whichever organizations are loaded. */
  membershipRowsOf(userId: number): readonly MembershipNode[] {
    return [...this.membersByUser.get(userId) ?? []];
  }

  /** Every organization row, pinned first. */
  allOrganizationRows(): OrganizationNode[] {
    return [...this.pinnedRows, ...this.organizations.items];
  }

  /** After the organization rows changed (a page, a reload, a pin): rebuild their index. */
  indexOrganizations(): void {
    this.rowsByOrganization.clear();
    const rows = this.allOrganizationRows();
    for (const row of rows) {
      this.rowsByOrganization.set(row.organization.id, [...this.rowsOf(row.organization.id), row]);
    }
    // Rows that left (unpinned, or no longer listed) take their membership rows out of the index.
    const present = new Set(rows);
    for (const row of [...this.indexedMembers.keys()]) {
      if (!present.has(row)) {
        this.unindexMembers(row);
      }
    }
  }

  /** After an organization's membership rows changed: bring the user index up to date. */
  indexMembers(row: OrganizationNode): void {
    this.unindexMembers(row);
    const items = [...row.members.items];
    for (const member of items) {
      const rows = this.membersByUser.get(member.membership.user_id) ?? new Set<MembershipNode>();
      rows.add(member);
      this.membersByUser.set(member.membership.user_id, rows);
    }
    this.indexedMembers.set(row, items);
  }

  /** Pinned organizations as Zendesk has them now; those deleted meanwhile are unpinned. */
  async rereadPinned(): Promise<void> {
    if (!this.pinnedStale || this.pinnedRows.length === 0) {
      this.pinnedStale = false;
      return;
    }
    this.pinnedStale = false;
    const pinned = [...this.pinnedRows];
    try {
      const client = await this.source.client();
      const current = new Map<number, Organization>();
      for (const ids of inBatches(pinned.map((row) => row.organization.id))) {
        (await client.showManyOrganizations({ ids })).forEach((organization) => current.set(organization.id, organization));
      }
      for (const row of pinned) {
        row.organization = current.get(row.organization.id) ?? row.organization;
      }
      this.unpin((row) => pinned.includes(row) && !current.has(row.organization.id));
    } catch {
      // Pinned rows keep what they showed (a failed read changes nothing); the next render tries again.
      this.pinnedStale = true;
    }
  }

  private async loadOrganizations(cursor: PageCursor | undefined): Promise<LoadedPage<OrganizationNode>> {
    const client = await this.source.client();
    const page = await client.listOrganizations().page(cursor, { pageSize: this.source.pageSize() });
    const existing = new Map(this.organizations.items.map((row) => [row.organization.id, row]));
    const items = page.items.map((organization) => this.organizationRow(organization, false, existing.get(organization.id)));
    return { items, nextCursor: page.nextCursor, limitReached: page.limitReached };
  }

  private async loadMembers(row: OrganizationNode, cursor: PageCursor | undefined): Promise<LoadedPage<MembershipNode>> {
    const client = await this.source.client();
    const { page, users } = await client.organizationMembersPage({
      organizationId: row.organization.id, cursor, pageSize: this.source.pageSize(), knownUser: (id) => this.users.get(id) !== undefined,
    });
    users.forEach((user) => this.users.put(user));
    const existing = new Map(row.members.items.map((member) => [member.membership.id, member]));
    const items = page.items.map((membership) => {
      const member = existing.get(membership.id);
      if (member) {
        member.membership = membership;
        member.user = this.users.get(membership.user_id);
        return member;
      }
      return new MembershipNode(row, membership, this.users.get(membership.user_id));
    });
    return { items, nextCursor: page.nextCursor, limitReached: page.limitReached };
  }

  private unindexMembers(row: OrganizationNode): void {
    for (const member of this.indexedMembers.get(row) ?? []) {
      const rows = this.membersByUser.get(member.membership.user_id);
      rows?.delete(member);
      if (rows?.size === 0) {
        this.membersByUser.delete(member.membership.user_id);
      }
    }
    this.indexedMembers.delete(row);
  }
}
