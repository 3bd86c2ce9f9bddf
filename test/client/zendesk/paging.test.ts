import assert from 'node:assert/strict';
import { ZendeskError, ZendeskInputError } from '../../../src/zendesk';
import type { PageCursor } from '../../../src/zendesk';
import { Harness, collect, startHarness } from '../harness';

const MEMBERS_PATH = /^\/api\/v2\/organizations\/\d+\/organization_memberships$/;

describe('paging', () => {
  describe('cursor', () => {
    let harness: Harness;
    let bigOrgId: number;

    before(async () => {
      harness = await startHarness({ orgs: 5, users: 1_100, bigOrgMembers: 1_050 });
      bigOrgId = (await harness.client.listOrganizations().page(undefined, { pageSize: 1 })).items[0].id;
    });
    after(() => harness.close());

    it('lists 1,050 memberships in exactly 11 requests of 100', async () => {
      const before = harness.requestsTo(MEMBERS_PATH).length;
      const members = await collect(harness.client.listOrganizationMemberships({ organizationId: bigOrgId }));
      const requests = harness.requestsTo(MEMBERS_PATH).slice(before);
      assert.equal(members.length, 1_050);
      assert.equal(new Set(members.map((m) => m.id)).size, 1_050);
      assert.ok(members.every((m) => m.organization_id === bigOrgId));
      assert.equal(requests.length, Math.ceil(1050 / 100));
      assert.ok(requests.every((request) => new URLSearchParams(request.query).get('page[size]') === '100'));
      assert.ok(requests.every((request) => !new URLSearchParams(request.query).has('page')), 'never offset');
    });

    it('hands out one page at a time with an opaque cursor', async () => {
      const list = harness.client.listOrganizationMemberships({ organizationId: bigOrgId });
      const first = await list.page(undefined, { pageSize: 100 });
      const second = await list.page(first.nextCursor, { pageSize: 100 });
      assert.equal(first.items.length, 100);
      assert.equal(second.items.length, 100);
      assert.ok(second.nextCursor);
      const ids = new Set([...first.items, ...second.items].map((m) => m.id));
      assert.equal(ids.size, 200);
    });

    it('ends cleanly when the last full page is followed by an empty one', async () => {
      const before = harness.requestsTo(MEMBERS_PATH).length;
      const members = await collect(harness.client.listOrganizationMemberships({ organizationId: bigOrgId }, { pageSize: 50 }));
      assert.equal(members.length, 1_050);
      // 21 full pages, then Zendesk's empty last page.
      assert.equal(harness.requestsTo(MEMBERS_PATH).length - before, 22);
    });

    it('refuses a cursor it did not make', async () => {
      await assert.rejects(harness.client.listOrganizations().page('garbage' as PageCursor), /did not come from this client/);
    });

    it('refuses a hand-made offset cursor past Zendesk\'s page limit, and sends nothing', async () => {
      const before = harness.sandbox.requests.length;
      for (const cursor of ['o:101:100', 'o:1:101', 'o:0:100', 'o:5:0']) {
        await assert.rejects(harness.client.listOrganizations().page(cursor as PageCursor),
          (error: unknown) => error instanceof ZendeskInputError && error.field === 'cursor' && /pages 1 to 100 of at most 100/.test(error.message), cursor);
      }
      assert.equal(harness.sandbox.requests.length, before);
      const last = await harness.client.listOrganizations().page('o:100:100' as PageCursor);
      assert.deepEqual(harness.requestsTo(/^\/api\/v2\/organizations$/).at(-1)?.query, 'page=100&per_page=100');
      assert.ok(Array.isArray(last.items), 'the last page Zendesk serves is still asked for');
    });

    it('stops a listing promptly when cancelled', async () => {
      const controller = new AbortController();
      const list = harness.client.listOrganizationMemberships({ organizationId: bigOrgId }, { signal: controller.signal });
      const seen: number[] = [];
      const started = Date.now();
      const run = (async () => {
        for await (const membership of list) {
          seen.push(membership.id);
          if (seen.length === 100) {
            // The next page will hang for 10 s; cancel while it does.
            harness.sandbox.faults.inject({ path: MEMBERS_PATH, kind: 'delay', delayMs: 10_000, times: 1 });
            setTimeout(() => controller.abort(), 50);
          }
        }
      })();
      await assert.rejects(run, (error: unknown) => error instanceof Error && error.name === 'AbortError');
      assert.equal(seen.length, 100);
      assert.ok(Date.now() - started < 10_000, 'did not wait for the hanging page');
      harness.sandbox.faults.clear();
    });
  });

  describe('offset fallback', () => {
    let harness: Harness;
    let bigOrgId: number;

    before(async () => {
      harness = await startHarness({ orgs: 3, users: 10_100, bigOrgMembers: 10_050, cursorUnsupportedPaths: [MEMBERS_PATH] });
      bigOrgId = (await harness.client.listOrganizations().page(undefined, { pageSize: 1 })).items[0].id;
    });
    after(() => harness.close());

    it('follows next_page when an answer has no meta, and never asks past page 100', async () => {
      const seen: number[] = [];
      await assert.rejects((async () => {
        for await (const membership of harness.client.listOrganizationMemberships({ organizationId: bigOrgId })) {
          seen.push(membership.id);
        }
      })(), (error: unknown) => error instanceof ZendeskError && error.code === 'PaginationLimit' && /page 100/.test(error.message));
      assert.equal(seen.length, 10_000);
      assert.equal(new Set(seen).size, 10_000);
      const pages = harness.requestsTo(MEMBERS_PATH).map((request) => Number(new URLSearchParams(request.query).get('page') ?? '1'));
      assert.equal(pages.length, 100);
      assert.equal(Math.max(...pages), 100);
      assert.ok(harness.requestsTo(MEMBERS_PATH).every((request) => request.status === 200), 'no InvalidPaginationDepth');
    });
  });
});
