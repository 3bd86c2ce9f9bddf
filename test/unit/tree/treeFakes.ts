// A Zendesk account in memory for the tree model's unit tests: organizations, users and
// memberships, paged like Zendesk, with every call counted.
import { MembershipNode, OrganizationNode, type ParentNode, type TreeAccount, type TreeNode } from '../../../src/tree/nodes';
import { type AccountDirectory, type OrganizationsClient, OrganizationsModel } from '../../../src/tree/organizationsModel';
import { LOAD_MORE_COOLDOWN_MS } from '../../../src/tree/pagedChildren';
import type { Organization, OrganizationMembership, PageCursor, User } from '../../../src/zendesk';

/** A Zendesk account in memory: organizations, users and memberships, paged like Zendesk, with every call counted. */
export class FakeZendesk implements OrganizationsClient {
  organizations: Organization[] = [];
  users = new Map<number, User>();
  memberships: OrganizationMembership[] = [];
  readonly calls: string[] = [];
  failNext = false;
  /** Organizations whose related counts fail. */
  readonly failRelated = new Set<number>();
  /** Filter and count requests wait for this (a test holds them to see them in flight). */
  gate: Promise<void> = Promise.resolve();
  readonly signals: Array<AbortSignal | undefined> = [];
  relatedPeak = 0;
  private relatedInFlight = 0;
  private nextMembershipId = 1;

  addOrganizations(count: number): void {
    const start = this.organizations.length;
    for (let index = start + 1; index <= start + count; index++) {
      this.organizations.push({ id: index, name: `Org ${String(index).padStart(3, '0')}` } as Organization);
    }
  }

  join(userId: number, organizationId: number, isDefault = false): OrganizationMembership {
    if (!this.users.has(userId)) {
      this.users.set(userId, { id: userId, name: `User ${userId}`, email: `u${userId}@example.com` } as User);
    }
    const membership = { id: this.nextMembershipId++, user_id: userId, organization_id: organizationId, default: isDefault ? true : null } as OrganizationMembership;
    this.memberships.push(membership);
    return membership;
  }

  listOrganizations() {
    return { page: (cursor: PageCursor | undefined, options: { pageSize: number }) => this.page('organizations', this.organizations, cursor, options.pageSize) };
  }

  listOrganizationMemberships(params: { organizationId: number }) {
    const members = () => this.memberships.filter((membership) => membership.organization_id === params.organizationId);
    return { page: (cursor: PageCursor | undefined, options: { pageSize: number }) => this.page(`memberships of ${params.organizationId}`, members(), cursor, options.pageSize) };
  }

  async showManyOrganizations({ ids }: { ids: number[] }): Promise<Organization[]> {
    this.calls.push(`show_many organizations ${ids.length}`);
    return this.organizations.filter((organization) => ids.includes(organization.id));
  }

  async showManyUsers(ids: readonly number[]): Promise<User[]> {
    this.calls.push(`show_many users ${ids.length}`);
    return ids.flatMap((id) => this.users.get(id) ?? []);
  }

  /** As Zendesk answers where the list ignores include=users: the page, then show_many for the users not known. */
  async organizationMembersPage(request: { organizationId: number; cursor?: PageCursor; pageSize?: number; knownUser?: (id: number) => boolean }) {
    const page = await this.listOrganizationMemberships({ organizationId: request.organizationId }).page(request.cursor, { pageSize: request.pageSize ?? 100 });
    const missing = [...new Set(page.items.map((membership) => membership.user_id))].filter((id) => !request.knownUser?.(id));
    return { page, users: missing.length > 0 ? await this.showManyUsers(missing) : [] };
  }

  /** Names starting with the text, ignoring case (organizations/autocomplete). */
  autocompleteOrganizations(name: string) {
    const matching = () => this.organizations.filter((organization) => organization.name.toLowerCase().startsWith(name.toLowerCase()));
    return {
      page: (cursor: PageCursor | undefined, options: { pageSize: number; signal?: AbortSignal }) => {
        this.signals.push(options.signal);
        return this.gate.then(() => {
          options.signal?.throwIfAborted();
          return this.page(`autocomplete ${name}`, matching(), cursor, options.pageSize);
        });
      },
    };
  }

  async showOrganizationRelated(id: number, options: { signal?: AbortSignal }): Promise<{ users_count: number }> {
    this.calls.push(`related ${id}`);
    this.relatedInFlight++;
    this.relatedPeak = Math.max(this.relatedPeak, this.relatedInFlight);
    try {
      await this.gate;
      options.signal?.throwIfAborted();
      if (this.failRelated.has(id)) {
        throw new Error('Zendesk did not answer');
      }
      return { users_count: this.memberships.filter((membership) => membership.organization_id === id).length };
    } finally {
      this.relatedInFlight--;
    }
  }

  private async page<T>(what: string, all: T[], cursor: PageCursor | undefined, size: number) {
    this.calls.push(`list ${what}${cursor ? ` after ${cursor}` : ''}`);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('Zendesk did not answer');
    }
    const start = cursor === undefined ? 0 : Number(cursor);
    const next = start + size < all.length ? String(start + size) as PageCursor : undefined;
    return { items: all.slice(start, start + size), nextCursor: next };
  }
}

export class FakeAccounts implements AccountDirectory {
  private listeners: Array<() => unknown> = [];
  constructor(public accounts: TreeAccount[]) {}
  list(): readonly TreeAccount[] { return this.accounts; }
  onDidChange(listener: () => unknown) {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((other) => other !== listener); } };
  }
  set(accounts: TreeAccount[]): void {
    this.accounts = accounts;
    this.listeners.forEach((listener) => listener());
  }
}

export const ACME = 'https://acme.zendesk.com';
export const BETA = 'https://beta.zendesk.com';
export const account = (origin: string): TreeAccount => ({ origin, userName: 'Admin', email: 'admin@example.com', role: 'admin' });

export function setUp(options: { pageSize?: number } = {}) {
  const zendesk = new Map([[ACME, new FakeZendesk()], [BETA, new FakeZendesk()]]);
  const accounts = new FakeAccounts([account(ACME)]);
  let clock = 1_000_000;
  const loads: number[] = [];
  const model = new OrganizationsModel({
    accounts,
    clientFor: async (origin) => zendesk.get(origin)!,
    pageSize: () => options.pageSize ?? 10,
    now: () => clock,
    whileLoading: (work) => { loads.push(1); return work; },
  });
  const changes: Array<ParentNode | undefined> = [];
  model.onDidChange((node) => changes.push(node));
  return {
    model, accounts, changes, loads,
    acme: zendesk.get(ACME)!, beta: zendesk.get(BETA)!,
    tick: () => { clock += LOAD_MORE_COOLDOWN_MS; },
  };
}

export const organizationsOf = (rows: TreeNode[]) => rows.filter((row): row is OrganizationNode => row instanceof OrganizationNode);
export const membersOf = (rows: TreeNode[]) => rows.filter((row): row is MembershipNode => row instanceof MembershipNode);
export const names = (rows: TreeNode[]) => rows.map((row) => (row instanceof OrganizationNode ? row.organization.name : row instanceof MembershipNode ? row.userLabel : row.kind));

