import type { PageCursor } from '../zendesk';

export interface LoadedPage<T> {
  items: T[];
  nextCursor?: PageCursor;
  /** More exists but Zendesk cannot page to it (offset listings stop at 10,000). */
  limitReached?: Error;
}

export type PageLoader<T> = (cursor: PageCursor | undefined) => Promise<LoadedPage<T>>;

/**
 * A clicked "Load more…" row that re-renders under the pointer would otherwise turn a double
 * click into two pages; clicks this soon after a page arrived are treated as the same click.
 */
export const LOAD_MORE_COOLDOWN_MS = 500;

/**
 * The children of one tree node, loaded a page at a time. VS Code has a single refresh entry
 * point, so loading is a separate step: append to this cache, then fire a change for the node.
 * Refreshing re-walks as many pages as were loaded, so "Load more…" progress survives it.
 * No `vscode` import: unit-tested in plain Node.
 */
export class PagedChildren<T> {
  items: T[] = [];
  nextCursor?: PageCursor;
  pagesLoaded = 0;
  error?: unknown;
  limitReached?: Error;
  private inFlight?: Promise<void>;
  private stale = false;
  private lastPageAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly loader: PageLoader<T>,
    private readonly keyOf: (item: T) => string | number,
    private readonly now: () => number = Date.now,
  ) {}

  get loading(): boolean {
    return this.inFlight !== undefined;
  }

  get hasMore(): boolean {
    return this.nextCursor !== undefined;
  }

  /** What `getChildren` awaits: the first page, or a re-walk after `invalidate()`. */
  ensureLoaded(): Promise<void> {
    if (this.inFlight) {
      return this.inFlight;
    }
    if (this.stale) {
      return this.reload();
    }
    if (this.pagesLoaded === 0 && this.error === undefined) {
      return this.track(this.appendNextPage());
    }
    return Promise.resolve();
  }

  /**
   * Appends one page. `shownCursor` is the cursor the clicked "Load more…" row stood for; a
   * click on a row whose page has already been loaded does nothing.
   */
  loadMore(shownCursor: PageCursor | undefined): Promise<void> {
    if (this.inFlight) {
      return this.inFlight;
    }
    if (shownCursor !== this.nextCursor || this.nextCursor === undefined || this.now() - this.lastPageAt < LOAD_MORE_COOLDOWN_MS) {
      return Promise.resolve();
    }
    return this.track(this.appendNextPage());
  }

  /** After a failure: try the page that failed again. */
  retry(): Promise<void> {
    if (this.inFlight) {
      return this.inFlight;
    }
    this.error = undefined;
    return this.stale ? this.reload() : this.track(this.appendNextPage());
  }

  /** Mark for a re-walk on the next `ensureLoaded()`, keeping what is shown meanwhile. */
  invalidate(): void {
    this.stale = true;
  }

  /** Re-walks the loaded pages from the start and swaps the result in at the end. */
  reload(): Promise<void> {
    if (this.inFlight) {
      return this.inFlight;
    }
    const pages = Math.max(1, this.pagesLoaded);
    return this.track((async () => {
      const items: T[] = [];
      const seen = new Set<string | number>();
      let cursor: PageCursor | undefined;
      let loaded = 0;
      let limitReached: Error | undefined;
      try {
        do {
          const page = await this.loader(cursor);
          appendUnique(items, seen, page.items, this.keyOf);
          cursor = page.nextCursor;
          limitReached = page.limitReached;
          loaded++;
        } while (loaded < pages && cursor !== undefined);
      } catch (error) {
        this.error = error; // keep the rows already shown; the error row offers a retry
        return;
      }
      this.stale = false;
      this.items = items;
      this.nextCursor = cursor;
      this.pagesLoaded = loaded;
      this.limitReached = limitReached;
      this.error = undefined;
      this.lastPageAt = this.now();
    })());
  }

  /** Adds or replaces an item without a reload (after a create in this session). */
  upsert(item: T): void {
    const key = this.keyOf(item);
    const index = this.items.findIndex((existing) => this.keyOf(existing) === key);
    if (index >= 0) {
      this.items[index] = item;
    } else {
      this.items.push(item);
    }
  }

  remove(key: string | number): boolean {
    const before = this.items.length;
    this.items = this.items.filter((item) => this.keyOf(item) !== key);
    return this.items.length !== before;
  }

  private async appendNextPage(): Promise<void> {
    try {
      const page = await this.loader(this.nextCursor);
      appendUnique(this.items, new Set(this.items.map(this.keyOf)), page.items, this.keyOf);
      this.nextCursor = page.nextCursor;
      this.limitReached = page.limitReached;
      this.pagesLoaded++;
      this.error = undefined;
      this.lastPageAt = this.now();
    } catch (error) {
      this.error = error;
    }
  }

  private track(work: Promise<void>): Promise<void> {
    const tracked = work.finally(() => {
      this.inFlight = undefined;
    });
    this.inFlight = tracked;
    return tracked;
  }
}

function appendUnique<T>(target: T[], seen: Set<string | number>, items: T[], keyOf: (item: T) => string | number): void {
  for (const item of items) {
    const key = keyOf(item);
    if (!seen.has(key)) {
      seen.add(key);
      target.push(item);
    }
  }
}
