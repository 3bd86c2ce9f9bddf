// How many members each organization row has, from Zendesk's `organizations/{id}/related`
// (users_count). Zendesk has no bulk form, so it is one request per organization; these rules
// keep that bounded:
// - asked only for rows the view has just shown while it is visible (the model calls `want`);
// - at most `MAX_CONCURRENT_COUNTS` requests in flight per account, the rest queued;
// - at most one request per organization until that row (or the view) is refreshed, failures
//   included, so a page of organizations costs at most one request per row on it (≤ 100);
// - a count already known is shown while a refresh asks again.
// No `vscode` import.

export const MAX_CONCURRENT_COUNTS = 4;

export type CountFetcher = (organizationId: number, signal: AbortSignal) => Promise<number>;

export class MemberCounts {
  private readonly known = new Map<number, number>();
  /** Asked since the last refresh of that organization (queued, in flight, answered or failed). */
  private readonly asked = new Set<number>();
  private readonly queue: number[] = [];
  private readonly inFlight = new Map<number, AbortController>();

  constructor(
    private readonly fetchCount: CountFetcher,
    /** Told when an organization's count arrived (the rows showing it re-render). */
    private readonly arrived: (organizationId: number, count: number) => void,
    private readonly concurrency = MAX_CONCURRENT_COUNTS,
  ) {}

  get(organizationId: number): number | undefined {
    return this.known.get(organizationId);
  }

  /** A change this window made (a member added or removed): the count shown follows without a request. */
  adjust(organizationId: number, delta: number): boolean {
    const count = this.known.get(organizationId);
    if (count === undefined) {
      return false;
    }
    this.known.set(organizationId, Math.max(0, count + delta));
    return true;
  }

  /** Asks for the counts of these organizations, those not asked since their last refresh. */
  want(organizationIds: Iterable<number>): void {
    for (const id of organizationIds) {
      if (!this.asked.has(id)) {
        this.asked.add(id);
        this.queue.push(id);
      }
    }
    this.pump();
  }

  /** A refresh: these organizations (or all) may be asked once more; what is known stays shown meanwhile. */
  refresh(organizationIds?: Iterable<number>): void {
    const ids = organizationIds === undefined ? [...this.asked] : [...organizationIds];
    for (const id of ids) {
      if (!this.inFlight.has(id)) {
        this.asked.delete(id);
      }
    }
    const again = new Set(ids);
    this.queue.splice(0, this.queue.length, ...this.queue.filter((id) => !again.has(id)));
  }

  /** Drops the queue and aborts what is in flight (the account went, or the view is disposed). */
  dispose(): void {
    this.queue.length = 0;
    this.inFlight.forEach((controller) => controller.abort());
    this.inFlight.clear();
  }

  /** Requests currently in flight (for tests and the figures). */
  get pending(): number {
    return this.inFlight.size;
  }

  private pump(): void {
    while (this.inFlight.size < this.concurrency && this.queue.length > 0) {
      const id = this.queue.shift() as number;
      const controller = new AbortController();
      this.inFlight.set(id, controller);
      this.fetchCount(id, controller.signal).then((count) => {
        if (!controller.signal.aborted) {
          this.known.set(id, count);
          this.arrived(id, count);
        }
      }, () => {
        // No number is shown for it (rather than a wrong one); a refresh of the row asks again.
      }).finally(() => {
        if (this.inFlight.get(id) === controller) {
          this.inFlight.delete(id);
        }
        this.pump();
      });
    }
  }
}
