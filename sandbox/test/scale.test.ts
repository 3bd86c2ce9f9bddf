import assert from 'node:assert/strict';
import { encodeCursor } from '../src/cursor';
import { startSandbox, type Sandbox } from '../src/server';
import { call } from '../src/testHelpers';

describe('sandbox: a million organizations', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ orgs: 1_000_000, users: 300 });
  });
  after(() => sb.close());

  const ids = (r: { json: { organizations: Array<{ id: number }> } }): number[] => r.json.organizations.map((o) => o.id);
  const orgs = (): Sandbox['store']['organizations'] => sb.store.organizations;

  it('generates lazily: starting computes no organization, a deep page or a count only what it returns', async () => {
    assert.equal(orgs().generatedRecordsComputed, 0);
    const deep = encodeCursor('orgs', [orgs().idAt(876_543)]);
    const page = await call(sb, `/api/v2/organizations.json?page[size]=100&page[after]=${deep}`);
    assert.equal(page.json.organizations.length, 100);
    assert.ok(orgs().generatedRecordsComputed <= 100, `${orgs().generatedRecordsComputed} computed for one page`);
    const before = orgs().generatedRecordsComputed;
    const counted = await call(sb, '/api/v2/organizations.json?per_page=1');
    assert.equal(counted.json.count, 1_000_000);
    assert.ok(orgs().generatedRecordsComputed - before <= 1, 'counting does not walk the organizations');
  });

  it('answers a deep cursor page, forwards and backwards', async () => {
    // White-box: a cursor as the sandbox would hand out after walking ~9,876 pages.
    const deep = encodeCursor('orgs', [orgs().idAt(987_654)]);
    const next = await call(sb, `/api/v2/organizations.json?page[size]=100&page[after]=${deep}`);
    assert.equal(next.status, 200);
    assert.deepEqual(ids(next), Array.from({ length: 100 }, (_, i) => orgs().idAt(987_655 + i)));
    assert.equal(next.json.meta.has_more, true);
    const back = await call(sb, next.json.links.prev);
    assert.deepEqual(ids(back), Array.from({ length: 100 }, (_, i) => orgs().idAt(987_555 + i)));
  });

  it('ends the list with a short last page', async () => {
    const nearEnd = encodeCursor('orgs', [orgs().idAt(999_949)]);
    const r = await call(sb, `/api/v2/organizations.json?page[size]=100&page[after]=${nearEnd}`);
    assert.equal(r.json.organizations.length, 50);
    assert.equal(r.json.meta.has_more, false);
    assert.equal(new Set(r.json.organizations.map((o: { name: string }) => o.name)).size, 50);
  });

  it('counts them in offset mode and still caps offset at page 100', async () => {
    const r = await call(sb, '/api/v2/organizations.json?page=100&per_page=100');
    assert.equal(r.json.count, 1_000_000);
    assert.equal(r.json.organizations.length, 100);
    assert.equal((await call(sb, '/api/v2/organizations.json?page=101&per_page=100')).status, 400);
  });

  it('shows and autocompletes the very last one', async () => {
    const lastId = orgs().idAt(999_999);
    assert.equal((await call(sb, `/api/v2/organizations/${lastId}.json`)).json.organization.id, lastId);
    const lastWithExternalId = orgs().idAt(999_997);
    assert.equal((await call(sb, `/api/v2/organizations/${lastWithExternalId}.json`)).json.organization.external_id, 'ORG-999997');
    const name = orgs().nameAt(999_999);
    const r = await call(sb, `/api/v2/organizations/autocomplete.json?name=${encodeURIComponent(name)}`);
    assert.ok(r.json.organizations.some((o: { id: number }) => o.id === lastId));
  });
});
