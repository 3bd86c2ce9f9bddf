import { ZendeskError, ZendeskInputError } from './errors';
import type { ZendeskHttp } from './http';
import type { MembershipSideloads } from './types';

/** An opaque position in a listing; hand it back to `page()` to get the next page. */
export type PageCursor = string & { readonly __pageCursor: unique symbol };

export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  nextCursor?: PageCursor;
  /** Records sideloaded with `include=` (users, organizations). */
  included: MembershipSideloads;
  /**
   * Set when more records exist but Zendesk's offset paging cannot reach them (past page 100);
   * the iterator raises it as a `PaginationLimit` error after yielding this page.
   */
  limitReached?: ZendeskError;
}

export interface PageOptions {
  pageSize?: number;
  signal?: AbortSignal;
}

/** All items through `for await`, or one page at a time (for a tree that loads lazily). */
export interface PagedList<T> extends AsyncIterable<T> {
  page(cursor?: PageCursor, options?: PageOptions): Promise<Page<T>>;
}

/**
 * How an endpoint pages: `dual` takes cursor or offset (we always ask for cursor and fall back
 * to `next_page` only when the answer carries no `meta`), `cursor` only, `offset` only.
 */
export type PagingKind = 'dual' | 'cursor' | 'offset';

export interface ListEndpoint {
  path: string;
  itemsKey: string;
  paging: PagingKind;
  query?: Record<string, string | number | undefined>;
}

export const MAX_PAGE_SIZE = 100;
/** Zendesk answers 400 InvalidPaginationDepth past offset page 100 or 10,000 records. */
const MAX_OFFSET_PAGE = 100;
const MAX_OFFSET_RECORDS = 10_000;

type CursorState = { kind: 'after'; after: string } | { kind: 'offset'; page: number; perPage: number };

interface ListBody extends MembershipSideloads {
  meta?: { has_more?: boolean; after_cursor?: string | null };
  links?: { next?: string | null };
  next_page?: string | null;
  [key: string]: unknown;
}

export function pagedList<T>(http: ZendeskHttp, endpoint: ListEndpoint, defaults: PageOptions = {}): PagedList<T> {
  const page = async (cursor?: PageCursor, options: PageOptions = {}): Promise<Page<T>> => {
    const pageSize = checkPageSize(options.pageSize ?? defaults.pageSize ?? MAX_PAGE_SIZE);
    const state = cursor === undefined ? undefined : decodeCursor(cursor);
    const { body } = await http.request<ListBody>({
      method: 'GET',
      path: endpoint.path,
      query: { ...endpoint.query, ...pagingQuery(endpoint.paging, state, pageSize) },
      signal: options.signal ?? defaults.signal,
    });
    return interpretPage<T>(endpoint, body ?? {}, state);
  };

  return {
    page,
    async *[Symbol.asyncIterator]() {
      let cursor: PageCursor | undefined;
      const seen = new Set<string>();
      do {
        const current = await page(cursor);
        yield* current.items;
        if (current.limitReached) {
          throw current.limitReached;
        }
        cursor = current.nextCursor;
        if (cursor !== undefined) {
          if (seen.has(cursor)) {
            throw new ZendeskError({ status: 0, code: 'InvalidResponse', path: endpoint.path, description: 'Zendesk returned the same page cursor twice; stopping to avoid an endless listing.' });
          }
          seen.add(cursor);
        }
      } while (cursor !== undefined);
    },
  };
}

function pagingQuery(paging: PagingKind, state: CursorState | undefined, pageSize: number): Record<string, string | number> {
  if (state?.kind === 'offset') {
    return { page: state.page, per_page: state.perPage };
  }
  if (paging === 'offset') {
    return { per_page: pageSize };
  }
  return state ? { 'page[size]': pageSize, 'page[after]': state.after } : { 'page[size]': pageSize };
}

function interpretPage<T>(endpoint: ListEndpoint, body: ListBody, previous: CursorState | undefined): Page<T> {
  const raw = body[endpoint.itemsKey];
  if (!Array.isArray(raw)) {
    throw new ZendeskError({ status: 200, code: 'InvalidResponse', method: 'GET', path: endpoint.path, description: `Zendesk's answer has no "${endpoint.itemsKey}" list.` });
  }
  const included = { users: body.users, organizations: body.organizations };
  const next = nextPosition(body, previous);
  if (next?.kind === 'offset' && (next.page > MAX_OFFSET_PAGE || next.page * next.perPage > MAX_OFFSET_RECORDS)) {
    const limitReached = new ZendeskError({
      status: 0, code: 'PaginationLimit', method: 'GET', path: endpoint.path,
      description: `This Zendesk listing only pages by offset, and Zendesk refuses offset pages past page ${MAX_OFFSET_PAGE} (${MAX_OFFSET_RECORDS.toLocaleString('en-US')} records). Narrow the listing to see the rest.`,
    });
    return { items: raw as T[], included, limitReached };
  }
  return { items: raw as T[], nextCursor: next && encodeCursor(next), included };
}

function nextPosition(body: ListBody, previous: CursorState | undefined): CursorState | undefined {
  if (body.meta && typeof body.meta === 'object') {
    if (!body.meta.has_more) {
      return undefined;
    }
    // Prefer the cursor value; read `links.next` only for its page[after], never its host.
    const after = body.meta.after_cursor ?? afterFromLink(body.links?.next);
    return after ? { kind: 'after', after } : undefined;
  }
  if (typeof body.next_page === 'string' && body.next_page !== '') {
    return offsetFromLink(body.next_page, previous);
  }
  return undefined;
}

function afterFromLink(link: string | null | undefined): string | undefined {
  if (!link) {
    return undefined;
  }
  try {
    return new URL(link).searchParams.get('page[after]') ?? undefined;
  } catch {
    return undefined;
  }
}

function offsetFromLink(link: string, previous: CursorState | undefined): { kind: 'offset'; page: number; perPage: number } | undefined {
  let params: URLSearchParams;
  try {
    params = new URL(link).searchParams;
  } catch {
    return undefined;
  }
  const page = Number(params.get('page'));
  const perPage = Number(params.get('per_page') ?? (previous?.kind === 'offset' ? previous.perPage : MAX_PAGE_SIZE));
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1) {
    return undefined;
  }
  return { kind: 'offset', page, perPage };
}

function encodeCursor(state: CursorState): PageCursor {
  const text = state.kind === 'after' ? `a:${state.after}` : `o:${state.page}:${state.perPage}`;
  return text as PageCursor;
}

function decodeCursor(cursor: PageCursor): CursorState {
  const text = String(cursor);
  if (text.startsWith('a:') && text.length > 2) {
    return { kind: 'after', after: text.slice(2) };
  }
  const offset = /^o:(\d+):(\d+)$/.exec(text);
  if (offset) {
    // Cursors this client makes never pass Zendesk's offset limit; a hand-made one must not either.
    const page = Number(offset[1]);
    const perPage = Number(offset[2]);
    if (page < 1 || page > MAX_OFFSET_PAGE || perPage < 1 || perPage > MAX_PAGE_SIZE) {
      throw new ZendeskInputError('cursor', `This page cursor asks for offset page ${page} of ${perPage}; Zendesk serves pages 1 to ${MAX_OFFSET_PAGE} of at most ${MAX_PAGE_SIZE} records.`);
    }
    return { kind: 'offset', page, perPage };
  }
  throw new ZendeskInputError('cursor', 'This page cursor did not come from this client.');
}

function checkPageSize(size: number): number {
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new ZendeskInputError('pageSize', `The page size must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  }
  return size;
}
