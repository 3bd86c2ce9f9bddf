import type { Organization, OrganizationMembership, User } from '../zendesk';
import { AccountState, type OrganizationsClient } from './accountState';
import { type LoadMoreNode, MembershipNode, type MessageNode, type OrganizationNode, type ParentNode, type TreeAccount, type TreeNode, levelRows } from './nodes';
import type { PagedChildren } from './pagedChildren';

export type { OrganizationsClient } from './accountState';

/** The signed-in accounts, as Auth lists them. */
export interface AccountDirectory {
  list(): readonly TreeAccount[];
  onDidChange(listener: () => unknown): { dispose(): unknown };
}

export interface OrganizationsModelOptions {
  accounts: AccountDirectory;
  clientFor(origin: string): Promise<OrganizationsClient>;
  /** Records per page (the `zendesk.pageSize` setting). */
  pageSize(): number;
  /** The clock of the "Load more…" double-click cooldown. */
  now?(): number;
  /** Wraps a load someone waits for, only while a request is really under way (the view's progress bar). */
  whileLoading?<T>(work: Promise<T>): Promise<T>;
}

/** Which members a removal concerns: always a user; a membership id or an organization narrows it. */
export interface RemovedMembership {
  userId: number;
  membershipId?: number;
  organizationId?: number;
}

type ChangeListener = (node: ParentNode | undefined) => void;

/**
 * What the Organizations view shows, without the view: accounts (when more than one), their
 * organizations and each organization's memberships, every level loaded a page at a time and
 * owned by its parent row. Commands report what they changed (`membershipAdded`, …) and the model
 * says which rows to re-render; `undefined` means the whole view. No `vscode` import.
 */
export class OrganizationsModel {
  private readonly states = new Map<string, AccountState>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly subscription: { dispose(): unknown };
  private readonly now: () => number;

  constructor(private readonly options: OrganizationsModelOptions) {
    this.now = options.now ?? Date.now;
    let accountCount = options.accounts.list().length;
    this.subscription = options.accounts.onDidChange(() => {
      const accounts = options.accounts.list();
      const rootsChangeShape = (accountCount > 1) !== (accounts.length > 1);
      accountCount = accounts.length;
      for (const origin of [...this.states.keys()]) {
        // Rows move under (or out of) account rows when a second account comes or goes.
        if (rootsChangeShape || !accounts.some((account) => account.origin === origin)) {
          this.states.delete(origin);
        }
      }
      this.changed(undefined);
    });
  }

  onDidChange(listener: ChangeListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The rows under `node`, or the roots; loads the first page (or re-walks a refreshed one) when needed. */
  async children(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      const accounts = this.options.accounts.list();
      if (accounts.length === 0) {
        return []; // the signed-out welcome view shows instead
      }
      if (accounts.length > 1) {
        return accounts.map((account) => this.state(account).node);
      }
      return this.organizationRows(this.state(accounts[0]));
    }
    if (node.kind === 'account') {
      return this.organizationRows(this.state(node.account));
    }
    if (node.kind === 'organization') {
      return this.membershipRows(node);
    }
    return [];
  }

  // ── loading ────────────────────────────────────────────────────────────────────────────

  async loadMore(node: LoadMoreNode): Promise<void> {
    await this.reload(node, (cache) => cache.loadMore(node.cursor));
  }

  async retry(node: MessageNode): Promise<void> {
    await this.reload(node, (cache) => cache.retry());
  }

  /**
   * Refreshes one node's children, or everything; loaded pages are re-walked, not dropped.
   * The names shown are read again too: an organization's members, or every user and pinned row.
   */
  refresh(node?: ParentNode): void {
    if (node) {
      const state = this.states.get(node.origin);
      if (node.kind === 'organization') {
        state?.users.forget(node.members.items.map((row) => row.membership.user_id));
        node.members.invalidate();
      } else if (state) {
        state.pinnedStale = true;
        state.organizations.invalidate();
      }
      this.changed(node);
      return;
    }
    for (const state of this.states.values()) {
      state.users.forget();
      state.pinnedStale = true;
      state.organizations.invalidate();
      state.allOrganizationRows().forEach((row) => row.members.invalidate());
    }
    this.changed(undefined);
  }

  /** A node the view showed no longer exists in Zendesk: reload its parent. */
  vanished(node: TreeNode): void {
    this.refresh(node.parent);
  }

  // ── what commands report ───────────────────────────────────────────────────────────────

  membershipAdded(origin: string, membership: OrganizationMembership, user?: User): void {
    const state = this.states.get(origin);
    if (!state) {
      return;
    }
    if (user) {
      state.users.put(user);
    }
    for (const row of state.rowsOf(membership.organization_id)) {
      if (row.members.pagesLoaded > 0) {
        row.members.upsert(new MembershipNode(row, membership, state.users.get(membership.user_id)));
        state.indexMembers(row);
        this.changed(row);
      }
    }
    if (membership.default === true) {
      this.defaultMoved(origin, membership.user_id, membership.organization_id);
    }
  }

