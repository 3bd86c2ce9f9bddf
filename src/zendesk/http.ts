import type { Headers } from 'node-fetch';
import { secretsOfHeader, staticAuthorization } from './credentials';
import { ZendeskError, parseErrorBody } from './errors';
import { ZendeskLogger, silentLogger } from './logger';
import { RateLimitPacer } from './pacer';
import { Redactor } from './redact';
import { backoffDelay, parseRetryAfter, sleep } from './timing';
import { describeTlsProblem } from './tls';
import { sendOnce } from './httpAttempt';
import {
  DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_RETRY_POLICY, HttpClientOptions, RequestSpec, RetryPolicy, WaitNotice, WaitReason,
} from './httpPolicy';
import { buildQuery, defaultCode, queryNames, routeOf, withoutQueryValues } from './httpWire';

export * from './httpPolicy';
export { buildQuery, queryNames, withoutQueryValues } from './httpWire';

export interface HttpResult<T> {
  status: number;
  body: T;
  headers: Headers;
  attempts: number;
}

/**
 * The single HTTP path under every Zendesk operation: authentication, headers, timeouts,
 * retries (`Retry-After`, backoff with jitter), pacing by the rate-limit headers, error parsing
 * and redaction. Nothing else in the extension talks to Zendesk.
 */
export class ZendeskHttp {
  readonly baseUrl: string;
  readonly redactor = new Redactor();
  private readonly policy: RetryPolicy;
  private readonly pacer = new RateLimitPacer();
  private readonly logger: ZendeskLogger;

  constructor(private readonly options: HttpClientOptions) {
    this.baseUrl = options.baseUrl;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.logger = options.logger ?? silentLogger;
  }

