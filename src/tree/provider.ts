import * as vscode from 'vscode';
import type { Account, AccountStore } from '../auth/accounts';
import type { ZendeskClients } from '../auth/clients';
import { MAX_PAGE_SIZE } from '../zendesk';
import type { Organization, OrganizationMembership, PageCursor, User } from '../zendesk';
import { describeLoadError } from './loadErrors';
import { AccountNode, LoadMoreNode, MembershipNode, MessageNode, OrganizationNode, ParentNode, TreeNode } from './nodes';
import { PagedChildren } from './pagedChildren';
import { UserDirectory } from './userDirectory';

export const ORGANIZATIONS_VIEW = 'zendesk.organizations';

/** Everything the tree knows about one signed-in account. */
class AccountState {
  readonly node: AccountNode;
  readonly users = new UserDirectory();
  pinned: OrganizationNode[] = [];
  /** Pinned rows are not part of any listing; a refresh re-reads them on the next render. */
  pinnedStale = false;
  readonly memberships = new Map<string, PagedChildren<MembershipNode>>();
  readonly organizations: PagedChildren<OrganizationNode>;

  constructor(
    readonly account: Account,
    load: (cursor: PageCursor | undefined) => Promise<{ items: OrganizationNode[]; nextCursor?: PageCursor; limitReached?: Error }>,
    now: () => number,
  ) {
    this.node = new AccountNode(account);
    this.organizations = new PagedChildren(load, (node) => node.id, now);
  }
}

/**
 * The Organizations view: accounts (when more than one), their organizations and each
 * organization's memberships, every level loaded one page at a time. Commands report what
 * they changed through the `…Changed`/`…Added`/`…Removed` methods, and only the affected
 * rows are re-rendered.
 */
