// One API request end to end: record → rate limit → fault (before) → auth → route → fault
// (after) → answer. Control routes (/__sandbox) bypass all of it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, type AuthDirectory } from './auth';
import { classicError, unauthorized } from './errors';
import { faultResponse } from './faults';
import { JSON_CONTENT_TYPE, stripJsonSuffix, type ApiRequest, type ApiResponse } from './http';
import type { RateLimiter } from './rateLimit';
import { recordOf, type RecordedRequest } from './recording';
import type { Router } from './router';
import { handleControl, type ControlDeps } from './routes/control';

// unverified: the size limit and its 413 answer.
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface PipelineDeps extends ControlDeps {
  router: Router;
  limiter: RateLimiter;
  auth: AuthDirectory;
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

  const bodyText = await readBody(req);
  if (bodyText === undefined) return send(res, classicError(413, 'RequestEntityTooLarge', 'Request body too large'), {}, record);
  if (record) record.body = bodyText;
  const apiRequest: ApiRequest = {
    method, path, rawPath: url.pathname, query: lastValueWins(url.searchParams), rawQuery: url.searchParams, headers: req.headers, bodyText,
    cursorUnsupported: deps.cursorUnsupportedPaths.some((re) => matchesPath(re, path)),
  };
  if (control) return send(res, handleControl(apiRequest, deps), {}, undefined);

  const rate = deps.limiter.take();
  if (rate.rejection) return send(res, rate.rejection, rate.headers, record);

  const fault = deps.faults.take(method, path);
  if (fault && !fault.afterHandler) {
    if (fault.kind === 'reset') return reset(res, record);
    if (fault.kind === 'delay') await deps.sleep(fault.delayMs ?? 0);
    else return send(res, faultResponse(fault), rate.headers, record);
  }

  // unverified: authentication comes before routing, so an unknown route without credentials is 401.
  const actor = authenticate(req.headers.authorization, deps.auth);
  let response: ApiResponse;
  if (!actor) response = unauthorized();
  else {
    try {
      response = deps.router.dispatch({ ...apiRequest, actor, origin: deps.origin });
    } catch (error) {
      console.error('[sandbox] handler error', error);
      response = classicError(500, 'InternalError', 'The sandbox failed to handle this request');
    }
  }

  if (fault && fault.afterHandler) {
    if (fault.kind === 'reset') return reset(res, record);
    if (fault.kind === 'delay') await deps.sleep(fault.delayMs ?? 0);
    else response = faultResponse(fault, response);
  }
  send(res, response, rate.headers, record);
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
