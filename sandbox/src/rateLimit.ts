// Requests-per-minute limits (API-NOTES §5, §13) as sliding one-minute windows: the account-wide
// limit, and optionally an endpoint's own (autocomplete, whose 429 the spec words "Too many
// requests to autocomplete"). Over a limit → 429 with Retry-After = whole seconds until the oldest
// counted request ages out. A limit of 0 turns it off and its headers are not sent at all.
// Headers, in the spelling SandboxOptions.rateLimitHeaders chooses (both were recorded, §13):
//   'ratelimit':  X-Rate-Limit, X-Rate-Limit-Remaining, ratelimit-limit/-remaining/-reset,
//                 zendesk-ratelimit-<endpoint>: total=N; remaining=M; resets=S
//   'rate-limit': rate-limit, rate-limit-remaining, rate-limit-reset (no X-Rate-Limit, which was
//                 missing on some recorded endpoints), zendesk-rate-limit-<endpoint>: …
// unverified: the window is sliding (not fixed), refused requests are not counted, every /api
// request counts, authenticated or not (the limit is per account), and the endpoint's name.
import { jsonApiError } from './errors';
import type { ApiResponse } from './http';
import type { RateLimitSpelling } from './options';

export interface RateDecision {
  /** Headers to add to the response (empty when limiting is off). */
  headers: Record<string, string>;
  /** Set when the request must be refused. */
  rejection?: ApiResponse;
}

export class RateLimiter {
  private stamps: number[] = [];
  private head = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    private readonly spelling: RateLimitSpelling = 'ratelimit',
    /** Set for an endpoint's own limit: its headers are zendesk-ratelimit-<endpoint> alone. */
    private readonly endpoint?: string,
  ) {}

  /** Counts one request (unless refused) and says whether it may proceed. */
  take(): RateDecision {
    if (this.limit <= 0) return { headers: {} };
    const now = this.now();
    while (this.head < this.stamps.length && this.stamps[this.head] <= now - this.windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.stamps.length) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
    const used = this.stamps.length - this.head;
    const resetSeconds = (): number =>
      used === 0 ? Math.ceil(this.windowMs / 1000) : Math.max(1, Math.ceil((this.stamps[this.head] + this.windowMs - now) / 1000));
    if (used >= this.limit) {
      const retryAfter = resetSeconds();
      const rejection = this.endpoint === undefined
        ? jsonApiError(429, 'TooManyRequests', 'Too many requests', `Number of allowed API requests per minute exceeded (${this.limit}).`)
        // The body the spec declares for AutocompleteOrganizations' 429 (API-NOTES §1.2).
        : { status: 429, body: { errors: [{ code: 'TooManyRequests', title: `Too many requests to ${this.endpoint}` }] } };
      // Refused requests are not counted: they do not consume quota.
      return { headers: { ...this.headers(0, retryAfter), 'Retry-After': String(retryAfter) }, rejection };
    }
    this.stamps.push(now);
    return { headers: this.headers(this.limit - used - 1, resetSeconds()) };
  }

  private headers(remaining: number, resetSeconds: number): Record<string, string> {
    if (this.endpoint !== undefined) {
      const name = this.spelling === 'ratelimit' ? `zendesk-ratelimit-${this.endpoint}` : `zendesk-rate-limit-${this.endpoint}`;
      return { [name]: `total=${this.limit}; remaining=${remaining}; resets=${resetSeconds}` };
    }
    if (this.spelling === 'rate-limit') {
      return { 'rate-limit': String(this.limit), 'rate-limit-remaining': String(remaining), 'rate-limit-reset': String(resetSeconds) };
    }
    return {
      'X-Rate-Limit': String(this.limit),
      'X-Rate-Limit-Remaining': String(remaining),
      'ratelimit-limit': String(this.limit),
      'ratelimit-remaining': String(remaining),
      'ratelimit-reset': String(resetSeconds),
    };
  }
}