  async request<T>(spec: RequestSpec): Promise<HttpResult<T>> {
    const mode = spec.retry ?? (spec.method === 'POST' ? 'unsafe' : 'idempotent');
    const target = spec.path + buildQuery(spec.query);
    // Logs and errors name the query's parameters, never their values (searched names and emails).
    const label = `${spec.method} ${spec.path}${queryNames(spec.query)}`;
    let waitedMs = 0;
    let uncertain = false;
    let offeredRefresh = false;

    for (let attempt = 1; ; attempt++) {
      spec.signal?.throwIfAborted();
      waitedMs += await this.pace(spec, attempt, waitedMs);
      const authorization = spec.authenticated === false ? undefined : await this.authorization(spec.signal);
      const started = Date.now();
      const outcome = await sendOnce(this.baseUrl + target, spec, { authorization, userAgent: this.options.userAgent, timeoutMs: this.policy.timeoutMs, maxBytes: this.maxResponseBytes });
      const elapsed = Date.now() - started;

      const retryAfterStep = (waitMs: number, reason: WaitReason, status?: number): boolean => {
        if (attempt >= this.policy.maxAttempts || waitedMs + waitMs > this.policy.maxTotalWaitMs) {
          return false;
        }
        waitedMs += waitMs;
        this.logger.warn(this.redactor.redact(`${label}: ${reason}${status ? ` (HTTP ${status})` : ''}, retry ${attempt + 1}/${this.policy.maxAttempts} in ${waitMs} ms`));
        this.notify(spec, { method: spec.method, path: spec.path, attempt, waitMs, reason, status });
        return true;
      };

      if ('failure' in outcome) {
        const { failure } = outcome;
        uncertain ||= failure.mayHaveReached;
        this.logger.warn(this.redactor.redact(`${label} failed after ${elapsed} ms: ${failure.message}`));
        if (failure.tls) {
          // A certificate or a server that does not speak TLS does not change by retrying.
          const message = describeTlsProblem(failure.tls, this.baseUrl);
          throw new ZendeskError({
            status: 0, code: failure.code, tls: failure.tls, method: spec.method, path: spec.path, origin: this.baseUrl,
            afterUncertainAttempt: uncertain, description: message, message,
          });
        }
        const retryable = mode !== 'unsafe' || !failure.mayHaveReached;
        const waitMs = this.backoff(attempt);
        if (retryable && retryAfterStep(waitMs, failure.code === 'Timeout' ? 'timeout' : 'network')) {
          await this.sleep(waitMs, spec.signal);
          continue;
        }
        throw new ZendeskError({
          status: 0, code: failure.code, method: spec.method, path: spec.path, origin: this.baseUrl, afterUncertainAttempt: uncertain,
          description: this.redactor.redact(failure.message),
        });
      }
      if ('tooLarge' in outcome) {
        const { status, bytes } = outcome.tooLarge;
        const limitMb = Math.round(this.maxResponseBytes / 1024 / 1024);
        this.logger.warn(`${label} → ${status}: answer of ${bytes > this.maxResponseBytes ? `${bytes} bytes` : `more than ${this.maxResponseBytes} bytes`} refused (limit ${this.maxResponseBytes})`);
        throw new ZendeskError({
          status, code: 'ResponseTooLarge', method: spec.method, path: spec.path, origin: this.baseUrl,
          // A write that was answered has happened, even if its answer could not be read.
          afterUncertainAttempt: uncertain || spec.method !== 'GET',
          description: `Zendesk's answer is larger than ${limitMb} MB, so it was not read (the request was stopped). Ask for less at a time (a smaller page).`,
        });
      }

      const { status, headers, text } = outcome;
      this.pacer.observe(headers, routeOf(spec));
      const budget = this.pacer.describe();
      this.logger.info(this.redactor.redact(`${label} → ${status} in ${elapsed} ms${budget ? ` (rate limit ${budget} left)` : ''}`));

      if (status >= 300 && status < 400) {
        throw this.redirectError(status, headers, spec);
      }
      if (status < 300) {
        const body = this.parseSuccess<T>(text, status, spec);
        if (!(body instanceof ZendeskError)) {
          return { status, headers, attempts: attempt, body };
        }
        // A read answered with something unreadable (broken JSON, an HTML page) is asked again;
        // a write is not: it has happened, and its caller reads the result back instead.
        const waitMs = this.backoff(attempt);
        if (spec.method === 'GET' && retryAfterStep(waitMs, 'unreadable', status)) {
          await this.sleep(waitMs, spec.signal);
          continue;
        }
        throw body;
      }

      const parsed = parseErrorBody(this.redactor.redact(text), headers.get('content-type'));
      const retryAfter = parseRetryAfter(headers.get('retry-after'));
      const tooManyJobs = parsed.code === 'TooManyJobs' || text.includes('TooManyJobs');

      const credentials = this.options.credentials;
      if (status === 401 && authorization && !offeredRefresh && credentials?.kind === 'provider' && credentials.onUnauthorized) {
        offeredRefresh = true;
        if (await credentials.onUnauthorized(authorization, spec.signal)) {
          attempt--; // a refreshed token is a fresh start, not a retry
          continue;
        }
      }
      if ((status === 429 || status === 503) && retryAfter !== undefined && !tooManyJobs) {
        // Zendesk refused before doing anything, so even a POST may be repeated.
        const waitMs = Math.ceil(retryAfter * 1000);
        if (retryAfterStep(waitMs, status === 429 ? 'rateLimited' : 'unavailable', status)) {
          await this.sleep(waitMs, spec.signal);
          continue;
        }
      } else if ((status === 429 && !tooManyJobs) || (status >= 500 && mode !== 'unsafe')) {
        uncertain ||= status >= 500;
        const waitMs = this.backoff(attempt);
        if (retryAfterStep(waitMs, status === 429 ? 'rateLimited' : 'serverError', status)) {
          await this.sleep(waitMs, spec.signal);
          continue;
        }
      }
      throw new ZendeskError({
        status,
        // However Zendesk words it, callers (the bulk scheduler) recognise TooManyJobs by its code.
        code: tooManyJobs ? 'TooManyJobs' : parsed.code ?? defaultCode(status),
        title: parsed.title,
        description: parsed.description,
        details: parsed.details,
        retryAfter,
        method: spec.method,
        path: spec.path,
        origin: this.baseUrl,
        requestId: headers.get('x-request-id') ?? headers.get('x-zendesk-request-id') ?? undefined,
        afterUncertainAttempt: uncertain || (status >= 500 && !(status === 503 && retryAfter !== undefined)),
      });
    }
  }

