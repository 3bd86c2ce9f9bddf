import fetch, { Headers } from 'node-fetch';
import { Credentials, secretsOfHeader, staticAuthorization } from './credentials';
import { ZendeskError, parseErrorBody } from './errors';
import { ZendeskLogger, silentLogger } from './logger';
import { RateLimitPacer } from './pacer';
import { Redactor } from './redact';
import { abortReason, backoffDelay, parseRetryAfter, sleep } from './timing';
import { describeTlsProblem, tlsProblemOf, type TlsProblem } from './tls';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * How freely a request may be repeated after a failure that may have reached Zendesk:
 * - `idempotent`: repeating is harmless (GET, PUT, DELETE of one record);
 * - `unsafe`: repeat only when Zendesk provably did nothing (refused connection, 429, 503 + Retry-After):
 *   every POST by default, and any request that queues a job (destroy_many is a DELETE);
 * - `keyed`: a POST whose repeat is detectable (Zendesk answers 422 for an existing membership).
 */
export type RetryMode = 'idempotent' | 'unsafe' | 'keyed';

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
}

export interface HttpResult<T> {
  status: number;
  body: T;
  headers: Headers;
  attempts: number;
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

export type WaitReason = 'paced' | 'rateLimited' | 'unavailable' | 'serverError' | 'network' | 'timeout';

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
}

// Failures that happen before a request can exist on the server: safe to repeat even a POST.
const NEVER_REACHED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

interface AttemptFailure {
  code: 'NetworkError' | 'Timeout' | 'TlsError';
  mayHaveReached: boolean;
  /** As Node said it; logged, never shown (for TLS it is OpenSSL's text). */
  message: string;
  tls?: TlsProblem;
}

/** An answer whose body was not read because it passed the size cap (the request was aborted). */
interface TooLarge {
  status: number;
  /** Bytes received before stopping, or the Content-Length that was announced. */
  bytes: number;
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
      const outcome = await this.attempt(spec, target, authorization);
      const elapsed = Date.now() - started;

