// Injected failures, so clients can be proven against what a real network and Zendesk do:
// 5xx with or without Retry-After, dropped connections, slow answers, broken JSON, HTML error
// pages, or any status/body. `afterHandler` performs the request for real first, then answers
// with the fault (proves that a retried POST is not blindly repeated).
import { classicError } from './errors';
import { JSON_CONTENT_TYPE, type ApiResponse } from './http';

export const FAULT_KINDS = ['503', '500', 'reset', 'delay', 'malformed-json', 'html', 'status'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  /** Matched against the request path with any `.json` suffix removed. */
  path: string | RegExp;
  method?: string;
  /** How many matching requests to affect (default 1); 0, a negative number or Infinity = until cleared. */
  times?: number;
  kind: FaultKind;
  /** Retry-After header: seconds, or an HTTP date. */
  retryAfter?: number | string;
  delayMs?: number;
  status?: number;
  body?: string;
  /** Extra response headers, e.g. a Location for a 3xx. */
  headers?: Record<string, string>;
  afterHandler?: boolean;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  /** Matches left; Infinity when unlimited. */
  remaining: number;
}

export class Faults {
  private active: ActiveFault[] = [];
  private nextId = 1;

  inject(spec: FaultSpec): number {
    if (!FAULT_KINDS.includes(spec.kind)) throw new Error(`unknown fault kind: ${String(spec.kind)}`);
    if (typeof spec.path !== 'string' && !(spec.path instanceof RegExp)) throw new Error('fault path must be a string or RegExp');
    if (spec.kind === 'status' && !Number.isInteger(spec.status)) throw new Error("fault kind 'status' needs an integer status");
    if (spec.kind === 'delay' && !(typeof spec.delayMs === 'number' && spec.delayMs >= 0)) {
      throw new Error("fault kind 'delay' needs delayMs >= 0");
    }
    const times = spec.times ?? 1;
    const fault: ActiveFault = { ...spec, id: this.nextId++, remaining: times > 0 ? times : Infinity };
    this.active.push(fault);
    return fault.id;
  }

  clear(): void {
    this.active = [];
  }

  list(): readonly ActiveFault[] {
    return this.active;
  }

  /** Finds the first fault matching the request and uses up one of its matches. */
  take(method: string, path: string): ActiveFault | undefined {
    const fault = this.active.find((f) => matches(f, method, path));
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) this.active = this.active.filter((f) => f !== fault);
    return fault;
  }
}

function matches(fault: ActiveFault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
  if (typeof fault.path === 'string') return stripJson(fault.path) === path;
  fault.path.lastIndex = 0;
  return fault.path.test(path);
}

const stripJson = (p: string): string => (p.endsWith('.json') ? p.slice(0, -5) : p);

/** The answer a responding fault gives; `real` is the handler's answer when afterHandler is set. */
export function faultResponse(fault: FaultSpec, real?: ApiResponse): ApiResponse {
  const headers: Record<string, string> = { ...fault.headers };
  if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
  const raw = (status: number, body: string, contentType = JSON_CONTENT_TYPE): ApiResponse => ({
    status,
    rawBody: body,
    headers: { ...headers, 'Content-Type': contentType },
  });
  const withBody = (fallback: ApiResponse): ApiResponse =>
    fault.body !== undefined ? raw(fallback.status, fault.body) : { ...fallback, headers: { ...headers } };
  switch (fault.kind) {
    case '503':
      // unverified: the body of Zendesk's 503 (the notes only say it may carry Retry-After).
      return withBody(classicError(fault.status ?? 503, 'ServiceUnavailable', 'Service temporarily unavailable. Try again later.'));
    case '500':
      // unverified: the body of Zendesk's 500.
      return withBody(classicError(fault.status ?? 500, 'InternalServerError', 'Something went wrong. Try again later.'));
    case 'status':
      return withBody(defaultBodyFor(fault.status ?? 500));
    case 'html': {
      const status = fault.status ?? 502;
      const html = fault.body ?? `<!DOCTYPE html>\n<html><head><title>${status} Bad Gateway</title></head>` +
        `<body><h1>${status} Bad Gateway</h1><p>The server returned an invalid response.</p></body></html>\n`;
      return raw(status, html, 'text/html; charset=UTF-8');
    }
    case 'malformed-json': {
      const full = real?.body !== undefined ? JSON.stringify(real.body) : '{"organization_memberships":[{"id":1,"user_id":';
      return raw(fault.status ?? real?.status ?? 200, fault.body ?? full.slice(0, Math.max(1, Math.floor(full.length / 2))));
    }
    default:
      throw new Error(`fault kind ${fault.kind} does not respond`);
  }
}

function defaultBodyFor(status: number): ApiResponse {
  if (status === 404) return classicError(404, 'RecordNotFound', 'Not found');
  if (status === 401) return classicError(401, 'Unauthorized', "Couldn't authenticate you");
  if (status === 403) return classicError(403, 'Forbidden');
  if (status === 422) return classicError(422, 'RecordInvalid', 'Record validation errors');
  if (status === 429) return classicError(429, 'TooManyRequests', 'Too many requests');
  return classicError(status, status >= 500 ? 'ServerError' : 'Error', `Injected status ${status}`);
}
