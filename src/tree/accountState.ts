import { inBatches } from '../zendesk';
import type { Organization, OrganizationMembership, PageCursor, User, ZendeskError } from '../zendesk';
import { MemberCounts } from './memberCounts';
import { AccountNode, MembershipNode, OrganizationNode, type TreeAccount } from './nodes';
import { OrganizationFilter } from './organizationFilter';
import { type LoadedPage, PagedChildren } from './pagedChildren';
import { UserDirectory } from './userDirectory';

interface PageOf<T> {
  items: T[];
  nextCursor?: PageCursor;
  limitReached?: ZendeskError;
}

interface Listing<T> {
  page(cursor: PageCursor | undefined, options: { pageSize: number; signal?: AbortSignal }): Promise<PageOf<T>>;
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
  /** Organizations whose name starts with the text (the filter). */
  autocompleteOrganizations(name: string): Listing<Organization>;
  /** users_count of one organization (the member counts). */
  showOrganizationRelated(id: number, options: { signal?: AbortSignal }): Promise<{ users_count: number }>;
}

/** What an account's state needs from outside: its client, the page size, the clock, and the shape of the roots. */
export interface AccountSource {
  client(): Promise<OrganizationsClient>;
  pageSize(): number;
  now(): number;
  /** Several accounts are shown, each under its own row (otherwise one account's organizations are the roots). */
  showsAccountRows(): boolean;
  /** The view is visible: the rows it shows get their member counts. */
  counting(): boolean;
  /** An organization's member count arrived. */
  countArrived(state: AccountState, organizationId: number, count: number): void;
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
  readonly counts: MemberCounts;
  /** Set while the view shows only the organizations whose name starts with a text. */
  filter?: OrganizationFilter;
  private pinnedRows: OrganizationNode[] = [];
  /** The organization rows the view showed last, counted when it comes into sight. */
  private shownRows: readonly OrganizationNode[] = [];
  /** Pinned rows are not part of any listing; a refresh re-reads them on the next render. */
  pinnedStale = false;
  private readonly rowsByOrganization = new Map<number, OrganizationNode[]>();
  private readonly membersByUser = new Map<number, Set<MembershipNode>>();
  /** The membership rows each organization row has in `membersByUser`. */
  private readonly indexedMembers = new Map<OrganizationNode, readonly MembershipNode[]>();
  private readonly members = {
    loadMembers: (row: OrganizationNode, cursor: PageCursor | undefined) => this.loadMembers(row, cursor),
    now: () => this.source.now(),
    memberCount: (organizationId: number) => this.counts.get(organizationId),
  };

  constructor(readonly account: TreeAccount, private readonly source: AccountSource) {
    this.node = new AccountNode(account);
    this.organizations = new PagedChildren((cursor) => this.loadOrganizations(cursor), (node) => node.id, () => source.now());
    this.counts = new MemberCounts(
      async (organizationId, signal) => (await (await source.client()).showOrganizationRelated(organizationId, { signal })).users_count,
      (organizationId, count) => source.countArrived(this, organizationId, count),
    );
  }

  /** A refresh of one organization row (its members, their names, its count) or of the account's organizations. */
  invalidate(row?: OrganizationNode): void {
    if (row) {
      this.users.forget(row.members.items.map((member) => member.membership.user_id));
      this.counts.refresh([row.organization.id]);
      row.members.invalidate();
      return;
    }
    this.pinnedStale = true;
    this.counts.refresh();
    this.organizations.invalidate();
    this.filter?.results.invalidate();
  }

  /** A refresh of the whole view: every level, every name, every count. */
  invalidateEverything(): void {
    this.invalidate();
    this.users.forget();
    this.allOrganizationRows().forEach((row) => row.members.invalidate());
  }

  /** The view showed these rows: their member counts are asked for (while it is visible). */
  shown(rows: readonly OrganizationNode[]): void {
    this.shownRows = rows;
    this.countShown();
  }

  /** Asks for the counts of the rows shown last that have none since their refresh, if the view is visible. */
  countShown(): void {
    if (this.source.counting()) {
      this.counts.want(this.shownRows.map((row) => row.organization.id));
    }
  }

  dispose(): void {
    this.counts.dispose();
    this.filter?.cancel();
  }

  /** Shows only the organizations whose name starts with `text` (trimmed); empty text shows all again. */
  setFilter(text: string): void {
    this.filter?.cancel();
    const trimmed = text.trim();
    this.filter = trimmed === '' ? undefined : new OrganizationFilter(trimmed, (name, cursor, signal) => this.loadFiltered(name, cursor, signal), () => this.source.now());
    this.indexOrganizations();
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

  /** Every organization row (pinned, filtered, listed), each once. */
  allOrganizationRows(): OrganizationNode[] {
    return [...new Set([...this.pinnedRows, ...this.filter?.results.items ?? [], ...this.organizations.items])];
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
    // A pinned member a loaded page now brings is shown there instead.
    const loaded = new Set(row.members.items.map((member) => member.membership.id));
    row.pinnedMembers = row.pinnedMembers.filter((member) => !loaded.has(member.membership.id));
    const items = [...row.pinnedMembers, ...row.members.items];
    for (const member of items) {
      const rows = this.membersByUser.get(member.membership.user_id) ?? new Set<MembershipNode>();
      rows.add(member);
      this.membersByUser.set(member.membership.user_id, rows);
    }
    this.indexedMembers.set(row, items);
  }

  /** A found member's row under `row`: the loaded (or already pinned) one, or a new row pinned first. */
  memberRow(row: OrganizationNode, membership: OrganizationMembership, user: User | undefined): MembershipNode {
    if (user) {
      this.users.put(user);
    }
    const listed = [...row.members.items, ...row.pinnedMembers].find((member) => member.membership.id === membership.id);
    if (listed) {
      return listed;
    }
    const pinned = new MembershipNode(row, membership, user ?? this.users.get(membership.user_id), true);
    row.pinnedMembers = [pinned, ...row.pinnedMembers];
    this.indexMembers(row);
    return pinned;
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

  /** A page of the filter's matches; rows already listed are reused, so their members and counts carry over. */
  private async loadFiltered(name: string, cursor: PageCursor | undefined, signal: AbortSignal): Promise<LoadedPage<OrganizationNode>> {
    const client = await this.source.client();
    const page = await client.autocompleteOrganizations(name).page(cursor, { pageSize: this.source.pageSize(), signal });
    const existing = new Map([...this.organizations.items, ...this.filter?.results.items ?? []].map((row) => [row.organization.id, row]));
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