export class OrganizationsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  /** A node's children changed; `undefined` (a single account's root rows) means the whole view. */
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly states = new Map<string, AccountState>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The clock of the "Load more…" double-click cooldown; tests replace it to step past it. */
  now: () => number = Date.now;

  constructor(
    private readonly accounts: AccountStore,
    private readonly clients: ZendeskClients,
    private readonly pageSize: () => number,
  ) {
    let accountCount = accounts.list().length;
    this.subscriptions.push(accounts.onDidChange(() => {
      const count = accounts.list().length;
      const rootsChangeShape = (accountCount > 1) !== (count > 1);
      accountCount = count;
      for (const origin of [...this.states.keys()]) {
        // Rows move under (or out of) account nodes when a second account comes or goes.
        if (rootsChangeShape || !accounts.get(origin)) {
          this.states.delete(origin);
        }
      }
      this.changed.fire(undefined);
    }));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      const accounts = this.accounts.list();
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
    const cache = this.cacheOf(node.origin, node.parent);
    if (cache) {
      await this.withViewProgress(cache.loadMore(node.cursor), cache);
      this.changed.fire(node.parent);
    }
  }

  async retry(node: MessageNode): Promise<void> {
    const cache = this.cacheOf(node.origin, node.parent);
    if (cache) {
      await this.withViewProgress(cache.retry(), cache);
      this.changed.fire(node.parent);
    }
  }

  /**
   * Refreshes one node's children, or everything; loaded pages are re-walked, not dropped.
   * The names shown are read again too: an organization's members, or every user and pinned row.
   */
  refresh(node?: ParentNode): void {
    if (node) {
      const state = this.states.get(node.origin);
      const cache = this.cacheOf(node.origin, node);
      if (node.kind === 'organization') {
        state?.users.forget((cache as PagedChildren<MembershipNode> | undefined)?.items.map((row) => row.membership.user_id) ?? []);
      } else if (state) {
        state.pinnedStale = true;
      }
      cache?.invalidate();
      this.changed.fire(node);
      return;
    }
    for (const state of this.states.values()) {
      state.users.forget();
      state.pinnedStale = true;
      state.organizations.invalidate();
      state.memberships.forEach((cache) => cache.invalidate());
    }
    this.changed.fire(undefined);
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
    for (const orgNode of this.organizationNodes(state, membership.organization_id)) {
      const cache = state.memberships.get(orgNode.id);
      if (cache && cache.pagesLoaded > 0) {
        cache.upsert(new MembershipNode(orgNode, membership, state.users.get(membership.user_id)));
        this.changed.fire(orgNode);
      }
    }
    if (membership.default === true) {
      this.defaultMoved(origin, membership.user_id, membership.organization_id);
    }
  }

  membershipRemoved(origin: string, match: { membershipId?: number; userId?: number; organizationId?: number }): void {
    const state = this.states.get(origin);
    if (!state) {
      return;
    }
    this.forEachMembershipCache(state, (orgNode, cache) => {
      const removed = cache.items.filter((node) => matches(node.membership, match));
      removed.forEach((node) => cache.remove(node.id));
      if (removed.length > 0) {
        this.changed.fire(orgNode);
      }
    });
  }

  /** The user's default organization is now `organizationId`; every other membership of theirs is not. */
  defaultMoved(origin: string, userId: number, organizationId: number): void {
    const state = this.states.get(origin);
    if (!state) {
      return;
    }
    this.forEachMembershipCache(state, (orgNode, cache) => {
      let touched = false;
      for (const node of cache.items) {
        if (node.membership.user_id !== userId) {
          continue;
        }
        const isDefault = node.membership.organization_id === organizationId ? true : null;
        if (node.membership.default !== isDefault) {
          node.membership = { ...node.membership, default: isDefault };
          touched = true;
        }
      }
      if (touched) {
        this.changed.fire(orgNode);
      }
    });
  }

  /** A bulk operation changed these organizations: reload the members of those that are loaded. */
  refreshOrganizations(origin: string, organizationIds: readonly number[]): void {
    const state = this.states.get(origin);
    if (!state) {
      return;
    }
    const wanted = new Set(organizationIds);
    this.forEachMembershipCache(state, (orgNode, cache) => {
      if (wanted.has(orgNode.organization.id)) {
        cache.invalidate();
        this.changed.fire(orgNode);
      }
    });
  }

  /** A node the view showed no longer exists in Zendesk: reload its parent. */
  vanished(node: TreeNode): void {
    this.refresh(node.parent);
  }

  // ── finding and pinning organizations ──────────────────────────────────────────────────

  /** A loaded (or pinned) row for the organization, or a new pinned row at the top. */
  revealTarget(origin: string, organization: Organization): OrganizationNode | undefined {
    const state = this.states.get(origin) ?? this.stateFor(origin);
    if (!state) {
      return undefined;
    }
    const existing = this.organizationNodes(state, organization.id)[0];
    if (existing) {
      return existing;
    }
    const pinned = new OrganizationNode(origin, organization, this.accounts.list().length > 1 ? state.node : undefined, true);
    state.pinned = [pinned, ...state.pinned];
    this.changed.fire(pinned.parent);
    return pinned;
  }

  unpin(node: OrganizationNode): void {
    const state = this.states.get(node.origin);
    if (state) {
      state.pinned = state.pinned.filter((pinned) => pinned.id !== node.id);
      state.memberships.delete(node.id);
      this.changed.fire(node.parent);
    }
  }

  /** Membership rows currently loaded for an organization (for pickers and tests). */
  loadedMemberships(origin: string, organizationId: number): MembershipNode[] {
    const state = this.states.get(origin);
    if (!state) {
      return [];
    }
    return this.organizationNodes(state, organizationId).flatMap((node) => state.memberships.get(node.id)?.items ?? []);
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────

  private async organizationRows(state: AccountState): Promise<TreeNode[]> {
    const cache = state.organizations;
    await this.withViewProgress(Promise.all([cache.ensureLoaded(), this.rereadPinned(state)]), cache);
    const parent = this.accounts.list().length > 1 ? state.node : undefined;
    const rows = this.rowsOf(state.account.origin, parent, cache, vscode.l10n.t('No organizations'), vscode.l10n.t("Couldn't load organizations — click to retry"));
    return [...state.pinned, ...rows];
  }

  private async membershipRows(orgNode: OrganizationNode): Promise<TreeNode[]> {
    const state = this.states.get(orgNode.origin);
    if (!state) {
      return [];
    }
    let cache = state.memberships.get(orgNode.id);
    if (!cache) {
      cache = new PagedChildren((cursor) => this.loadMemberships(state, orgNode, cursor), (node) => node.id, () => this.now());
      state.memberships.set(orgNode.id, cache);
    }
    await this.withViewProgress(cache.ensureLoaded(), cache);
    return this.rowsOf(orgNode.origin, orgNode, cache, vscode.l10n.t('No members'), vscode.l10n.t("Couldn't load memberships — click to retry"));
  }

  private rowsOf<T extends TreeNode>(origin: string, parent: ParentNode | undefined, cache: PagedChildren<T>, emptyText: string, errorText: string): TreeNode[] {
    const rows: TreeNode[] = [...cache.items];
    if (cache.error !== undefined) {
      const text = cache.items.length > 0 ? vscode.l10n.t("Couldn't load more — click to retry") : errorText;
      rows.push(new MessageNode(origin, parent, 'error', text, describeLoadError(cache.error)));
    } else if (cache.limitReached) {
      rows.push(new MessageNode(origin, parent, 'limit', vscode.l10n.t('Zendesk lists no further (offset paging stops at 10,000)'), cache.limitReached.message));
    } else if (cache.nextCursor !== undefined) {
      rows.push(new LoadMoreNode(origin, parent, cache.nextCursor));
    } else if (rows.length === 0) {
      rows.push(new MessageNode(origin, parent, 'empty', emptyText));
    }
    return rows;
  }

  private state(account: Account): AccountState {
    let state = this.states.get(account.origin);
    if (!state) {
      const created: AccountState = new AccountState(account, (cursor) => this.loadOrganizations(created, cursor), () => this.now());
      state = created;
      this.states.set(account.origin, state);
    }
    return state;
  }

  private stateFor(origin: string): AccountState | undefined {
    const account = this.accounts.get(origin);
    return account ? this.state(account) : undefined;
  }

  private async loadOrganizations(state: AccountState, cursor: PageCursor | undefined) {
    const client = await this.clients.for(state.account.origin);
    const page = await client.listOrganizations().page(cursor, { pageSize: this.pageSize() });
    const parent = this.accounts.list().length > 1 ? state.node : undefined;
    const existing = new Map(state.organizations.items.map((node) => [node.organization.id, node]));
    const items = page.items.map((organization) => {
      const node = existing.get(organization.id);
      if (node && node.parent === parent) {
        node.organization = organization; // same object keeps reveal() and expansion working
        return node;
      }
      return new OrganizationNode(state.account.origin, organization, parent, false);
    });
    return { items, nextCursor: page.nextCursor, limitReached: page.limitReached };
  }

  /** Pinned organizations as Zendesk has them now; those deleted meanwhile are unpinned. */
  private async rereadPinned(state: AccountState): Promise<void> {
    if (!state.pinnedStale || state.pinned.length === 0) {
      state.pinnedStale = false;
      return;
    }
    state.pinnedStale = false;
    const pinned = state.pinned;
    try {
      const client = await this.clients.for(state.account.origin);
      const current = new Map<number, Organization>();
      for (let start = 0; start < pinned.length; start += MAX_PAGE_SIZE) {
        const ids = pinned.slice(start, start + MAX_PAGE_SIZE).map((node) => node.organization.id);
        (await client.showManyOrganizations({ ids })).forEach((organization) => current.set(organization.id, organization));
      }
      for (const node of pinned) {
        node.organization = current.get(node.organization.id) ?? node.organization;
      }
      state.pinned = state.pinned.filter((node) => !pinned.includes(node) || current.has(node.organization.id));
    } catch {
      // Pinned rows keep what they showed (a failed read changes nothing); the next render tries again.
      state.pinnedStale = true;
    }
  }

  private async loadMemberships(state: AccountState, orgNode: OrganizationNode, cursor: PageCursor | undefined) {
    const client = await this.clients.for(state.account.origin);
    const { page, users } = await client.organizationMembersPage({
      organizationId: orgNode.organization.id, cursor, pageSize: this.pageSize(), knownUser: (id) => state.users.get(id) !== undefined,
    });
    users.forEach((user) => state.users.put(user));
    const existing = new Map((state.memberships.get(orgNode.id)?.items ?? []).map((node) => [node.membership.id, node]));
    const items = page.items.map((membership) => {
      const node = existing.get(membership.id);
      if (node) {
        node.membership = membership;
        node.user = state.users.get(membership.user_id);
        return node;
      }
      return new MembershipNode(orgNode, membership, state.users.get(membership.user_id));
    });
    return { items, nextCursor: page.nextCursor, limitReached: page.limitReached };
  }

  private cacheOf(origin: string, parent: ParentNode | undefined): PagedChildren<TreeNode> | undefined {
    const state = this.states.get(origin);
    if (!state) {
      return undefined;
    }
    const cache = !parent || parent.kind === 'account' ? state.organizations : state.memberships.get(parent.id);
    return cache as PagedChildren<TreeNode> | undefined;
  }

  private organizationNodes(state: AccountState, organizationId: number): OrganizationNode[] {
    return [...state.pinned, ...state.organizations.items].filter((node) => node.organization.id === organizationId);
  }

  private forEachMembershipCache(state: AccountState, visit: (orgNode: OrganizationNode, cache: PagedChildren<MembershipNode>) => void): void {
    for (const orgNode of [...state.pinned, ...state.organizations.items]) {
      const cache = state.memberships.get(orgNode.id);
      if (cache) {
        visit(orgNode, cache);
      }
    }
  }

  private async withViewProgress<T>(work: Promise<T>, cache: { loading: boolean }): Promise<T> {
    if (!cache.loading) {
      return work;
    }
    return vscode.window.withProgress({ location: { viewId: ORGANIZATIONS_VIEW } }, () => work);
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.changed.dispose();
  }
}

function matches(membership: OrganizationMembership, match: { membershipId?: number; userId?: number; organizationId?: number }): boolean {
  return (match.membershipId === undefined || membership.id === match.membershipId)
    && (match.userId === undefined || membership.user_id === match.userId)
    && (match.organizationId === undefined || membership.organization_id === match.organizationId);
}
