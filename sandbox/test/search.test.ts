import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../src/server';
import { call, endUser } from '../src/testHelpers';

type Named = { id: number; name: string; email?: string; external_id?: string | null };
const ids = (list: Named[]): number[] => list.map((item) => item.id);
/** The user's email (these tests pick users that have one). */
const emailOf = (user: { email: string | null }): string => {
  if (user.email === null) throw new Error('this test needs a user with an email');
  return user.email;
};

describe('sandbox: user and organization search', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ orgs: 60, users: 300, rateLimit: 0 });
  });
  after(() => sb.close());

  const search = (query: string, extra = ''): ReturnType<typeof call> =>
    call(sb, `/api/v2/users/search.json?query=${encodeURIComponent(query)}${extra}`);

  describe('GET /api/v2/users/search', () => {
    it('finds one user by email:<addr> and email:"<addr>", ignoring case', async () => {
      const user = sb.store.users.at(37);
      const email = emailOf(user);
      for (const query of [`email:${email}`, `email:"${email.toUpperCase()}"`, `type:user email:"${email}"`]) {
        const r = await search(query);
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(ids(r.json.users), [user.id], query);
        assert.equal(r.json.count, 1);
        assert.equal(r.json.next_page, null);
      }
    });

    it('matches an email exactly, never by part', async () => {
      const user = sb.store.users.at(37);
      const r = await search(`email:"${emailOf(user).slice(1)}"`);
      assert.deepEqual(r.json.users, []);
      assert.equal(r.json.count, 0);
      assert.deepEqual((await search('email:nobody@nowhere.test')).json.users, []);
    });

    it('supports * wildcards in email:', async () => {
      const r = await search('email:*.37@example.com');
      assert.deepEqual(ids(r.json.users), [sb.store.users.at(37).id]);
    });

    it('matches a bare term against part of the name or of the email, ignoring case', async () => {
      const user = sb.store.users.at(41);
      const last = user.name.split(' ')[1].toLowerCase();
      const byName = await search(last.toUpperCase());
      const expected: number[] = [];
      for (let i = 0; i < sb.store.users.count; i++) {
        const u = sb.store.users.at(i);
        if (u.name.toLowerCase().includes(last) || (u.email ?? '').toLowerCase().includes(last)) expected.push(u.id);
      }
      assert.ok(expected.length >= 1);
      assert.deepEqual(ids(byName.json.users), expected, 'every match, ordered by id');
      const byEmailPart = await search(`.41@example`);
      assert.deepEqual(ids(byEmailPart.json.users), [user.id]);
    });

    it('ANDs several terms, and knows name: and role:', async () => {
      const user = sb.store.users.at(41);
      const [first, last] = user.name.split(' ');
      const both = await search(`name:"${first} ${last}" role:end-user ${emailOf(user).split('@')[0]}`);
      assert.deepEqual(ids(both.json.users), [user.id]);
      const agents = await search('role:agent');
      assert.ok(agents.json.users.length > 2);
      assert.ok(agents.json.users.every((u: { role: string }) => u.role === 'agent'));
    });

    it('pages by offset only: per_page/page, next_page, count, and the 10,000-record limit', async () => {
      const all = await search('example.com', '&per_page=100');
      const total = all.json.count as number;
      assert.ok(total > 100, `expected over 100 matches, got ${total}`);
      assert.equal(all.json.users.length, 100);
      assert.match(all.json.next_page, /\/api\/v2\/users\/search\.json\?query=example\.com&page=2&per_page=100$/);
      assert.equal(all.json.meta, undefined, 'no cursor keys');
      const cursorAsked = await search('example.com', '&page[size]=10');
      assert.equal(cursorAsked.json.users.length, 100, 'page[size] is ignored');
      assert.equal(cursorAsked.json.meta, undefined);
      const page2 = await call(sb, all.json.next_page);
      assert.equal(page2.json.users.length, Math.min(100, total - 100));
      assert.ok(page2.json.users[0].id > all.json.users[99].id, 'page 2 continues where page 1 ended');
      const deep = await search('example.com', '&page=101&per_page=100');
      assert.equal(deep.status, 400);
      assert.equal(deep.json.errors[0].code, 'InvalidPaginationDepth');
    });

    it('finds by ?external_id= exactly, ignoring case', async () => {
      const user = sb.store.users.at(40);
      assert.equal(user.external_id, 'crm-40');
      const r = await call(sb, '/api/v2/users/search.json?external_id=CRM-40');
      assert.deepEqual(ids(r.json.users), [user.id]);
      assert.deepEqual((await call(sb, '/api/v2/users/search.json?external_id=crm-4')).json.users, []);
    });

    it('finds users added at run time', async () => {
      const added = sb.store.addUser({ name: 'Quincy Searchable', email: 'Quincy.S@Example.org' });
      assert.deepEqual(ids((await search('email:"quincy.s@example.org"')).json.users), [added.id]);
      assert.deepEqual(ids((await search('searchable')).json.users), [added.id]);
    });

    it('answers 400 without a query, with both query and external_id, or with an unsupported field', async () => {
      for (const path of ['/api/v2/users/search.json', '/api/v2/users/search.json?query=%20', '/api/v2/users/search.json?query=a&external_id=b', '/api/v2/users/search.json?query=phone:123', '/api/v2/users/search.json?query=email:']) {
        const r = await call(sb, path);
        assert.equal(r.status, 400, path);
        assert.equal(typeof r.json.error, 'string', path);
      }
    });

    it('is for agents and admins: 403 for end users', async () => {
      const user = sb.store.users.at(37);
      assert.equal((await call(sb, `/api/v2/users/search.json?query=email:${user.email}`, { as: 'agent' })).status, 200);
      const { email, token } = endUser(sb);
      assert.equal((await call(sb, `/api/v2/users/search.json?query=email:${user.email}`, { as: { email, token } })).status, 403);
    });
  });

  describe('GET /api/v2/organizations/search', () => {
    it('finds the organization whose name matches exactly, ignoring case', async () => {
      const org = sb.store.organizations.at(12);
      for (const name of [org.name, org.name.toUpperCase(), ` ${org.name.toLowerCase()} `]) {
        const r = await call(sb, `/api/v2/organizations/search.json?name=${encodeURIComponent(name)}`);
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(ids(r.json.organizations), [org.id], name);
        assert.equal(r.json.count, 1);
      }
    });

    it('never matches by prefix', async () => {
      const org = sb.store.organizations.at(12);
      const r = await call(sb, `/api/v2/organizations/search.json?name=${encodeURIComponent(org.name.slice(0, -1))}`);
      assert.deepEqual(r.json.organizations, []);
      assert.equal(r.json.count, 0);
    });

    it('finds by external_id exactly, ignoring case (a string, not a number)', async () => {
      const org = sb.store.organizations.at(13);
      assert.equal(org.external_id, 'ORG-000013');
      const r = await call(sb, `/api/v2/organizations/search.json?external_id=${encodeURIComponent(String(org.external_id).toLowerCase())}`);
      assert.deepEqual(ids(r.json.organizations), [org.id]);
      assert.deepEqual((await call(sb, '/api/v2/organizations/search.json?external_id=12')).json.organizations, []);
    });

    it('finds organizations added at run time, by name and by external id', async () => {
      const added = sb.store.addOrganization({ name: 'Zebra Search Co', external_id: 'Ext,With-Comma' });
      assert.deepEqual(ids((await call(sb, '/api/v2/organizations/search.json?name=zebra%20search%20co')).json.organizations), [added.id]);
      assert.deepEqual(ids((await call(sb, `/api/v2/organizations/search.json?external_id=${encodeURIComponent('EXT,with-comma')}`)).json.organizations), [added.id]);
    });

    it('answers 400 for both parameters at once, and for neither', async () => {
      for (const query of ['name=a&external_id=b', '', 'name=', 'external_id=%20']) {
        const r = await call(sb, `/api/v2/organizations/search.json?${query}`);
        assert.equal(r.status, 400, query);
        assert.equal(typeof r.json.error, 'string');
      }
    });

    it('is for admins: 403 for a plain agent and for end users', async () => {
      const name = encodeURIComponent(sb.store.organizations.at(3).name);
      assert.equal((await call(sb, `/api/v2/organizations/search.json?name=${name}`, { as: 'agent' })).status, 403);
      const { email, token } = endUser(sb);
      assert.equal((await call(sb, `/api/v2/organizations/search.json?name=${name}`, { as: { email, token } })).status, 403);
    });
  });

  describe('GET /api/v2/organizations/show_many?external_ids=', () => {
    it('returns the organizations named by external ids, ignoring case; unknown ones are absent', async () => {
      const [a, b] = [sb.store.organizations.at(5), sb.store.organizations.at(9)];
      const r = await call(sb, `/api/v2/organizations/show_many.json?external_ids=${a.external_id},nope,${String(b.external_id).toLowerCase()}`);
      assert.equal(r.status, 200);
      const byName = [a, b].sort((x, y) => x.name.localeCompare(y.name)).map((o) => o.id);
      assert.deepEqual(ids(r.json.organizations), byName, 'in name order');
    });

    it('refuses more than 100 external ids', async () => {
      const many = Array.from({ length: 101 }, (_, i) => `x${i}`).join(',');
      assert.equal((await call(sb, `/api/v2/organizations/show_many.json?external_ids=${many}`)).status, 400);
    });
  });
});
