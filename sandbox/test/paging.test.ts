import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../src/server';
import { call } from '../src/testHelpers';

interface CursorPage {
  ids: number[];
  hasMore: boolean;
  after: string | null;
  before: string | null;
  next: string | null;
  prev: string | null;
}

async function cursorPage(sb: Sandbox, url: string, key = 'organization_memberships'): Promise<CursorPage> {
  const r = await call(sb, url);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.next_page, undefined, 'cursor answers carry no offset fields');
  return {
    ids: r.json[key].map((x: { id: number }) => x.id),
    hasMore: r.json.meta.has_more,
    after: r.json.meta.after_cursor,
    before: r.json.meta.before_cursor,
    next: r.json.links.next,
    prev: r.json.links.prev,
  };
}

describe('sandbox: pagination', () => {
  describe('cursor', () => {
    let sb: Sandbox;
    let bigOrg: string;
    before(async () => {
      sb = await startSandbox({ orgs: 6, users: 260, bigOrgMembers: 250 });
      bigOrg = `/api/v2/organizations/${sb.store.organizations.idAt(0)}/organization_memberships.json`;
    });
    after(() => sb.close());

    it('pages a 250-member org as 100, 100, 50 following links.next until has_more is false', async () => {
      const sizes: number[] = [];
      const seen = new Set<number>();
      let url: string | null = `${bigOrg}?page[size]=100`;
      let page: CursorPage;
      do {
        page = await cursorPage(sb, url as string);
        sizes.push(page.ids.length);
        page.ids.forEach((id) => seen.add(id));
        assert.ok(page.next === null || page.next.startsWith(`${sb.url}/api/v2/organizations/`), 'absolute next link');
        url = page.hasMore ? page.next : null;
      } while (url);
      assert.deepEqual(sizes, [100, 100, 50]);
      assert.equal(seen.size, 250);
      assert.deepEqual([...seen], [...seen].sort((a, b) => a - b), 'ordered by id');
    });

    it('ends an exact multiple with an empty page whose has_more is false (live quirk)', async () => {
      const pages: Array<[number, boolean]> = [];
      let page = await cursorPage(sb, `${bigOrg}?page[size]=50`);
      pages.push([page.ids.length, page.hasMore]);
      while (page.hasMore) {
        assert.ok(page.next, 'a full page links to the next one');
        page = await cursorPage(sb, page.next);
        pages.push([page.ids.length, page.hasMore]);
      }
      assert.deepEqual(pages, [[50, true], [50, true], [50, true], [50, true], [50, true], [0, false]]);
      // The last page still links onwards (API-NOTES §13): only has_more says stop.
      const { next, ...rest } = page;
      assert.deepEqual(rest, { ids: [], hasMore: false, after: null, before: null, prev: null });
      assert.ok(next?.startsWith(`${sb.url}/api/v2/organizations/`), String(next));
      assert.deepEqual((await cursorPage(sb, next as string)).ids, [], 'following it anyway finds nothing more');
    });

    it('keeps a non-null links.next on a last page that is not empty (API-NOTES §13)', async () => {
      const first = await cursorPage(sb, `${bigOrg}?page[size]=100`);
      const last = await cursorPage(sb, (await cursorPage(sb, first.next as string)).next as string);
      assert.deepEqual([last.ids.length, last.hasMore], [50, false]);
      assert.ok(last.next, 'links.next is set');
    });

    it('pages backwards with page[before] and links.prev', async () => {
      const first = await cursorPage(sb, `${bigOrg}?page[size]=100`);
      const second = await cursorPage(sb, first.next as string);
      const back = await cursorPage(sb, second.prev as string);
      assert.deepEqual(back.ids, first.ids);
      assert.equal(new URL(second.prev as string).searchParams.get('page[before]'), second.before);
    });

    it('keeps other query parameters in the links', async () => {
      const r = await call(sb, '/api/v2/organization_memberships.json?page[size]=2&include=users');
      const next = new URL(r.json.links.next);
      assert.equal(next.searchParams.get('include'), 'users');
      assert.equal(next.searchParams.get('page[size]'), '2');
      assert.equal(next.pathname, '/api/v2/organization_memberships.json');
    });

    it('rejects page[size] above 100, both cursors at once, garbage and foreign cursors with 400', async () => {
      const first = await cursorPage(sb, `${bigOrg}?page[size]=10`);
      const foreign = await cursorPage(sb, '/api/v2/organizations.json?page[size]=1', 'organizations');
      for (const query of [
        'page[size]=101',
        'page[size]=0',
        'page[size]=ten',
        `page[size]=10&page[after]=${first.after}&page[before]=${first.before}`,
        'page[size]=10&page[after]=garbage',
        'page[size]=10&page[after]=eyJub3QiOiJvdXJzIn0',
        `page[size]=10&page[after]=${foreign.after}`,
      ]) {
        const r = await call(sb, `${bigOrg}?${query}`);
        assert.equal(r.status, 400, query);
        assert.equal(r.json.errors[0].code, 'InvalidPaginationParameter', query);
        assert.equal(typeof r.json.errors[0].title, 'string');
      }
    });

    it('survives deletion of the record a cursor points at', async () => {
      const first = await cursorPage(sb, '/api/v2/organization_memberships.json?page[size]=3');
      sb.store.deleteMembership(first.ids[2]);
      const second = await cursorPage(sb, first.next as string);
      assert.ok(second.ids[0] > first.ids[2]);
    });
  });

  describe('offset', () => {
    let sb: Sandbox;
    before(async () => {
      sb = await startSandbox({ orgs: 250, users: 10 });
    });
    after(() => sb.close());

    it('is the default, with count, absolute next_page and previous_page', async () => {
      const first = await call(sb, '/api/v2/organizations.json?per_page=100');
      assert.equal(first.json.count, 250);
      assert.equal(first.json.organizations.length, 100);
      assert.equal(first.json.previous_page, null);
      assert.equal(first.json.meta, undefined);
      const next = new URL(first.json.next_page);
      assert.equal(next.origin, sb.url);
      assert.equal(next.searchParams.get('page'), '2');
      const third = await call(sb, '/api/v2/organizations.json?page=3&per_page=100');
      assert.equal(third.json.organizations.length, 50);
      assert.equal(third.json.next_page, null);
      assert.equal(new URL(third.json.previous_page).searchParams.get('page'), '2');
      const ids = [first, third].flatMap((r) => r.json.organizations.map((o: { id: number }) => o.id));
      assert.equal(new Set(ids).size, 150);
    });

    it('answers 400 InvalidPaginationDepth past page 100 or 10,000 records', async () => {
      for (const query of ['page=101', 'page=101&per_page=10', 'page=200&per_page=50']) {
        const r = await call(sb, `/api/v2/organization_memberships.json?${query}`);
        assert.equal(r.status, 400, query);
        assert.equal(r.json.errors[0].code, 'InvalidPaginationDepth');
        assert.equal(r.json.errors[0].title,
          'Pagination requests using Offset Pagination are limited to page 100 or up to 10000 records (page * per_page)');
      }
      const page100 = await call(sb, '/api/v2/organizations.json?page=100&per_page=100');
      assert.equal(page100.status, 200);
      assert.deepEqual(page100.json.organizations, []);
    });

    it('is the only style of autocomplete (page[size] is ignored) and never of the job list', async () => {
      const auto = await call(sb, '/api/v2/organizations/autocomplete.json?name=a&page[size]=2');
      assert.equal(auto.status, 200);
      assert.equal(auto.json.meta, undefined);
      assert.equal(typeof auto.json.count, 'number');
      const jobs = await call(sb, '/api/v2/job_statuses.json?page=2&per_page=5');
      assert.equal(jobs.status, 200);
      assert.equal(jobs.json.meta.has_more, false);
      assert.equal(jobs.json.count, undefined);
    });
  });

  describe('cursorUnsupportedPaths', () => {
    it('answers offset pages on matching paths even when page[size] is sent', async () => {
      const sb = await startSandbox({ orgs: 3, users: 30, cursorUnsupportedPaths: [/^\/api\/v2\/organizations\/\d+\/organization_memberships$/] });
      try {
        const orgId = sb.store.organizations.idAt(1);
        const r = await call(sb, `/api/v2/organizations/${orgId}/organization_memberships.json?page[size]=2`);
        assert.equal(r.json.meta, undefined);
        assert.equal(typeof r.json.count, 'number');
        const elsewhere = await call(sb, '/api/v2/organizations.json?page[size]=2');
        assert.equal(elsewhere.json.meta.has_more, true);
      } finally {
        await sb.close();
      }
    });
  });
});
