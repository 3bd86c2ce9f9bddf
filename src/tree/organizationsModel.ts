import type { Organization, OrganizationMembership, User } from '../zendesk';
import { AccountState, type OrganizationsClient } from './accountState';
import { type MembershipReport, type RemovedMembership, addMembership, moveDefault, removeMemberships } from './changeReports';
import type { LoadMoreNode, MembershipNode, MessageNode, OrganizationNode, ParentNode, TreeAccount, TreeNode } from './nodes';
import type { PagedChildren } from './pagedChildren';
import { ListedRows } from './listedRows';
import { membershipRows, organizationRows } from './treeRows';

export type { OrganizationsClient } from './accountState';
export type { MembershipReport, RemovedMembership } from './changeReports';

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
  private readonly reportListeners = new Set<(report: MembershipReport) => void>();
  readonly listedRows = new ListedRows(); // a command reveals a new row once the view has it
  private readonly subscription: { dispose(): unknown };
  private readonly now: () => number;
  /** The view is visible: rows it shows get their member counts (memberCounts.ts). */
  private countsWanted = false;

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
          this.states.get(origin)?.dispose();
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

  /** Every change a command reports, after this model applied it. */
  onDidReport(listener: (report: MembershipReport) => void): { dispose(): void } {
    this.reportListeners.add(listener);
    return { dispose: () => this.reportListeners.delete(listener) };
  }

  /** The view came into sight (or went): counts are fetched only for rows shown while it is visible. */
  setCountsWanted(visible: boolean): void {
    this.countsWanted = visible;
    this.states.forEach((state) => state.countShown());
  }

  /** Shows only the account's organizations whose name starts with `text`; empty text shows all. The request for the text before is aborted. */
  setFilter(origin: string, text: string): void {
    const state = this.stateOf(origin);
    if (state && (state.filter?.text ?? '') !== text.trim()) {
      state.setFilter(text);
      this.changed(state.parentRow);
    }
  }

  /** The text the account's organizations are filtered by, if they are. */
  filterOf(origin: string): string | undefined {
    return this.states.get(origin)?.filter?.text;
  }

  /** The rows under `node`, or the roots; loads the first page (or re-walks a refreshed one) when needed. */
  async children(node?: TreeNode): Promise<TreeNode[]> {
    return this.listedRows.add(await this.rowsUnder(node));
  }

  private async rowsUnder(node: TreeNode | undefined): Promise<TreeNode[]> {
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

  /** A member found by Find Member…: its row under the organization row, pinned there if its page is not loaded. */
  memberRow(row: OrganizationNode, membership: OrganizationMembership, user: User | undefined): MembershipNode | undefined {
    const found = this.states.get(row.origin)?.memberRow(row, membership, user);
    this.changed(row); // a pinned row is new; a listed one re-renders harmlessly
    return found;
  }

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
      this.states.get(node.origin)?.invalidate(node.kind === 'organization' ? node : undefined);
      this.states.get(node.origin)?.countShown(); // the parent level is not re-listed
    } else {
      this.states.forEach((state) => state.invalidateEverything());
    }
    this.changed(node);
  }

  /** A node the view showed no longer exists in Zendesk: reload its parent. */
  vanished(node: TreeNode): void {
    this.refresh(node.parent);
  }

  // ── what commands report ───────────────────────────────────────────────────────────────

  membershipAdded(origin: string, membership: OrganizationMembership, user?: User): void {
    const state = this.states.get(origin);
    if (state) {
      addMembership(state, membership, user).forEach((row) => this.changed(row));
      if (membership.default === true) {
        this.defaultMoved(origin, membership.user_id, membership.organization_id);
      }
    }
    this.report({ kind: 'added', origin, membership });
  }

  membershipRemoved(origin: string, removed: RemovedMembership): void {
    const state = this.states.get(origin);
    if (state) {
      removeMemberships(state, removed).forEach((row) => this.changed(row));
    }
    this.report({ kind: 'removed', origin, removed });
  }

  /** The user's default organization is now `organizationId`; every other membership of theirs is not. */
  defaultMoved(origin: string, userId: number, organizationId: number): void {
    const state = this.states.get(origin);
    if (state) {
      moveDefault(state, userId, organizationId).forEach((row) => this.changed(row));
    }
    this.report({ kind: 'defaultMoved', origin, userId, organizationId });
  }

  /** These organizations changed (a bulk operation finished): reload the members of those that are loaded, and their counts. */
  refreshOrganizations(origin: string, organizationIds: readonly number[]): void {
    const state = this.states.get(origin);
    state?.counts.refresh(organizationIds);
    for (const organizationId of new Set(organizationIds)) {
      for (const row of state?.rowsOf(organizationId) ?? []) {
        if (row.members.pagesLoaded > 0 || row.members.loading || row.members.error !== undefined) {
          row.members.invalidate();
          this.changed(row);
        }
      }
    }
    state?.countShown();
    this.report({ kind: 'organizationsChanged', origin, organizationIds });
  }

  // ── finding and pinning organizations ──────────────────────────────────────────────────

  /** A loaded (or pinned) row for the organization, or a new pinned row at the top. */
  revealTarget(origin: string, organization: Organization): OrganizationNode | undefined {
    const state = this.stateOf(origin);
    if (!state) {
      return undefined;
    }
    if (state.filter && !state.filter.results.items.some((row) => row.organization.id === organization.id)) {
      state.setFilter(''); // the filter hides it: show everything again, with the row pinned on top
      this.changed(state.parentRow);
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

  /** Membership rows currently loaded for an organization (for tests). */
  loadedMemberships(origin: string, organizationId: number): MembershipNode[] {
    return (this.states.get(origin)?.rowsOf(organizationId) ?? []).flatMap((row) => row.members.items);
  }

  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
    this.reportListeners.clear();
    this.states.forEach((state) => state.dispose());
  }

  private changed(node: ParentNode | undefined): void {
    this.listeners.forEach((listener) => listener(node));
  }

  private report(report: MembershipReport): void {
    this.reportListeners.forEach((listener) => listener(report));
  }

  /** A "Load more…" or retry click: one more page (or the failed one again) of the row's parent. */
  private async reload(node: LoadMoreNode | MessageNode, load: (cache: Pick<PagedChildren<unknown>, 'loadMore' | 'retry'>) => Promise<void>): Promise<void> {
    const state = this.states.get(node.origin);
    if (!state) return;
    const parent = node.parent;
    const cache = parent?.kind === 'organization' ? parent.members : state.filter?.results ?? state.organizations;
    await this.waitingFor(load(cache), cache);
    if (parent?.kind === 'organization') state.indexMembers(parent);
    else state.indexOrganizations();
    this.changed(parent);
  }

  private async organizationRows(state: AccountState): Promise<TreeNode[]> {
    const rows = await organizationRows(state, (work, cache) => this.waitingFor(work, cache));
    state.shown(rows.filter((row): row is OrganizationNode => row.kind === 'organization'));
    return rows;
  }

  private async membershipRows(row: OrganizationNode): Promise<TreeNode[]> {
    const state = this.states.get(row.origin);
    return state ? membershipRows(state, row, (work, cache) => this.waitingFor(work, cache)) : [];
  }

  private waitingFor<T>(work: Promise<T>, cache: { loading: boolean }): Promise<T> {
    return cache.loading && this.options.whileLoading ? this.options.whileLoading(work) : work;
  }

  /** The state of a signed-in account, made if the view has not shown it yet. */
  private stateOf(origin: string): AccountState | undefined {
    const account = this.options.accounts.list().find((candidate) => candidate.origin === origin);
    return this.states.get(origin) ?? (account && this.state(account));
  }

  private state(account: TreeAccount): AccountState {
    let state = this.states.get(account.origin);
    if (!state) {
      state = new AccountState(account, {
        client: () => this.options.clientFor(account.origin),
        pageSize: () => this.options.pageSize(),
        now: () => this.now(),
        showsAccountRows: () => this.options.accounts.list().length > 1,
        counting: () => this.countsWanted,
        countArrived: (owner, organizationId) => owner.rowsOf(organizationId).forEach((row) => this.changed(row)),
      });
      this.states.set(account.origin, state);
    }
    return state;
  }
}
