/**
 * Slows requests down as a rate-limit budget nears zero instead of running into 429s: above a
 * tenth of the budget there is no delay; below it, each request waits a growing share of the
 * steady interval (60 s / limit), the whole interval once nothing is left. When Zendesk says when
 * the window resets and nothing is left, that wait is used instead.
 *
 * Zendesk spells the headers several ways (API-NOTES §5, §13), and every spelling is read:
 * - the account's budget: `X-Rate-Limit` / `X-Rate-Limit-Remaining`, `ratelimit-limit` /
 *   `-remaining` / `-reset` (2024), `rate-limit` / `rate-limit-remaining` / `rate-limit-reset` (2023);
 * - an endpoint's own budget: `zendesk-ratelimit-<name>` or `zendesk-rate-limit-<name>`, valued
 *   `total=100; remaining=99; resets=41`. It paces only requests to the endpoint (method and
 *   path, ids ignored) that reported it, so a busy autocomplete does not slow everything else.
 */
export class RateLimitPacer {
  private account?: Budget;
  /** Endpoint budgets by header name, each with the endpoints that reported it. */
  private readonly endpoints = new Map<string, { budget: Budget; routes: Set<string> }>();

  constructor(private readonly now: () => number = Date.now) {}

  observe(headers: HeaderSource, route?: string): void {
    const limit = firstNumber(headers, ['x-rate-limit', 'ratelimit-limit', 'rate-limit']);
    const remaining = firstNumber(headers, ['x-rate-limit-remaining', 'ratelimit-remaining', 'rate-limit-remaining']);
    if (limit !== undefined && remaining !== undefined && limit > 0) {
      this.account = this.budget(limit, remaining, firstNumber(headers, ['ratelimit-reset', 'rate-limit-reset']));
    }
    if (route === undefined || typeof headers.forEach !== 'function') {
      return;
    }
    headers.forEach((value, name) => {
      const endpoint = /^zendesk-rate-?limit-(.+)$/i.exec(name)?.[1]?.toLowerCase();
      const parsed = endpoint === undefined ? undefined : parseEndpointBudget(value);
      if (endpoint !== undefined && parsed) {
        const routes = this.endpoints.get(endpoint)?.routes ?? new Set<string>();
        routes.add(route);
        this.endpoints.set(endpoint, { budget: this.budget(parsed.total, parsed.remaining, parsed.resets), routes });
      }
    });
  }

  /** Milliseconds the next request (to `route`, when given) should wait. */
  delay(route?: string): number {
    let wait = this.account ? this.delayFor(this.account) : 0;
    if (route !== undefined) {
      for (const { budget, routes } of this.endpoints.values()) {
        if (routes.has(route)) {
          wait = Math.max(wait, this.delayFor(budget));
        }
      }
    }
    return wait;
  }

  /** The account's budget as last reported, for log lines: "remaining/limit", or undefined. */
  describe(): string | undefined {
    return this.account ? `${this.account.remaining}/${this.account.limit}` : undefined;
  }

  private budget(limit: number, remaining: number, resetSeconds: number | undefined): Budget {
    const observedAt = this.now();
    return { limit, remaining, observedAt, resetAt: resetSeconds !== undefined ? observedAt + resetSeconds * 1000 : undefined };
  }

  private delayFor(budget: Budget): number {
    const threshold = Math.max(2, Math.ceil(budget.limit * 0.1));
    if (budget.remaining >= threshold) {
      return 0;
    }
    const elapsed = this.now() - budget.observedAt;
    if (budget.remaining <= 0 && budget.resetAt !== undefined) {
      return Math.max(0, budget.resetAt - this.now());
    }
    const steadyInterval = 60_000 / budget.limit;
    const share = 1 - budget.remaining / threshold;
    return Math.max(0, Math.round(steadyInterval * share - elapsed));
  }
}

export interface HeaderSource {
  get(name: string): string | null;
  forEach?(callback: (value: string, name: string) => void): void;
}

interface Budget {
  limit: number;
  remaining: number;
  observedAt: number;
  resetAt?: number;
}

/** `total=100; remaining=99; resets=41` (API-NOTES §5); anything else is ignored. */
function parseEndpointBudget(value: string): { total: number; remaining: number; resets?: number } | undefined {
  const fields = new Map(value.split(';').map((part) => part.split('=').map((text) => text.trim().toLowerCase()) as [string, string]));
  const total = Number(fields.get('total'));
  const remaining = Number(fields.get('remaining'));
  const resets = fields.has('resets') ? Number(fields.get('resets')) : undefined;
  if (!Number.isFinite(total) || total <= 0 || !Number.isFinite(remaining) || (resets !== undefined && !Number.isFinite(resets))) {
    return undefined;
  }
  return { total, remaining, resets };
}

function firstNumber(headers: HeaderSource, names: readonly string[]): number | undefined {
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null && value.trim() !== '') {
      const parsed = Number(value);
      if (Number.isFinite(parsed)) {
        return parsed;
      }
    }
  }
  return undefined;
}