  membershipRemoved(origin: string, removed: RemovedMembership): void {
    const state = this.states.get(origin);
    if (!state) {
      return;
    }
    const touched = new Set<OrganizationNode>();
    for (const row of state.membershipRowsOf(removed.userId)) {
      if ((removed.membershipId === undefined || row.membership.id === removed.membershipId)
        && (removed.organizationId === undefined || row.membership.organization_id === removed.organizationId)) {
        row.parent.members.remove(row.id);
        touched.add(row.parent);
      }
    }
    for (const organization of touched) {
      state.indexMembers(organization);
      this.changed(organization);
    }
  }

  /** The user's default organization is now `organizationId`; every other membership of theirs is not. */
  defaultMoved(origin: string, userId: number, organizationId: number): void {
    const touched = new Set<OrganizationNode>();
    for (const row of this.states.get(origin)?.membershipRowsOf(userId) ?? []) {
      const isDefault = row.membership.organization_id === organizationId ? true : null;
      if (row.membership.default !== isDefault) {
        row.membership = { ...row.membership, default: isDefault };
        touched.add(row.parent);
      }
    }
    touched.forEach((organization) => this.changed(organization));
  }

  /** These organizations changed (a bulk operation finished): reload the members of those that are loaded. */
  refreshOrganizations(origin: string, organizationIds: readonly number[]): void {
    const state = this.states.get(origin);
    for (const organizationId of new Set(organizationIds)) {
      for (const row of state?.rowsOf(organizationId) ?? []) {
        if (row.members.pagesLoaded > 0 || row.members.loading || row.members.error !== undefined) {
          row.members.invalidate();
          this.changed(row);
        }
      }
    }
  }

  // ── finding and pinning organizations ──────────────────────────────────────────────────

  /** A loaded (or pinned) row for the organization, or a new pinned row at the top. */
  revealTarget(origin: string, organization: Organization): OrganizationNode | undefined {
    const account = this.options.accounts.list().find((candidate) => candidate.origin === origin);
    const state = this.states.get(origin) ?? (account && this.state(account));
    if (!state) {
      return undefined;
    }
    const existing = state.rowsOf(organization.id)[0];
    if (existing) {
      return existing;
    }
    const pinned = state.organizationRow(organization, true);
    state.pin(pinned);
    this.changed(pinned.parent);
    return pinned;
  }

  unpin(node: OrganizationNode): void {
    const state = this.states.get(node.origin);
    if (state) {
      state.unpin((row) => row.id === node.id);
      this.changed(node.parent);
    }
  }

  /** Membership rows currently loaded for an organization (for pickers and tests). */
  loadedMemberships(origin: string, organizationId: number): MembershipNode[] {
    return (this.states.get(origin)?.rowsOf(organizationId) ?? []).flatMap((row) => row.members.items);
  }

  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────

  private changed(node: ParentNode | undefined): void {
    this.listeners.forEach((listener) => listener(node));
  }

  /** A "Load more…" or retry click: one more page (or the failed one again) of the row's parent. */
  private async reload(node: LoadMoreNode | MessageNode, load: (cache: Pick<PagedChildren<unknown>, 'loadMore' | 'retry'>) => Promise<void>): Promise<void> {
    const state = this.states.get(node.origin);
    if (!state) {
      return;
    }
    const parent = node.parent;
    const cache = parent?.kind === 'organization' ? parent.members : state.organizations;
    await this.waitingFor(load(cache), cache);
    if (parent?.kind === 'organization') {
      state.indexMembers(parent);
    } else {
      state.indexOrganizations();
    }
    this.changed(parent);
  }

  private async organizationRows(state: AccountState): Promise<TreeNode[]> {
    const cache = state.organizations;
    await this.waitingFor(Promise.all([cache.ensureLoaded(), state.rereadPinned()]), cache);
    state.indexOrganizations();
    return [...state.pinned, ...levelRows(state.origin, state.parentRow, cache)];
  }

  private async membershipRows(row: OrganizationNode): Promise<TreeNode[]> {
    const state = this.states.get(row.origin);
    if (!state) {
      return [];
    }
    await this.waitingFor(row.members.ensureLoaded(), row.members);
    state.indexMembers(row);
    return levelRows(row.origin, row, row.members);
  }

  private waitingFor<T>(work: Promise<T>, cache: { loading: boolean }): Promise<T> {
    return cache.loading && this.options.whileLoading ? this.options.whileLoading(work) : work;
  }

  private state(account: TreeAccount): AccountState {
    let state = this.states.get(account.origin);
    if (!state) {
      state = new AccountState(account, {
        client: () => this.options.clientFor(account.origin),
        pageSize: () => this.options.pageSize(),
        now: () => this.now(),
        showsAccountRows: () => this.options.accounts.list().length > 1,
      });
      this.states.set(account.origin, state);
    }
    return state;
  }
}
