// One API request end to end: record → rate limit → body → fault (before) → auth → scope → route → fault
// (after) → wording of 404s → latency → answer. Control routes (/__sandbox) bypass all of it.
// OAuth endpoints (/oauth/*) go through the same steps but authenticate nothing (routes/oauth.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, type AuthDirectory } from './auth';
import { classicError, forbidden, unauthorized } from './errors';
import { faultResponse } from './faults';
import type { OAuthGrants } from './oauthGrants';
import { scopeAllows } from './oauthScopes';
import { JSON_CONTENT_TYPE, stripJsonSuffix, type ApiRequest, type ApiResponse } from './http';
import type { RateDecision, RateLimiter } from './rateLimit';
import { recordOf, type RecordedRequest } from './recording';
import type { Router } from './router';
import type { Texts } from './wording';
import { handleControl, type ControlDeps } from './routes/control';
import { handleOAuth, isAuthorizationPage, isOAuthPath } from './routes/oauth';

// unverified: the size limit and its 413 answer.
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface PipelineDeps extends ControlDeps {
  router: Router;
  limiter: RateLimiter;
  auth: AuthDirectory;
  oauth: OAuthGrants;
  /** Dual-paged lists on these paths answer with offset pagination only. */
  cursorUnsupportedPaths: RegExp[];
  /** Endpoints with a limit of their own, counted after the account's (an empty list when off). */
  endpointLimiters: Array<{ pattern: RegExp; limiter: RateLimiter }>;
  /** Resolves after `ms`, or early when the sandbox closes. */
  sleep(ms: number): Promise<void>;
  /** How "not found" is worded in RecordNotFound 404s. */
  texts: Texts;
  /** Every Nth 404 goes out with an empty body and no content type (0 = never). */
  emptyNotFoundEvery: number;
  /** Milliseconds to hold each API/OAuth answer back (latency plus its jitter). */
  latency(): number;
  /** 404s answered so far (for emptyNotFoundEvery). */
  notFoundCount: number;
}

export async function handleRequest(req: IncomingMessage, res: ServerResponse, deps: PipelineDeps): Promise<void> {
  const receivedAt = Date.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', deps.origin);
  const path = stripJsonSuffix(url.pathname);
  const control = path === '/__sandbox' || path.startsWith('/__sandbox/');
  const record = control ? undefined : recordOf(method, url, req.headers, receivedAt);
  if (record) deps.requests.push(record);

  // Decided before the body is read, so every API answer (a 413 too) carries the rate-limit headers.
  const rate: RateDecision = control || isAuthorizationPage(path) ? { headers: {} } : takeQuota(path, deps);
  const bodyText = await readBody(req);
  const answer = async (response: ApiResponse): Promise<void> => {
    const wait = deps.latency();
    if (wait > 0) await deps.sleep(wait);
    send(res, wordNotFound(response, deps), rate.headers, record);
  };
  if (rate.rejection) return answer(rate.rejection);
  if (bodyText === undefined) return answer(classicError(413, 'RequestEntityTooLarge', 'Request body too large'));
  if (record) record.body = bodyText;
  const apiRequest: ApiRequest = {
    method, path, rawPath: url.pathname, query: lastValueWins(url.searchParams), rawQuery: url.searchParams, headers: req.headers, bodyText,
    cursorUnsupported: deps.cursorUnsupportedPaths.some((re) => matchesPath(re, path)),
  };
  if (control) return send(res, handleControl(apiRequest, deps), {}, undefined);

  const fault = deps.faults.take(method, path);
  if (fault && !fault.afterHandler) {
    if (fault.kind === 'reset') return reset(res, record);
    if (fault.kind === 'delay') await deps.sleep(fault.delayMs ?? 0);
    else return answer(faultResponse(fault));
  }

  let response: ApiResponse;
  try {
    response = isOAuthPath(path) ? handleOAuth(apiRequest, deps.oauth) : answerApiCall(apiRequest, req.headers.authorization, deps);
  } catch (error) {
    console.error('[sandbox] handler error', error);
    response = classicError(500, 'InternalError', 'The sandbox failed to handle this request');
  }

  if (fault && fault.afterHandler) {
    if (fault.kind === 'reset') return reset(res, record);
    if (fault.kind === 'delay') await deps.sleep(fault.delayMs ?? 0);
    else response = faultResponse(fault, response);
  }
  return answer(response);
}

