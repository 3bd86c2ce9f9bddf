// One API request end to end: record → rate limit → body → fault (before) → auth → scope → route → fault
// (after) → answer. Control routes (/__sandbox) bypass all of it. OAuth endpoints (/oauth/*) go
// through the same steps but authenticate nothing (routes/oauth.ts).
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
  /** Resolves after `ms`, or early when the sandbox closes. */
  sleep(ms: number): Promise<void>;
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
  const rate: RateDecision = control || isAuthorizationPage(path) ? { headers: {} } : deps.limiter.take();
  const bodyText = await readBody(req);
  if (rate.rejection) return send(res, rate.rejection, rate.headers, record);
  if (bodyText === undefined) return send(res, classicError(413, 'RequestEntityTooLarge', 'Request body too large'), rate.headers, record);
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
    else return send(res, faultResponse(fault), rate.headers, record);
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
  send(res, response, rate.headers, record);
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
  if (record) record.status = response.status;
  if (res.destroyed || res.headersSent) return;
  const headers: Record<string, string> = { ...baseHeaders, ...response.headers };
  const bodyless = response.status === 204 || response.status === 304;
  const text = bodyless ? '' : (response.rawBody ?? JSON.stringify(response.body ?? {}));
  if (!bodyless && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = JSON_CONTENT_TYPE;
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
