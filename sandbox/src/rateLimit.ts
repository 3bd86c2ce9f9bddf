// Account-wide requests-per-minute limit (API-NOTES §5) as a sliding one-minute window.
// Every API response carries X-Rate-Limit / X-Rate-Limit-Remaining and the ratelimit-* trio;
// over the limit → 429 with Retry-After = whole seconds until the oldest counted request ages
// out. A limit of 0 turns limiting off and no rate-limit headers are sent at all.
// unverified: the window is sliding (not fixed), refused requests are not counted, and every
// /api request counts, authenticated or not (the limit is per account).
import { jsonApiError } from './errors';
import type { ApiResponse } from './http';

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
      const rejection = jsonApiError(429, 'TooManyRequests', 'Too many requests',
        `Number of allowed API requests per minute exceeded (${this.limit}).`);
      // Refused requests are not counted: they do not consume quota.
      return { headers: { ...this.headers(0, retryAfter), 'Retry-After': String(retryAfter) }, rejection };
    }
    this.stamps.push(now);
    return { headers: this.headers(this.limit - used - 1, resetSeconds()) };
  }

  private headers(remaining: number, resetSeconds: number): Record<string, string> {
    return {
      'X-Rate-Limit': String(this.limit),
      'X-Rate-Limit-Remaining': String(remaining),
      'ratelimit-limit': String(this.limit),
      'ratelimit-remaining': String(remaining),
      'ratelimit-reset': String(resetSeconds),
    };
  }
}
