// What the People view shows, without the view: per account, the users found with Find User…
// (each with its memberships, default first, as Zendesk lists them per user) and "All memberships"
// (the account-wide list, cursor-paged, names sideloaded). It hears the changes commands report to
// the organizations model, so both views stay true after an action in either. No `vscode` import.
import * as l10n from '@vscode/l10n';
import type { Organization, OrganizationMembership, PageCursor, User } from '../zendesk';
import type { MembershipReport } from './changeReports';
import type { AccountDirectory } from './organizationsModel';
import type { LoadedPage } from './pagedChildren';
import {
  AllMembershipsNode, PeopleAccountNode, PeopleHintNode, type PeopleMoreNode, type PeopleNode, type PeopleParent, PersonMembershipNode, PersonNode, peopleLevel,
} from './peopleNodes';

interface MembershipPage {
  items: OrganizationMembership[];
  nextCursor?: PageCursor;
  limitReached?: Error;
  included: { users?: User[]; organizations?: Organization[] };
}

/** The Zendesk call the People view makes (a ZendeskClient has it). */
export interface PeopleClient {
  listOrganizationMemberships(params: { userId?: number; include?: Array<'users' | 'organizations'> }): {
    page(cursor: PageCursor | undefined, options: { pageSize: number }): Promise<MembershipPage>;
  };
}

export interface PeopleModelOptions {
  accounts: AccountDirectory;
  clientFor(origin: string): Promise<PeopleClient>;
  pageSize(): number;
  now?(): number;
}

interface PeopleState {
  node: PeopleAccountNode;
  people: PersonNode[];
  all: AllMembershipsNode;
}

export class PeopleModel {
  private readonly states = new Map<string, PeopleState>();
  private readonly listeners = new Set<(node: PeopleNode | undefined) => void>();
  private readonly subscription: { dispose(): unknown };
  private readonly now: () => number;

  constructor(private readonly options: PeopleModelOptions) {
    this.now = options.now ?? Date.now;
    let accountCount = options.accounts.list().length;
    this.subscription = options.accounts.onDidChange(() => {
      const accounts = options.accounts.list();
      const origins = new Set(accounts.map((account) => account.origin));
      // Rows move under (or out of) account rows when a second account comes or goes: start afresh.
      const reshaped = (accountCount > 1) !== (accounts.length > 1);
      accountCount = accounts.length;
      [...this.states.keys()].filter((origin) => reshaped || !origins.has(origin)).forEach((origin) => this.states.delete(origin));
      this.changed(undefined);
    });
  }

