import assert from 'node:assert/strict';
import { failuresFirst, itemPage } from '../../../src/webview/itemPages';

describe('jobs panel: item pages', () => {
  const rows = Array.from({ length: 10_000 }, (_, index) => ({
    index, user: `user ${index}`, organization: 'Acme', change: 'add' as const, outcome: index % 1000 === 999 ? 'failed' as const : 'succeeded' as const, detail: '',
  }));

  it('lists failures first, the rest in item order', () => {
    const ordered = failuresFirst(rows);
    assert.deepEqual(ordered.slice(0, 10).map((row) => row.index), [999, 1999, 2999, 3999, 4999, 5999, 6999, 7999, 8999, 9999]);
    assert.deepEqual(ordered.slice(10, 13).map((row) => row.index), [0, 1, 2]);
    assert.equal(ordered.length, rows.length);
  });

  it('shows at most 500 rows a page and clamps the page', () => {
    const first = itemPage(rows, 0);
    assert.equal(first.rows.length, 500);
    assert.deepEqual([first.first, first.last, first.pageCount], [1, 500, 20]);
    const last = itemPage(rows, 99);
    assert.deepEqual([last.page, last.first, last.last, last.rows.length], [19, 9501, 10_000, 500]);
    assert.deepEqual([itemPage([], 3).page, itemPage([], 3).first, itemPage([], 3).last], [0, 0, 0]);
  });
});
