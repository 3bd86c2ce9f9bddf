import type { Credentials } from './credentials';
import type { ZendeskLogger } from './logger';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * How freely a request may be repeated after a failure that may have reached Zendesk:
 * - `idempotent`: repeating is harmless (GET, PUT, DELETE of one record);
 * - `unsafe`: repeat only when Zendesk provably did nothing (refused connection, 429, 503 + Retry-After):
 *   every POST by default, and any request that queues a job (destroy_many is a DELETE);
 * - `keyed`: a POST whose repeat is detectable (Zendesk answers 422 for an existing membership).
 */
export type RetryMode = 'idempotent' | 'unsafe' | 'keyed';

export type WaitReason = 'paced' | 'rateLimited' | 'unavailable' | 'serverError' | 'network' | 'timeout' | 'unreadable';

/**
 * Told before each wait (a retry, or pacing of a second or more), so a UI can say
 * "Zendesk is rate limiting — retrying in 12 s".
 */
export interface WaitNotice {
  method: HttpMethod;
  path: string;
  attempt: number;
  waitMs: number;
  reason: WaitReason;
  status?: number;
}

export interface RequestSpec {
  method: HttpMethod;
  /** Absolute path on the Zendesk origin, e.g. `/api/v2/organizations`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  retry?: RetryMode;
  /** Send the Authorization header (default true). */
  authenticated?: boolean;
  /** Told of this request's waits, besides the client's own listener (a command's progress). */
  onWait?: (notice: WaitNotice) => void;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Cap on the sum of all waits between attempts of one request. */
  maxTotalWaitMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Per attempt, body included. */
  timeoutMs: number;
}

/** The largest answer read (after decompression); a larger one is refused, not buffered. */
export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  maxTotalWaitMs: 120_000,
  backoffBaseMs: 500,
  backoffCapMs: 8_000,
  timeoutMs: 30_000,
};

/** How the client waits between attempts: a real timer, or a test's clock that records the waits. */
export type Sleeper = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface HttpClientOptions {
  baseUrl: string;
  /** Absent for a client that only calls unauthenticated endpoints (the OAuth token endpoint). */
  credentials?: Credentials;
  userAgent: string;
  logger?: ZendeskLogger;
  retry?: Partial<RetryPolicy>;
  onWait?: (notice: WaitNotice) => void;
  random?: () => number;
  /** Default DEFAULT_MAX_RESPONSE_BYTES (20 MB). */
  maxResponseBytes?: number;
  /** Default: real timers (timing.ts `sleep`). */
  sleep?: Sleeper;
}