  onDidChange(listener: (node: PeopleNode | undefined) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  async children(node?: PeopleNode): Promise<PeopleNode[]> {
    if (!node) {
      const accounts = this.options.accounts.list();
      return accounts.length === 1 ? this.accountRows(accounts[0].origin) : accounts.map((account) => this.state(account.origin).node);
    }
    switch (node.kind) {
      case 'peopleAccount': return this.accountRows(node.origin);
      case 'person':
      case 'allMemberships':
        await node.memberships.ensureLoaded();
        return peopleLevel(node, node.memberships);
      default: return [];
    }
  }

  /** Pins a user at the top of their account's rows (or finds the row there is), to reveal and expand it. */
  pin(origin: string, user: User): PersonNode {
    const state = this.state(origin);
    const existing = state.people.find((person) => person.user.id === user.id);
    if (existing) {
      existing.user = user;
      return existing;
    }
    const person = new PersonNode(origin, user, this.parentRow(state), (parent, cursor) => this.loadMemberships(parent, cursor), this.now);
    state.people = [person, ...state.people];
    this.changed(this.parentRow(state));
    return person;
  }

  unpin(person: PersonNode): void {
    const state = this.states.get(person.origin);
    if (state) {
      state.people = state.people.filter((candidate) => candidate !== person);
      this.changed(this.parentRow(state));
    }
  }

  /** "Load more…", or a retry after a failure. */
  async loadMore(node: PeopleMoreNode): Promise<void> {
    const cache = node.parent.memberships;
    await (node.ending === 'error' ? cache.retry() : cache.loadMore(node.cursor));
    this.changed(node.parent);
  }

  /** Reloads one user's memberships, the account-wide list, or everything (loaded pages are re-walked). */
  refresh(node?: PersonNode | AllMembershipsNode): void {
    const parents = node ? [node] : [...this.states.values()].flatMap((state) => [...state.people, state.all]);
    parents.forEach((parent) => parent.memberships.invalidate());
    this.changed(node);
  }

  /** A change a command reported (in either view): the rows it concerns follow. */
  apply(report: MembershipReport): void {
    const state = this.states.get(report.origin);
    if (!state) {
      return;
    }
    const parents: PeopleParent[] = [...state.people, state.all];
    const touched = new Set<PeopleParent>();
    for (const parent of parents) {
      for (const row of parent.memberships.items) {
        if (report.kind === 'removed' && row.membership.user_id === report.removed.userId
          && (report.removed.membershipId === undefined || row.membership.id === report.removed.membershipId)
          && (report.removed.organizationId === undefined || row.membership.organization_id === report.removed.organizationId)) {
          parent.memberships.remove(row.id);
          touched.add(parent);
        } else if (report.kind === 'defaultMoved' && row.membership.user_id === report.userId) {
          const isDefault = row.membership.organization_id === report.organizationId ? true : null;
          if (row.membership.default !== isDefault) {
            row.membership = { ...row.membership, default: isDefault };
            touched.add(parent);
          }
        } else if (report.kind === 'organizationsChanged' && report.organizationIds.includes(row.membership.organization_id)) {
          parent.memberships.invalidate();
          touched.add(parent);
        }
      }
      if (report.kind === 'added' && parent.kind === 'person' && parent.user.id === report.membership.user_id && parent.memberships.pagesLoaded > 0) {
        parent.memberships.invalidate(); // where Zendesk puts it in the user's order is its business
        touched.add(parent);
      }
    }
    touched.forEach((parent) => this.changed(parent));
  }

  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
  }

  private accountRows(origin: string): PeopleNode[] {
    const state = this.state(origin);
    const parent = this.parentRow(state);
    return [...state.people.length > 0 ? state.people : [new PeopleHintNode(origin, parent)], state.all];
  }

  private parentRow(state: PeopleState): PeopleAccountNode | undefined {
    return this.options.accounts.list().length > 1 ? state.node : undefined;
  }

  private state(origin: string): PeopleState {
    let state = this.states.get(origin);
    if (!state) {
      const account = this.options.accounts.list().find((candidate) => candidate.origin === origin) ?? { origin, userName: '', email: '', role: '' };
      const node = new PeopleAccountNode(account);
      const parent = this.options.accounts.list().length > 1 ? node : undefined;
      state = { node, people: [], all: new AllMembershipsNode(origin, parent, (owner, cursor) => this.loadMemberships(owner, cursor), this.now) };
      this.states.set(origin, state);
    }
    return state;
  }

  private async loadMemberships(parent: PeopleParent, cursor: PageCursor | undefined): Promise<LoadedPage<PersonMembershipNode>> {
    const client = await this.options.clientFor(parent.origin);
    const params = parent.kind === 'person' ? { userId: parent.user.id } : { include: ['users', 'organizations'] as Array<'users' | 'organizations'> };
    const page = await client.listOrganizationMemberships(params).page(cursor, { pageSize: this.options.pageSize() });
    const users = new Map((page.included.users ?? []).map((user) => [user.id, user.name]));
    const organizations = new Map((page.included.organizations ?? []).map((organization) => [organization.id, organization.name]));
    const items = page.items.map((membership) => new PersonMembershipNode(
      parent,
      membership,
      parent.kind === 'person' ? parent.user.name : users.get(membership.user_id) ?? l10n.t('User {0}', membership.user_id),
      membership.organization_name ?? organizations.get(membership.organization_id) ?? l10n.t('Organization {0}', membership.organization_id),
    ));
    return { items, nextCursor: page.nextCursor, limitReached: page.limitReached };
  }

  private changed(node: PeopleNode | undefined): void {
    this.listeners.forEach((listener) => listener(node));
  }
}
