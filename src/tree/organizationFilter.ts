// The Organizations view filtered by name: the account's organizations whose name starts with the
// text, found by Zendesk (organizations/autocomplete), not among the rows already loaded. Each
// filter text is its own listing with its own abort signal: typing on cancels the request of the
// text before, and its late answer is never shown. No `vscode` import.
import type { PageCursor } from '../zendesk';
import type { OrganizationNode } from './nodes';
import { type LoadedPage, PagedChildren } from './pagedChildren';

export type FilterLoader = (text: string, cursor: PageCursor | undefined, signal: AbortSignal) => Promise<LoadedPage<OrganizationNode>>;

export class OrganizationFilter {
  readonly results: PagedChildren<OrganizationNode>;
  private readonly controller = new AbortController();

  constructor(readonly text: string, load: FilterLoader, now: () => number) {
    this.results = new PagedChildren((cursor) => load(text, cursor, this.controller.signal), (node) => node.id, now);
  }

  /** Zendesk answered and nothing matched. */
  get matchesNothing(): boolean {
    return this.results.pagesLoaded > 0 && this.results.items.length === 0 && this.results.error === undefined;
  }

  /** Aborts its request in flight; it is being replaced or cleared. */
  cancel(): void {
    this.controller.abort();
  }
}