  /**
   * A request whose answer must be an object holding `key` (e.g. `{organization: {...}}`): anything
   * else (an empty body, another shape) is an InvalidResponse error, not a crash further on.
   */
  async requestKey<T>(spec: RequestSpec, key: string, shape: 'object' | 'list'): Promise<T> {
    const { body, status } = await this.request<Record<string, unknown> | undefined>(spec);
    const value = body !== null && typeof body === 'object' ? body[key] : undefined;
    const fits = shape === 'list' ? Array.isArray(value) : value !== null && typeof value === 'object' && !Array.isArray(value);
    if (!fits) {
      throw new ZendeskError({
        status, code: 'InvalidResponse', method: spec.method, path: spec.path, origin: this.baseUrl,
        description: `Zendesk's answer (HTTP ${status}) ${body === undefined ? 'was empty' : `has no "${key}" ${shape}`}, so it cannot be read.`,
      });
    }
    return value as T;
  }

  /**
   * Waits as the rate-limit headers advise, within the request's wait budget. A wait that does not
   * fit is skipped: Zendesk's own 429 then says how long, and the request fails with that.
   */
  private async pace(spec: RequestSpec, attempt: number, waitedMs: number): Promise<number> {
    const waitMs = this.pacer.delay(routeOf(spec));
    if (waitMs <= 0 || waitedMs + waitMs > this.policy.maxTotalWaitMs) {
      return 0;
    }
    if (waitMs >= 1_000) {
      this.logger.info(`${spec.method} ${spec.path}: pacing ${waitMs} ms to stay under Zendesk's rate limit`);
      this.options.onWait?.({ method: spec.method, path: spec.path, attempt, waitMs, reason: 'paced' });
    }
    await this.sleep(waitMs, spec.signal);
    return waitMs;
  }

  /** The parsed body, or the error that says it is not JSON (returned, so the caller may retry a read). */
  private parseSuccess<T>(text: string, status: number, spec: RequestSpec): T | ZendeskError {
    if (text.trim() === '') {
      return undefined as T;
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      return new ZendeskError({
        status, code: 'InvalidResponse', method: spec.method, path: spec.path, origin: this.baseUrl,
        description: `Zendesk answered with something that is not JSON: ${this.redactor.redact(text.slice(0, 80).replace(/\s+/g, ' '))}…`,
      });
    }
  }

  /**
   * Redirects are not followed (credentials must not travel to another host), so a 3xx means the
   * address is not Zendesk's API origin: often a host-mapped domain or a mistyped subdomain.
   */
  private redirectError(status: number, headers: Headers, spec: RequestSpec): ZendeskError {
    const location = headers.get('location');
    const target = location ? ` to ${this.redactor.redact(withoutQueryValues(location))}` : '';
    return new ZendeskError({
      status, code: 'Redirected', method: spec.method, path: spec.path, origin: this.baseUrl,
      description: `${this.baseUrl} redirects this request${target} instead of answering it, so it is probably not the right Zendesk address (for a host-mapped help center, use https://{subdomain}.zendesk.com). Check the Zendesk URL.`,
    });
  }

  private async authorization(signal?: AbortSignal): Promise<string> {
    const credentials = this.options.credentials;
    if (!credentials) {
      throw new ZendeskError({ status: 0, code: 'NotSignedIn', description: 'This request needs credentials and none were given.' });
    }
    if (credentials.kind === 'provider') {
      const header = await credentials.authorization(signal);
      this.redactor.add(...secretsOfHeader(header));
      return header;
    }
    const { header, secrets } = staticAuthorization(credentials);
    this.redactor.add(...secrets);
    return header;
  }

  private notify(spec: RequestSpec, notice: WaitNotice): void {
    this.options.onWait?.(notice);
    spec.onWait?.(notice);
  }

  private sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return (this.options.sleep ?? sleep)(ms, signal);
  }

  private get maxResponseBytes(): number {
    return this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  private backoff(attempt: number): number {
    return backoffDelay(attempt, this.policy.backoffBaseMs, this.policy.backoffCapMs, this.options.random);
  }
}