/** The account's quota, then the endpoint's own where it has one; both sets of headers. */
function takeQuota(path: string, deps: PipelineDeps): RateDecision {
  const account = deps.limiter.take();
  if (account.rejection) return account;
  const endpoint = deps.endpointLimiters.find(({ pattern }) => pattern.test(path));
  if (!endpoint) return account;
  const own = endpoint.limiter.take();
  return { headers: { ...account.headers, ...own.headers }, rejection: own.rejection };
}

/**
 * RecordNotFound 404s in the wording asked for ("Not found", varied, or no description — the
 * spec's own examples sometimes have none, API-NOTES §7), and every Nth 404 of any kind with an
 * empty body and no content type, as one recorded 404 had (§13).
 */
function wordNotFound(response: ApiResponse, deps: PipelineDeps): ApiResponse {
  if (response.status !== 404) return response;
  deps.notFoundCount++;
  if (deps.emptyNotFoundEvery > 0 && deps.notFoundCount % deps.emptyNotFoundEvery === 0) {
    return { status: 404, rawBody: '', bare: true, headers: response.headers };
  }
  const body = response.body as Record<string, unknown> | undefined;
  if (response.rawBody !== undefined || body?.error !== 'RecordNotFound' || typeof body.description !== 'string') return response;
  const { description, ...rest } = body;
  const worded = deps.texts.notFound(description);
  return { ...response, body: worded === undefined ? rest : { ...rest, description: worded } };
}

function answerApiCall(apiRequest: ApiRequest, authorization: string | undefined, deps: PipelineDeps): ApiResponse {
  // unverified: authentication comes before routing, so an unknown route without credentials is 401.
  const caller = authenticate(authorization, deps.auth);
  if (!caller) return unauthorized();
  // The OAS scope prose: a token without the scope an endpoint needs gets "Forbidden".
  // unverified: the body (the classic 403) and that the check precedes routing.
  if (caller.scope && !scopeAllows(caller.scope, apiRequest.method, apiRequest.path)) return forbidden();
  return deps.router.dispatch({ ...apiRequest, actor: caller.user, origin: deps.origin });
}

function send(res: ServerResponse, response: ApiResponse, baseHeaders: Record<string, string>, record?: RecordedRequest): void {
  if (record) {
    record.status = response.status;
    record.answeredAt = Date.now();
  }
  if (res.destroyed || res.headersSent) return;
  const headers: Record<string, string> = { ...baseHeaders, ...response.headers };
  const bodyless = response.status === 204 || response.status === 304;
  const text = bodyless ? '' : (response.rawBody ?? JSON.stringify(response.body ?? {}));
  if (!bodyless && !response.bare && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = JSON_CONTENT_TYPE;
  if (!bodyless) headers['Content-Length'] = String(Buffer.byteLength(text));
  res.writeHead(response.status, headers);
  res.end(text);
}

/** Drops the connection without answering (what a client sees as ECONNRESET / socket hang up). */
function reset(res: ServerResponse, record?: RecordedRequest): void {
  if (record) record.status = 0;
  res.socket?.resetAndDestroy();
}

/**
 * Rack keeps the last of repeated query keys, so `ids=1&ids=2` (the spec's wrong "exploded"
 * form, API-NOTES §2) means just `ids=2` — a client sending it silently loses ids, as live.
 * unverified: observed Rack behaviour, not confirmed against Zendesk itself.
 */
function lastValueWins(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of new Set(params.keys())) out.set(key, params.getAll(key).at(-1) as string);
  return out;
}

function matchesPath(re: RegExp, path: string): boolean {
  re.lastIndex = 0;
  return re.test(path);
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}
