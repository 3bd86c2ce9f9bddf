import assert from 'node:assert/strict';
import { LOAD_MORE_COOLDOWN_MS, LoadedPage, PagedChildren } from '../../../src/tree/pagedChildren';
import type { PageCursor } from '../../../src/zendesk';

/** A fake Zendesk listing of `total` numbered items, `size` per page, counting calls. */
function listing(total: number, size: number) {
  const calls: Array<PageCursor | undefined> = [];
  let failNext = false;
  let gate: Promise<void> | undefined;
  const loader = async (cursor: PageCursor | undefined): Promise<LoadedPage<number>> => {
    calls.push(cursor);
    await gate;
    if (failNext) {
      failNext = false;
      throw new Error('boom');
    }
    const start = cursor === undefined ? 0 : Number(cursor);
    const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i);
    const next = start + size < total ? (String(start + size) as PageCursor) : undefined;
    return { items, nextCursor: next };
  };
  return {
    loader, calls,
    failOnce: () => { failNext = true; },
    hold: () => { let release!: () => void; gate = new Promise((resolve) => (release = resolve)); return () => { gate = undefined; release(); }; },
  };
}

describe('PagedChildren', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => { clock = 1_000_000; });

  it('loads one page at first, then a page per "Load more"', async () => {
    const source = listing(250, 100);
    const children = new PagedChildren(source.loader, (n) => n, now);
    await children.ensureLoaded();
    assert.equal(children.items.length, 100);
    assert.ok(children.hasMore);
    clock += LOAD_MORE_COOLDOWN_MS;
    await children.loadMore(children.nextCursor);
    assert.equal(children.items.length, 200);
    clock += LOAD_MORE_COOLDOWN_MS;
    await children.loadMore(children.nextCursor);
    assert.equal(children.items.length, 250);
    assert.equal(children.hasMore, false);
    assert.equal(source.calls.length, 3);
  });

  it('turns a double click into one page: concurrent, stale and too-soon clicks are ignored', async () => {
    const source = listing(500, 100);
    const children = new PagedChildren(source.loader, (n) => n, now);
    await children.ensureLoaded();
    clock += LOAD_MORE_COOLDOWN_MS;
    const shown = children.nextCursor;
    const release = source.hold();
    const first = children.loadMore(shown);
    const second = children.loadMore(shown); // while the first is in flight
    release();
    await Promise.all([first, second]);
    await children.loadMore(shown); // the old row, clicked again
    await children.loadMore(children.nextCursor); // the new row, within the cooldown
    assert.equal(children.items.length, 200);
    assert.equal(source.calls.length, 2);
  });

  it('keeps the pages already loaded across a refresh', async () => {
    const source = listing(500, 100);
    const children = new PagedChildren(source.loader, (n) => n, now);
    await children.ensureLoaded();
    clock += LOAD_MORE_COOLDOWN_MS;
    await children.loadMore(children.nextCursor);
    children.invalidate();
    assert.equal(children.items.length, 200, 'rows stay while the refresh runs');
    await children.ensureLoaded();
    assert.equal(children.items.length, 200);
    assert.equal(children.pagesLoaded, 2);
    assert.equal(source.calls.length, 4);
  });

  it('keeps the rows and reports the error when a refresh fails, and retries it', async () => {
    const source = listing(300, 100);
    const children = new PagedChildren(source.loader, (n) => n, now);
    await children.ensureLoaded();
    children.invalidate();
    source.failOnce();
    await children.ensureLoaded();
    assert.equal(children.items.length, 100);
    assert.match(String(children.error), /boom/);
    await children.retry();
    assert.equal(children.error, undefined);
    assert.equal(children.items.length, 100);
  });

  it('does not retry a failed first page by itself, only when asked', async () => {
    const source = listing(300, 100);
    const children = new PagedChildren(source.loader, (n) => n, now);
    source.failOnce();
    await children.ensureLoaded();
    await children.ensureLoaded();
    assert.equal(source.calls.length, 1);
    await children.retry();
    assert.equal(children.items.length, 100);
  });

  it('merges a locally added item with the page that later brings it', async () => {
    const source = listing(150, 100);
    const children = new PagedChildren(source.loader, (n) => n, now);
    await children.ensureLoaded();
    children.upsert(120);
    clock += LOAD_MORE_COOLDOWN_MS;
    await children.loadMore(children.nextCursor);
    assert.equal(children.items.length, 150);
    assert.equal(children.items.filter((n) => n === 120).length, 1);
    assert.ok(children.remove(120));
    assert.equal(children.items.length, 149);
  });
});
