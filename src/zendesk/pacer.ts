/**
 * Slows requests down as `X-Rate-Limit-Remaining` nears zero instead of running into 429s: above
 * a tenth of the budget there is no delay; below it, each request waits a growing share of the
 * steady interval (60 s / limit), the whole interval once nothing is left. When Zendesk says when
 * the window resets (`ratelimit-reset`) and nothing is left, that wait is used instead.
 */
export class RateLimitPacer {
  private limit?: number;
  private remaining?: number;
  private resetAt?: number;
  private observedAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  observe(headers: { get(name: string): string | null }): void {
    const limit = numberHeader(headers, 'x-rate-limit') ?? numberHeader(headers, 'ratelimit-limit');
    const remaining = numberHeader(headers, 'x-rate-limit-remaining') ?? numberHeader(headers, 'ratelimit-remaining');
    if (limit === undefined || remaining === undefined || limit <= 0) {
      return;
    }
    const reset = numberHeader(headers, 'ratelimit-reset');
    this.limit = limit;
    this.remaining = remaining;
    this.observedAt = this.now();
    this.resetAt = reset !== undefined ? this.observedAt + reset * 1000 : undefined;
  }

  /** Milliseconds the next request should wait. */
  delay(): number {
    if (this.limit === undefined || this.remaining === undefined) {
      return 0;
    }
    const threshold = Math.max(2, Math.ceil(this.limit * 0.1));
    if (this.remaining >= threshold) {
      return 0;
    }
    const elapsed = this.now() - this.observedAt;
    if (this.remaining <= 0 && this.resetAt !== undefined) {
      return Math.max(0, this.resetAt - this.now());
    }
    const steadyInterval = 60_000 / this.limit;
    const share = 1 - this.remaining / threshold;
    return Math.max(0, Math.round(steadyInterval * share - elapsed));
  }
}

function numberHeader(headers: { get(name: string): string | null }, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || value.trim() === '') {
    return undefined;
  }
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}
