// The item table of a big operation: failures first, then the rest in their original order, shown
// one page at a time so 10,000 rows never reach the DOM at once. No DOM use here.
import type { ItemRow } from '../jobs/panelProtocol';

export const PAGE_SIZE = 500;

/** Failed items first; otherwise the order the host sent (item order). A stable partition. */
export function failuresFirst(rows: readonly ItemRow[]): ItemRow[] {
  const failed: ItemRow[] = [];
  const rest: ItemRow[] = [];
  for (const row of rows) {
    (row.outcome === 'failed' ? failed : rest).push(row);
  }
  return failed.concat(rest);
}

export interface ItemPage {
  rows: ItemRow[];
  /** 0-based page index actually shown (clamped). */
  page: number;
  pageCount: number;
  /** 1-based positions of the first and last row shown; 0 when there are none. */
  first: number;
  last: number;
  total: number;
}

export function itemPage(ordered: readonly ItemRow[], requestedPage: number, pageSize = PAGE_SIZE): ItemPage {
  const total = ordered.length;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(0, Math.floor(requestedPage) || 0), pageCount - 1);
  const start = page * pageSize;
  const rows = ordered.slice(start, start + pageSize);
  return { rows, page, pageCount, first: rows.length ? start + 1 : 0, last: start + rows.length, total };
}
