// The client against answers as recorded Zendesk traffic has them (API-NOTES §13) and as nothing
// promises they will not be: any wording (or none) for "already a member" and "not found", and
// 404s with an empty body and no content type.
import assert from 'node:assert/strict';
import { ZendeskError, isAlreadyMemberError } from '../../../src/zendesk';
import { Harness, startHarness } from '../harness';

describe('client: decisions that do not depend on Zendesk\'s wording', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  for (const wording of ['standard', 'varied', 'omitted'] as const) {
    it(`knows an existing membership by reading it back, whatever the 422 says (${wording} wording)`, async () => {
      harness = await startHarness({ orgs: 4, users: 20, wording });
      const { store } = harness.sandbox;
      const user = store.addUser({ name: `Wording ${wording}` });
      const orgId = store.organizations.idAt(2);
      const existing = store.createMembership(user.id, orgId);
      await assert.rejects(harness.client.createOrganizationMembership({ userId: user.id, organizationId: orgId }), (error: unknown) => {
        assert.ok(isAlreadyMemberError(error), String(error));
        assert.equal(error.status, 422);
        assert.equal(error.existing.id, existing.id);
        return true;
      });
      const readBack = harness.requestsTo(new RegExp(`^/api/v2/users/${user.id}/organization_memberships$`));
      assert.equal(readBack.length, 1, 'the membership was read back once');

      // Another 422 (no such organization) is not "already a member", whatever it says.
      await assert.rejects(harness.client.createOrganizationMembership({ userId: user.id, organizationId: store.organizations.idAt(3) + 1 }), (error: unknown) => {
        assert.ok(error instanceof ZendeskError && error.status === 422, String(error));
        assert.equal(isAlreadyMemberError(error), false);
        return true;
      });
    });
  }

  it('reads a 404 with an empty body and no content type as RecordNotFound', async () => {
    harness = await startHarness({ orgs: 2, users: 5, emptyNotFoundEvery: 1 });
    await assert.rejects(harness.client.showOrganizationMembershipById(999_999_999), (error: unknown) => {
      assert.ok(error instanceof ZendeskError);
      assert.deepEqual([error.status, error.code], [404, 'RecordNotFound']);
      return true;
    });
    const [answered] = harness.requestsTo(/^\/api\/v2\/organization_memberships\/999999999$/);
    assert.equal(answered.status, 404);
  });

  it('deletes idempotently when the 404 after an uncertain attempt is empty-bodied', async () => {
    harness = await startHarness({ orgs: 3, users: 10, emptyNotFoundEvery: 1 });
    const { store } = harness.sandbox;
    const user = store.addUser({ name: 'Gone Twice' });
    const membership = store.createMembership(user.id, store.organizations.idAt(1));
    // The first attempt deletes, then the connection drops: the retry meets an (empty) 404.
    harness.sandbox.faults.inject({ path: `/api/v2/organization_memberships/${membership.id}`, method: 'DELETE', kind: 'reset', afterHandler: true });
    await harness.client.deleteOrganizationMembership(membership.id);
    assert.equal(store.getMembership(membership.id), undefined);
    assert.deepEqual(harness.requestsTo(/^\/api\/v2\/organization_memberships\/\d+$/).map((r) => r.status), [0, 404]);
  });
});
