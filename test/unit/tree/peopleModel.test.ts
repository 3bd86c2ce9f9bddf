import assert from 'node:assert/strict';
import { PeopleModel, type PeopleClient } from '../../../src/tree/peopleModel';
import { AllMembershipsNode, PeopleHintNode, PeopleMoreNode, PersonMembershipNode, PersonNode, isMembershipRow } from '../../../src/tree/peopleNodes';
import type { Organization, OrganizationMembership, PageCursor, User } from '../../../src/zendesk';
import { ACME, FakeAccounts, account } from './treeFakes';

/** Memberships in memory, listed per user (default first) or account-wide with sideloads, paged. */
class FakeMemberships implements PeopleClient {
  readonly calls: string[] = [];
  constructor(readonly memberships: OrganizationMembership[], readonly users: User[], readonly organizations: Organization[]) {}

  listOrganizationMemberships(params: { userId?: number; include?: Array<'users' | 'organizations'> }) {
    return {
      page: async (cursor: PageCursor | undefined, options: { pageSize: number }) => {
        this.calls.push(params.userId ? `user ${params.userId}${cursor ? ` after ${cursor}` : ''}` : `all ${params.include?.join(',')}${cursor ? ` after ${cursor}` : ''}`);
        const all = params.userId
          ? this.memberships.filter((m) => m.user_id === params.userId).sort((a, b) => Number(b.default === true) - Number(a.default === true))
          : this.memberships;
        const start = cursor === undefined ? 0 : Number(cursor);
        const items = all.slice(start, start + options.pageSize);
        const included = params.include ? { users: this.users, organizations: this.organizations } : {};
        return { items, nextCursor: start + options.pageSize < all.length ? String(start + options.pageSize) as PageCursor : undefined, included };
      },
    };
  }
}

function setUp() {
  const organizations = [1, 2, 3].map((id) => ({ id, name: `Org ${id}` }) as Organization);
  const users = [7, 8].map((id) => ({ id, name: `User ${id}` }) as User);
  const memberships = [
    { id: 71, user_id: 7, organization_id: 1, default: null, organization_name: 'Org 1' },
    { id: 72, user_id: 7, organization_id: 2, default: true, organization_name: 'Org 2' },
    { id: 81, user_id: 8, organization_id: 3, default: true, organization_name: 'Org 3' },
  ] as OrganizationMembership[];
  const zendesk = new FakeMemberships(memberships, users, organizations);
  let clock = 0;
  // Every reading of the clock is a second later: no click falls within the "Load more…" cooldown.
  const model = new PeopleModel({ accounts: new FakeAccounts([account(ACME)]), clientFor: async () => zendesk, pageSize: () => 2, now: () => (clock += 1000) });
  const changes: unknown[] = [];
  model.onDidChange((node) => changes.push(node));
  return { model, zendesk, users, changes };
}

const labels = (rows: unknown[]) => rows.map((row) => (row instanceof PersonMembershipNode ? `${row.userName} in ${row.organizationName}${row.isDefault ? ' *' : ''}` : (row as { kind: string }).kind));

describe('PeopleModel', () => {
  it('offers a hint and All memberships until someone is found; a found user is pinned first, memberships default first', async () => {
    const { model, users } = setUp();
    const roots = await model.children();
    assert.ok(roots[0] instanceof PeopleHintNode && roots[1] instanceof AllMembershipsNode);
    const person = model.pin(ACME, users[0]);
    assert.equal(model.pin(ACME, users[0]), person, 'found again, not pinned twice');
    assert.deepEqual((await model.children()).map((row) => row.kind), ['person', 'allMemberships']);
    const rows = await model.children(person);
    assert.deepEqual(labels(rows), ['User 7 in Org 2 *', 'User 7 in Org 1']);
    assert.ok(rows.every(isMembershipRow), 'the membership actions take these rows');
    model.unpin(person);
    assert.ok((await model.children())[0] instanceof PeopleHintNode);
  });

  it('pages the account-wide list with users and organizations sideloaded', async () => {
    const { model, zendesk } = setUp();
    const all = (await model.children())[1] as AllMembershipsNode;
    const first = await model.children(all);
    assert.deepEqual(labels(first), ['User 7 in Org 1', 'User 7 in Org 2 *', 'peopleMore']);
    await model.loadMore(first[2] as PeopleMoreNode);
    assert.deepEqual(labels(await model.children(all)), ['User 7 in Org 1', 'User 7 in Org 2 *', 'User 8 in Org 3 *']);
    assert.deepEqual(zendesk.calls, ['all users,organizations', 'all users,organizations after 2']);
  });

  it('follows what commands report: removals, default moves, additions', async () => {
    const { model, users, changes } = setUp();
    const person = model.pin(ACME, users[0]);
    const all = (await model.children())[1] as AllMembershipsNode;
    await model.children(person);
    await model.children(all);
    changes.length = 0;
    model.apply({ kind: 'defaultMoved', origin: ACME, userId: 7, organizationId: 1 });
    assert.deepEqual(labels(person.memberships.items), ['User 7 in Org 2', 'User 7 in Org 1 *']);
    assert.deepEqual(changes, [person, all]);
    model.apply({ kind: 'removed', origin: ACME, removed: { userId: 7, membershipId: 72 } });
    assert.deepEqual(labels(person.memberships.items), ['User 7 in Org 1 *']);
    assert.deepEqual(labels(all.memberships.items), ['User 7 in Org 1 *']);
    model.apply({ kind: 'added', origin: ACME, membership: { id: 99, user_id: 7, organization_id: 3, default: null } });
    assert.equal(changes.at(-1), person, 'the user\'s list is read again');
    assert.ok(person instanceof PersonNode);
  });
});
