import type { Organization, PageCursor } from '../zendesk';
import { AccountNode, type MembershipNode, type MembershipSource, OrganizationNode, type TreeAccount } from './nodes';
import { type LoadedPage, PagedChildren } from './pagedChildren';
import { UserDirectory } from './userDirectory';

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

  constructor(
    readonly account: TreeAccount,
    /** The account's row when several accounts are shown; otherwise its organizations are the roots. */
    readonly parentRow: (state: AccountState) => AccountNode | undefined,
    loadOrganizations: (state: AccountState, cursor: PageCursor | undefined) => Promise<LoadedPage<OrganizationNode>>,
    private readonly members: MembershipSource,
  ) {
    this.node = new AccountNode(account);
    this.organizations = new PagedChildren((cursor) => loadOrganizations(this, cursor), (node) => node.id, () => members.now());
  }

  get origin(): string {
    return this.account.origin;
  }

  get pinned(): readonly OrganizationNode[] {
    return this.pinnedRows;
  }

  /** A row for `organization`: the one loaded if given and still under the same parent, or a new one. */
  organizationRow(organization: Organization, pinned: boolean, existing?: OrganizationNode): OrganizationNode {
    const parent = this.parentRow(this);
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
