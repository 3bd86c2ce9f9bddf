// Zendesk's two pagination styles (API-NOTES §4) over any sorted source.
// Cursor: page[size] (1-100), page[after] | page[before], meta{has_more, after_cursor,
// before_cursor}, links{next, prev}. Offset: page/per_page, next_page, previous_page, count,
// and the 400 InvalidPaginationDepth past page 100 / 10,000 records.
import { decodeCursor, encodeCursor, keyCompare, type CursorKey, type KeyShape } from './cursor';
import { invalidPagination, jsonApiError } from './errors';
import type { ApiResponse } from './http';

export interface PageSource<T> {
  readonly length: number;
  /** Sort key of item i; keys must ascend strictly with i. */
  keyAt(i: number): CursorKey;
  itemAt(i: number): T;
}

export type PagingMode = 'dual' | 'cursor' | 'offset';

export interface ListSpec {
  /** Binds cursors to one list, so a cursor from another list is rejected. */
  tag: string;
  shape: KeyShape;
  mode: PagingMode;
}

export interface PageLocation {
  query: URLSearchParams;
  /** The query as sent (repeated keys kept), copied into paging links. */
  rawQuery?: URLSearchParams;
  /** Treat a dual list as offset-only (page[size] etc. are ignored, as on an endpoint without cursor support). */
  cursorUnsupported?: boolean;
  rawPath: string;
  origin: string;
}

export type PageOutcome<T> = { ok: true; items: T[]; fields: Record<string, unknown> } | { ok: false; response: ApiResponse };

const MAX_PAGE_SIZE = 100;
const OFFSET_MAX_PAGE = 100;
const OFFSET_MAX_RECORDS = 10_000;
const PAGING_KEYS = ['page', 'per_page', 'page[size]', 'page[after]', 'page[before]'];

export function paginate<T>(where: PageLocation, source: PageSource<T>, spec: ListSpec): PageOutcome<T> {
  const q = where.query;
  const cursorAsked = q.has('page[size]') || q.has('page[after]') || q.has('page[before]');
  const mode = spec.mode === 'dual' && where.cursorUnsupported ? 'offset' : spec.mode;
  if (mode === 'cursor' || (mode === 'dual' && cursorAsked)) {
    // unverified: mixing the integer `page` with page[...] is rejected (the spec calls them exclusive).
    if (mode === 'dual' && q.has('page')) return fail('page and page[size]/page[after]/page[before] cannot be combined');
    return cursorPage(where, source, spec);
  }
  return offsetPage(where, source);
}

function cursorPage<T>(where: PageLocation, source: PageSource<T>, spec: ListSpec): PageOutcome<T> {
  const q = where.query;
  const size = q.has('page[size]') ? positiveInt(q.get('page[size]')) : MAX_PAGE_SIZE;
  if (size === undefined || size > MAX_PAGE_SIZE) return fail(`page[size] must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  const after = q.get('page[after]');
  const before = q.get('page[before]');
  if (after !== null && before !== null) return fail('page[after] and page[before] cannot be used together');
  let start = 0;
  let end = Math.min(size, source.length);
  const cursor = after ?? before;
  if (cursor !== null) {
    const key = decodeCursor(cursor, spec.tag, spec.shape);
    if (!key) return fail(`invalid cursor: ${cursor}`);
    if (after !== null) {
      start = searchFirst(source, (k) => keyCompare(k, key) > 0);
      end = Math.min(start + size, source.length);
    } else {
      end = searchFirst(source, (k) => keyCompare(k, key) >= 0);
      start = Math.max(0, end - size);
    }
  }
  const items: T[] = [];
  for (let i = start; i < end; i++) items.push(source.itemAt(i));
  // unverified: an empty page has null cursors.
  const afterCursor = items.length > 0 ? encodeCursor(spec.tag, source.keyAt(end - 1)) : null;
  const beforeCursor = items.length > 0 ? encodeCursor(spec.tag, source.keyAt(start)) : null;
  const link = (dir: 'after' | 'before', c: string | null): string | null =>
    c === null ? null : linkTo(where, [['page[size]', String(size)], [`page[${dir}]`, c]]);
  // The last page (has_more false) still carries a non-null links.next, as recorded (API-NOTES
  // §13): clients must stop on has_more. unverified: an empty page links to itself.
  const next = link('after', afterCursor)
    ?? (after !== null ? link('after', after) : linkTo(where, [['page[size]', String(size)], ...(before !== null ? [['page[before]', before] as [string, string]] : [])]));
  return {
    ok: true,
    items,
    fields: {
      // Live quirk (zenpy generator.py, "probably a bug: when the total amount is a multiple of
      // the page size, the very last page comes empty"): has_more is true whenever the page is
      // full, so an exact multiple ends with an extra, empty page whose has_more is false.
      meta: { has_more: items.length === size, after_cursor: afterCursor, before_cursor: beforeCursor },
      links: { next, prev: link('before', beforeCursor) },
    },
  };
}

function offsetPage<T>(where: PageLocation, source: PageSource<T>): PageOutcome<T> {
  const q = where.query;
  const page = q.has('page') ? positiveInt(q.get('page')) : 1;
  if (page === undefined) return fail('page must be a positive integer');
  const askedPerPage = q.has('per_page') ? positiveInt(q.get('per_page')) : MAX_PAGE_SIZE;
  if (askedPerPage === undefined) return fail('per_page must be a positive integer');
  // unverified: a per_page above 100 is clamped to 100 rather than rejected.
  const perPage = Math.min(askedPerPage, MAX_PAGE_SIZE);
  if (page > OFFSET_MAX_PAGE || page * perPage > OFFSET_MAX_RECORDS) {
    return {
      ok: false,
      response: jsonApiError(
        400,
        'InvalidPaginationDepth',
        'Pagination requests using Offset Pagination are limited to page 100 or up to 10000 records (page * per_page)',
        // unverified: the detail text.
        `Requested page ${page} with per_page ${perPage}. Use cursor pagination (page[size]) to read further.`,
      ),
    };
  }
  const start = (page - 1) * perPage;
  const end = Math.min(start + perPage, source.length);
  const items: T[] = [];
  for (let i = start; i < end; i++) items.push(source.itemAt(i));
  const to = (p: number): string => linkTo(where, [['page', String(p)], ['per_page', String(perPage)]]);
  return {
    ok: true,
    items,
    fields: {
      next_page: start + perPage < source.length ? to(page + 1) : null,
      previous_page: page > 1 ? to(page - 1) : null,
      count: source.length,
    },
  };
}

/** First index whose key satisfies `pred` (pred is monotone over the sorted source). */
function searchFirst<T>(source: PageSource<T>, pred: (key: CursorKey) => boolean): number {
  let lo = 0;
  let hi = source.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(source.keyAt(mid))) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function linkTo(where: PageLocation, paging: Array<[string, string]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of where.rawQuery ?? where.query) if (!PAGING_KEYS.includes(k)) params.append(k, v);
  for (const [k, v] of paging) params.append(k, v);
  return `${where.origin}${where.rawPath}?${params.toString()}`;
}

function positiveInt(text: string | null): number | undefined {
  if (text === null || !/^\d{1,9}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 ? n : undefined;
}

function fail<T>(detail: string): PageOutcome<T> {
  return { ok: false, response: invalidPagination(detail) };
}

/** A page source over an in-memory array already in key order. */
export function arraySource<T>(items: readonly T[], keyOf: (item: T) => CursorKey): PageSource<T> {
  return { length: items.length, keyAt: (i) => keyOf(items[i]), itemAt: (i) => items[i] };
}
