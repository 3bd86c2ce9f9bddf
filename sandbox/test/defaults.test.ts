import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../src/server';
import { call } from '../src/testHelpers';

// Default-organization semantics (API-NOTES §1.1 and §1.3): the first membership is the default,
// make_default moves it, deleting the default promotes the oldest remaining membership, the
// user's organization_id follows the default, and a user's list is default-first then by name.
describe('sandbox: default organization semantics', () => {
  let sb: Sandbox;
  let n = 0;
  before(async () => {
    sb = await startSandbox({ orgs: 5, users: 20 });
  });
  after(() => sb.close());

  /** A user with memberships in new orgs named `names`, created in that order. */
  async function userIn(names: string[]): Promise<{ userId: number; orgIds: number[]; membershipIds: number[] }> {
    n++;
    const userId = sb.store.addUser({ name: `Default Test ${n}`, email: `default.${n}@example.org` }).id;
    const orgIds: number[] = [];
    const membershipIds: number[] = [];
    for (const name of names) {
      const org = sb.store.addOrganization({ name: `${name} ${n}` });
      const r = await call(sb, '/api/v2/organization_memberships.json', {
        method: 'POST', body: { organization_membership: { user_id: userId, organization_id: org.id } },
      });
      assert.equal(r.status, 201);
      orgIds.push(org.id);
      membershipIds.push(r.json.organization_membership.id);
    }
    return { userId, orgIds, membershipIds };
  }

  const organizationIdOf = async (userId: number): Promise<number | null> =>
    (await call(sb, `/api/v2/users/${userId}.json`)).json.user.organization_id;
  const listOf = async (userId: number): Promise<Array<{ id: number; default: true | null; organization_name: string }>> =>
    (await call(sb, `/api/v2/users/${userId}/organization_memberships.json`)).json.organization_memberships;

  it('makes the first membership the default and sets the user\'s organization_id', async () => {
    const n0 = sb.store.addUser({ name: 'No Org Yet', email: 'no.org.yet@example.org' });
    assert.equal(await organizationIdOf(n0.id), null);
    const { userId, orgIds } = await userIn(['Zulu', 'Alpha']);
    assert.equal(await organizationIdOf(userId), orgIds[0]);
    const list = await listOf(userId);
    assert.deepEqual(list.map((m) => m.default), [true, null]);
  });

  it('sorts a user\'s list default first, then by organization name', async () => {
    const { userId } = await userIn(['Mike', 'Charlie', 'Yankee', 'Bravo']);
    const names = (await listOf(userId)).map((m) => m.organization_name.split(' ')[0]);
    assert.deepEqual(names, ['Mike', 'Bravo', 'Charlie', 'Yankee']);
  });

  it('honours "default": true on create', async () => {
    const { userId } = await userIn(['First']);
    const org = sb.store.addOrganization({ name: `Chosen ${n}` });
    const r = await call(sb, `/api/v2/users/${userId}/organization_memberships.json`, {
      method: 'POST', body: { organization_membership: { organization_id: org.id, default: true } },
    });
    assert.equal(r.json.organization_membership.default, true);
    assert.equal(await organizationIdOf(userId), org.id);
    assert.equal((await listOf(userId)).filter((m) => m.default === true).length, 1);
  });

  it('moves the default with make_default (both endpoints) and organization_id follows', async () => {
    const { userId, orgIds, membershipIds } = await userIn(['One', 'Two', 'Three']);
    await call(sb, `/api/v2/users/${userId}/organization_memberships/${membershipIds[2]}/make_default.json`, { method: 'PUT' });
    assert.equal(await organizationIdOf(userId), orgIds[2]);
    await call(sb, `/api/v2/users/${userId}/organizations/${orgIds[1]}/make_default.json`, { method: 'PUT' });
    assert.equal(await organizationIdOf(userId), orgIds[1]);
    const list = await listOf(userId);
    assert.equal(list[0].id, membershipIds[1]);
    assert.deepEqual(list.map((m) => m.default), [true, null, null]);
  });

  it('promotes the oldest remaining membership when the default is deleted or unassigned', async () => {
    const { userId, orgIds, membershipIds } = await userIn(['Papa', 'Quebec', 'Romeo', 'Sierra']);
    await call(sb, `/api/v2/users/${userId}/organization_memberships/${membershipIds[2]}/make_default.json`, { method: 'PUT' });
    await call(sb, `/api/v2/organization_memberships/${membershipIds[2]}.json`, { method: 'DELETE' });
    assert.equal(await organizationIdOf(userId), orgIds[0], 'oldest remaining (Papa) is promoted');
    await call(sb, `/api/v2/users/${userId}/organizations/${orgIds[0]}.json`, { method: 'DELETE' });
    assert.equal(await organizationIdOf(userId), orgIds[1], 'then Quebec');
    await call(sb, `/api/v2/users/${userId}/organizations/${orgIds[1]}.json`, { method: 'DELETE' });
    await call(sb, `/api/v2/users/${userId}/organizations/${orgIds[3]}.json`, { method: 'DELETE' });
    assert.equal(await organizationIdOf(userId), null, 'no memberships left, no default');
  });

  it('keeps a non-default delete from touching the default', async () => {
    const { userId, orgIds, membershipIds } = await userIn(['Tango', 'Uniform']);
    await call(sb, `/api/v2/organization_memberships/${membershipIds[1]}.json`, { method: 'DELETE' });
    assert.equal(await organizationIdOf(userId), orgIds[0]);
  });
});
