// Ascending id arrays with binary search: the membership indexes stay sorted because new ids only
// ever grow, so inserts are pushes and lookups/removals are O(log n).

/** First position whose value is >= id. */
export function lowerBound(ids: readonly number[], id: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function removeSorted(ids: number[], id: number): boolean {
  const at = lowerBound(ids, id);
  if (ids[at] !== id) return false;
  ids.splice(at, 1);
  return true;
}