      const retryAfterStep = (waitMs: number, reason: WaitReason, status?: number): boolean => {
        if (attempt >= this.policy.maxAttempts || waitedMs + waitMs > this.policy.maxTotalWaitMs) {
          return false;
        }
        waitedMs += waitMs;
        this.logger.warn(this.redactor.redact(`${label}: ${reason}${status ? ` (HTTP ${status})` : ''}, retry ${attempt + 1}/${this.policy.maxAttempts} in ${waitMs} ms`));
        this.options.onWait?.({ method: spec.method, path: spec.path, attempt, waitMs, reason, status });
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
          await sleep(waitMs, spec.signal);
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
        return { status, headers, attempts: attempt, body: this.parseSuccess<T>(text, status, spec) };
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
          await sleep(waitMs, spec.signal);
          continue;
        }
      } else if ((status === 429 && !tooManyJobs) || (status >= 500 && mode !== 'unsafe')) {
        uncertain ||= status >= 500;
        const waitMs = this.backoff(attempt);
        if (retryAfterStep(waitMs, status === 429 ? 'rateLimited' : 'serverError', status)) {
          await sleep(waitMs, spec.signal);
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
    await sleep(waitMs, spec.signal);
    return waitMs;
  }

  /** One attempt: either Zendesk's answer (any status), an answer too large to read, or a failure with no answer. */
  private async attempt(spec: RequestSpec, target: string, authorization: string | undefined): Promise<{ status: number; headers: Headers; text: string } | { failure: AttemptFailure } | { tooLarge: TooLarge }> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.policy.timeoutMs);
    const stop = new AbortController();
    const signal = AbortSignal.any([timeout.signal, stop.signal, ...(spec.signal ? [spec.signal] : [])]);
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': this.options.userAgent };
    if (authorization) {
      headers.Authorization = authorization;
    }
    if (spec.method !== 'GET') {
      headers['Content-Type'] = 'application/json';
    }
    try {
      const response = await fetch(this.baseUrl + target, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        redirect: 'manual', // never carry credentials to wherever a redirect points
        signal: signal as never,
        compress: true,
      });
      const body = await readCapped(response, this.maxResponseBytes);
      if (typeof body !== 'string') {
        stop.abort(); // closes the connection: the rest of the answer is never downloaded
        return { tooLarge: { status: response.status, bytes: body.bytes } };
      }
      return { status: response.status, headers: response.headers, text: body };
    } catch (error) {
      if (spec.signal?.aborted) {
        throw abortReason(spec.signal);
      }
      if (timeout.signal.aborted) {
        return { failure: { code: 'Timeout', mayHaveReached: true, message: `no answer within ${this.policy.timeoutMs} ms` } };
      }
      const code = (error as { code?: string; errno?: string }).code ?? (error as { errno?: string }).errno;
      // node-fetch names the whole URL in its messages: keep the query's names only.
      const message = withoutQueryValues(error instanceof Error ? error.message : String(error));
      const tls = tlsProblemOf(code, message);
      if (tls) {
        return { failure: { code: 'TlsError', mayHaveReached: false, message: `${code}: ${message}`, tls } };
      }
      return { failure: { code: 'NetworkError', mayHaveReached: !(code && NEVER_REACHED_CODES.has(code)), message: code ? `${code}: ${message}` : message } };
    } finally {
      clearTimeout(timer);
    }
  }

  private parseSuccess<T>(text: string, status: number, spec: RequestSpec): T {
    if (text.trim() === '') {
      return undefined as T;
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ZendeskError({
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

  private get maxResponseBytes(): number {
    return this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  private backoff(attempt: number): number {
    return backoffDelay(attempt, this.policy.backoffBaseMs, this.policy.backoffCapMs, this.options.random);
  }
}

/** Query strings as Zendesk writes them: brackets and the commas of id lists left readable. */
export function buildQuery(query: RequestSpec['query']): string {
  if (!query) {
    return '';
  }
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeQueryPart(key)}=${encodeQueryPart(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** `?name&page[size]`: the parameters a request sends, without their values (for logs). */
export function queryNames(query: RequestSpec['query']): string {
  const names = Object.entries(query ?? {}).filter(([, value]) => value !== undefined).map(([key]) => encodeQueryPart(key));
  return names.length ? `?${names.join('&')}` : '';
}

/** Every URL's query in `text` reduced to its parameter names: `…/search?query=jane` → `…/search?query`. */
export function withoutQueryValues(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#"'<>]*)\?([^\s#"'<>]*)/gi, (_match, url: string, query: string) => {
    const names = query.split('&').filter(Boolean).map((part) => part.split('=')[0]);
    return `${url}?${names.join('&')}`;
  });
}

/**
 * The body as text, or how many bytes had arrived when it passed `maxBytes` (counted as the stream
 * arrives, after decompression, so neither a huge answer nor a compression bomb is ever held).
 */
async function readCapped(response: { headers: Headers; body: NodeJS.ReadableStream }, maxBytes: number): Promise<string | { bytes: number }> {
  const announced = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(announced) && announced > maxBytes) {
    return { bytes: announced };
  }
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of response.body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    received += buffer.length;
    if (received > maxBytes) {
      return { bytes: received };
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function encodeQueryPart(text: string): string {
  return encodeURIComponent(text).replace(/%5B/gi, '[').replace(/%5D/gi, ']').replace(/%2C/gi, ',');
}

function defaultCode(status: number): string {
  switch (status) {
    case 400: return 'BadRequest';
    case 401: return 'Unauthorized';
    case 403: return 'Forbidden';
    case 404: return 'RecordNotFound';
    case 409: return 'Conflict';
    case 422: return 'RecordInvalid';
    case 429: return 'TooManyRequests';
    default: return status >= 500 ? 'ServerError' : `HTTP${status}`;
  }
}

/** One endpoint, whatever record it names: the key an endpoint's own rate limit applies to. */
function routeOf(spec: RequestSpec): string {
  return `${spec.method} ${spec.path.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
}
