/** The 1-based line of `position`, given the sorted positions of the line breaks before it and after. */
export function lineNumberAt(breaks: readonly number[], position: number): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (breaks[mid] < position) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}
