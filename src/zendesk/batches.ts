import { MAX_PAGE_SIZE } from './paging';

/**
 * `items` in runs of at most `size`, in order. Zendesk takes at most 100 ids per `show_many`
 * request and 100 items per bulk job, so every caller that asks about many records splits them here.
 */
export function inBatches<T>(items: readonly T[], size: number = MAX_PAGE_SIZE): T[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`A batch holds at least one item (got ${size}).`);
  }
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    batches.push(items.slice(start, start + size));
  }
  return batches;
}
