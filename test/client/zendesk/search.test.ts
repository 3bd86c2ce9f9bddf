import assert from 'node:assert/strict';
import { ZendeskError, ZendeskInputError, emailSearchQuery } from '../../../src/zendesk';
import { Harness, collect, startHarness } from '../harness';

describe('client: searchUsers, showManyOrganizations, searchOrganizations', () => {
  let harness: Harness;

  before(async () => {
    harness = await startHarness({ orgs: 30, users: 120 });
  });
  after(() => harness.close());
  beforeEach(() => {
    harness.sandbox.requests.length = 0;
  });

  /** Runs `call`, expects a ZendeskInputError naming `field`, and proves nothing was sent. */
  async function refuses(field: string, call: () => unknown): Promise<void> {
    await assert.rejects(async () => call(), (error: unknown) => {
      assert.ok(error instanceof ZendeskInputError, String(error));
      assert.equal(error.field, field);
      return true;
    });
    assert.deepEqual(harness.sandbox.requests, [], 'nothing was sent');
  }

  describe('searchUsers', () => {
    it('finds a user by exact email with email:"…", sending the query and per_page', async () => {
      const user = harness.sandbox.store.users.at(33);
      const email = user.email as string; // user 33 has one
      const found = await collect(harness.client.searchUsers(emailSearchQuery(email.toUpperCase())));
      assert.deepEqual(found.map((u) => u.id), [user.id]);
      const [request] = harness.requestsTo(/^\/api\/v2\/users\/search$/);
      const query = new URLSearchParams(request.query);
      assert.equal(query.get('query'), `email:"${email.toUpperCase()}"`);
      assert.equal(query.get('per_page'), '100');
      assert.equal(query.has('page[size]'), false, 'offset paging only');
    });

    it('pages by offset through every match', async () => {
      const all = await collect(harness.client.searchUsers('example.com', { pageSize: 25 }));
      const withEmail = Array.from({ length: harness.sandbox.store.users.count }, (_, i) => harness.sandbox.store.users.at(i)).filter((u) => u.email !== null);
      assert.equal(withEmail.length, 111, 'every seeded address is @example.com; 9 users have none');
      assert.deepEqual(new Set(all.map((u) => u.id)), new Set(withEmail.map((u) => u.id)));
      const pages = harness.requestsTo(/^\/api\/v2\/users\/search$/).map((r) => new URLSearchParams(r.query).get('page'));
      assert.deepEqual(pages, [null, '2', '3', '4', '5']);
    });

    it('answers an empty list for an unknown address', async () => {
      assert.deepEqual(await collect(harness.client.searchUsers(emailSearchQuery('nobody@nowhere.test'))), []);
    });

    it('refuses an empty query or a bad page size, and sends nothing', async () => {
      await refuses('query', () => harness.client.searchUsers('  '));
      await refuses('query', () => harness.client.searchUsers(undefined as unknown as string));
      await refuses('pageSize', () => harness.client.searchUsers('jane').page(undefined, { pageSize: 101 }));
    });

    it('emailSearchQuery quotes the address and refuses quotes and spaces', async () => {
      assert.equal(emailSearchQuery(' jane+test@example.com '), 'email:"jane+test@example.com"');
      await refuses('email', () => emailSearchQuery('a"b@example.com'));
      await refuses('email', () => emailSearchQuery('a b@example.com'));
      await refuses('email', () => emailSearchQuery(''));
    });
  });

  describe('showManyOrganizations', () => {
    it('returns organizations by ids, comma-joined in one request', async () => {
      const ids = [2, 5, 7].map((i) => harness.sandbox.store.organizations.idAt(i));
      const found = await harness.client.showManyOrganizations({ ids });
      assert.deepEqual(new Set(found.map((o) => o.id)), new Set(ids), 'Zendesk answers in name order, not in the order asked');
      const requests = harness.requestsTo(/^\/api\/v2\/organizations\/show_many$/);
      assert.equal(requests.length, 1);
      assert.equal(new URLSearchParams(requests[0].query).get('ids'), ids.join(','));
    });

    it('returns organizations by external ids, ignoring case; unknown ones are absent', async () => {
      const orgs = [5, 9].map((i) => harness.sandbox.store.organizations.at(i)); // organizations with an external id
      const found = await harness.client.showManyOrganizations({ externalIds: [String(orgs[0].external_id).toLowerCase(), 'no-such-id', String(orgs[1].external_id)] });
      assert.deepEqual(new Set(found.map((o) => o.id)), new Set(orgs.map((o) => o.id)));
      const [request] = harness.requestsTo(/^\/api\/v2\/organizations\/show_many$/);
      assert.equal(new URLSearchParams(request.query).get('external_ids'), `${String(orgs[0].external_id).toLowerCase()},no-such-id,${orgs[1].external_id}`);
    });

    it('takes 100 ids per call', async () => {
      const known = Array.from({ length: 30 }, (_, i) => harness.sandbox.store.organizations.idAt(i));
      const ids = [...known, ...Array.from({ length: 70 }, (_, i) => i + 1)]; // 1..70 are no organization's ids
      const found = await harness.client.showManyOrganizations({ ids });
      assert.equal(found.length, 30);
    });

    it('refuses bad input naming the field, and sends nothing', async () => {
      const many = Array.from({ length: 101 }, (_, i) => i + 1);
      await refuses('ids', () => harness.client.showManyOrganizations({} as never));
      await refuses('ids', () => harness.client.showManyOrganizations({ ids: [1], externalIds: ['a'] } as never));
      await refuses('ids', () => harness.client.showManyOrganizations({ ids: [] }));
      await refuses('ids', () => harness.client.showManyOrganizations({ ids: many }));
      await refuses('ids[1]', () => harness.client.showManyOrganizations({ ids: [1, -2] }));
      await refuses('externalIds', () => harness.client.showManyOrganizations({ externalIds: [] }));
      await refuses('externalIds', () => harness.client.showManyOrganizations({ externalIds: many.map(String) }));
      await refuses('externalIds[0]', () => harness.client.showManyOrganizations({ externalIds: [' '] }));
      await refuses('externalIds[1]', () => harness.client.showManyOrganizations({ externalIds: ['a', 'b,c'] }));
    });
  });

  describe('searchOrganizations', () => {
    it('finds by exact name, ignoring case', async () => {
      const org = harness.sandbox.store.organizations.at(11);
      assert.deepEqual((await harness.client.searchOrganizations({ name: org.name.toUpperCase() })).map((o) => o.id), [org.id]);
      assert.deepEqual(await harness.client.searchOrganizations({ name: org.name.slice(0, 4) }), [], 'not by prefix');
      const [request] = harness.requestsTo(/^\/api\/v2\/organizations\/search$/);
      assert.equal(new URLSearchParams(request.query).get('name'), org.name.toUpperCase());
    });

    it('finds by external id, a string (even one with a comma)', async () => {
      const org = harness.sandbox.store.organizations.at(13);
      assert.equal(org.external_id, 'ORG-000013');
      assert.deepEqual((await harness.client.searchOrganizations({ externalId: String(org.external_id) })).map((o) => o.id), [org.id]);
      const added = harness.sandbox.store.addOrganization({ name: 'Comma Holdings', external_id: 'EU,0042' });
      assert.deepEqual((await harness.client.searchOrganizations({ externalId: 'eu,0042' })).map((o) => o.id), [added.id]);
      const requests = harness.requestsTo(/^\/api\/v2\/organizations\/search$/);
      assert.equal(new URLSearchParams(requests[1].query).get('external_id'), 'eu,0042');
    });

    it('is refused (403) for a plain agent', async () => {
      const agent = harness.clientWith({ credentials: { kind: 'apiToken', email: harness.sandbox.credentials.agent.email, token: harness.sandbox.credentials.agent.token } });
      await assert.rejects(agent.searchOrganizations({ name: 'x' }), (error: unknown) => error instanceof ZendeskError && error.status === 403);
    });

    it('refuses bad input naming the field, and sends nothing', async () => {
      await refuses('name', () => harness.client.searchOrganizations({} as never));
      await refuses('name', () => harness.client.searchOrganizations({ name: 'a', externalId: 'b' } as never));
      await refuses('name', () => harness.client.searchOrganizations({ name: ' ' }));
      await refuses('externalId', () => harness.client.searchOrganizations({ externalId: '' }));
      await refuses('externalId', () => harness.client.searchOrganizations({ externalId: 42 as unknown as string }));
    });
  });
});
