import type { BulkOperation } from './model';

/** Finished operations kept for the jobs panel; older ones are dropped. */
const KEEP_FINISHED = 30;
/** Finished operations with failed items nobody retried yet are kept apart, up to this many. */
const KEEP_UNRETRIED_FAILURES = 200;

/**
 * Of the finished operations (newest first), those to drop: beyond the newest 30, except that
 * failures nobody has retried yet are kept apart (up to 200), so no failed write vanishes unseen.
 */
export function operationsToPrune(finished: readonly BulkOperation[]): BulkOperation[] {
  const unretried = (operation: BulkOperation): boolean => !operation.retriedBy && operation.items.some((item) => item.outcome === 'failed');
  return [
    ...finished.filter((operation) => !unretried(operation)).slice(KEEP_FINISHED),
    ...finished.filter(unretried).slice(KEEP_UNRETRIED_FAILURES),
  ];
}
