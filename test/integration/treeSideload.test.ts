// Where Zendesk sideloads users on an organization's membership list (include=users), a page of
// members costs one request: the tree names its rows from the sideload and never calls show_many.
import assert from 'node:assert/strict';
import type { OrganizationNode } from '../../src/tree/nodes';
import { Fixture, childrenOf, itemOf, rootRows, signedIn, tearDown } from './fixture';

describe('organizations tree, where the membership list sideloads users', () => {
  let fixture: Fixture;

  before(async () => {
    fixture = await signedIn({ orgs: 3, users: 160, bigOrgMembers: 120, orgMembershipsInclude: 'honoured' });
  });
  after(() => tearDown(fixture));

  it('names a page of 100 members with one request and no show_many', async () => {
    const organization = (await rootRows(fixture))[0] as OrganizationNode;
    const before = fixture.sandbox.requests.length;
    const rows = (await childrenOf(fixture, organization)).filter((row) => row.kind === 'membership');
    // Member counts of the rows the view shows (when it is visible) have their own bound (find.test.ts).
    const requests = fixture.sandbox.requests.slice(before).filter((request) => !request.path.endsWith('/related'));
    assert.equal(rows.length, 100);
    assert.deepEqual(requests.map((request) => request.path), [`/api/v2/organizations/${organization.organization.id}/organization_memberships`]);
    assert.equal(new URLSearchParams(requests[0].query).get('include'), 'users');
    for (const row of rows.slice(0, 10)) {
      const membership = fixture.sandbox.store.getMembership((row as { membership: { id: number } }).membership.id);
      assert.equal(itemOf(row).label, fixture.sandbox.store.getUser(membership!.user_id)!.name);
    }
  });
});
