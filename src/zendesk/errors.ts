import type { TlsProblem } from './tls';

export interface ZendeskErrorInit {
  status: number;
  code: string;
  title?: string;
  description?: string;
  details?: unknown;
  retryAfter?: number;
  method?: string;
  path?: string;
  /** The Zendesk origin the request went to. */
  origin?: string;
  requestId?: string;
  afterUncertainAttempt?: boolean;
  /** Code `TlsError`: what was wrong with the secure connection. */
  tls?: TlsProblem;
  message?: string;
  cause?: unknown;
}

/**
 * Every failure of a Zendesk call, whatever envelope (or none) the server used.
 * `status` is 0 when no HTTP answer arrived. Messages never carry credentials: the HTTP layer
 * redacts them before an error is built.
 */
export class ZendeskError extends Error {
  override readonly name = 'ZendeskError';
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly description?: string;
  readonly details?: unknown;
  /** Seconds Zendesk asked us to wait (429/503), when it said so. */
  readonly retryAfter?: number;
  readonly method?: string;
  readonly path?: string;
  readonly origin?: string;
  readonly requestId?: string;
  /**
   * True when an earlier attempt of this same request may have reached Zendesk (a timeout, a
   * reset connection or a 5xx before the retry). A 422 "already exists" is then our own success.
   */
  readonly afterUncertainAttempt: boolean;
  readonly tls?: TlsProblem;

  constructor(init: ZendeskErrorInit) {
    super(init.message ?? composeMessage(init), init.cause !== undefined ? { cause: init.cause } : undefined);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title ?? init.code;
    this.description = init.description;
    this.details = init.details;
    this.retryAfter = init.retryAfter;
    this.method = init.method;
    this.path = init.path;
    this.origin = init.origin;
    this.requestId = init.requestId;
    this.afterUncertainAttempt = init.afterUncertainAttempt ?? false;
    this.tls = init.tls;
  }

  /** A copy with a clearer message, keeping every field (used where the operation knows more). */
  withMessage(message: string): ZendeskError {
    return new ZendeskError({ ...this.toInit(), message });
  }

  toInit(): ZendeskErrorInit {
    return {
      status: this.status, code: this.code, title: this.title, description: this.description,
      details: this.details, retryAfter: this.retryAfter, method: this.method, path: this.path,
      origin: this.origin, requestId: this.requestId, afterUncertainAttempt: this.afterUncertainAttempt, tls: this.tls,
    };
  }
}

/** Input the client refused before sending anything; `field` names what to fix. */
export class ZendeskInputError extends Error {
  override readonly name = 'ZendeskInputError';
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export function isZendeskError(error: unknown): error is ZendeskError {
  return error instanceof ZendeskError;
}

export interface ParsedErrorBody {
  code?: string;
  title?: string;
  description?: string;
  details?: unknown;
}

/**
 * Reads either envelope Zendesk uses — classic `{error, description, details}` or JSON:API
 * `{errors:[{code,title,detail}]}` — or a non-JSON body (HTML error page, plain text).
 * Never throws: an unreadable body just yields less information.
 */
export function parseErrorBody(text: string, contentType: string | null): ParsedErrorBody {
  const trimmed = text.trim();
  if (trimmed === '') {
    return {};
  }
  const json = tryParseJson(trimmed);
  if (json !== undefined && typeof json === 'object' && json !== null) {
    return parseJsonEnvelope(json as Record<string, unknown>);
  }
  if ((contentType ?? '').includes('html') || /^<(!doctype|html)/i.test(trimmed)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(trimmed)?.[1];
    const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(trimmed)?.[1];
    const text = stripTags(title ?? heading ?? trimmed);
    return { description: truncate(text, 200) };
  }
  return { description: truncate(trimmed.replace(/\s+/g, ' '), 200) };
}

function parseJsonEnvelope(body: Record<string, unknown>): ParsedErrorBody {
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    const first = asRecord(body.errors[0]);
    return {
      code: asString(first.code),
      title: asString(first.title),
      description: asString(first.detail) ?? asString(first.title),
      details: body.errors.length > 1 ? body.errors : first.source ?? undefined,
    };
  }
  if (typeof body.errors === 'string') {
    return { description: body.errors };
  }
  const error = body.error;
  if (error !== null && typeof error === 'object') {
    // Some endpoints nest it: {"error": {"title": "...", "message": "..."}}
    const nested = asRecord(error);
    return { code: asString(nested.title), title: asString(nested.title), description: asString(nested.message), details: body.details };
  }
  // OAuth endpoints answer RFC 6749's {"error": "invalid_grant", "error_description": "…"}.
  return { code: asString(error), title: asString(error), description: asString(body.description) ?? asString(body.error_description), details: body.details };
}

/** Flattens `details: {field: [{description, error}]}` into readable sentences. */
export function describeDetails(details: unknown): string[] {
  if (details === null || details === undefined) {
    return [];
  }
  if (typeof details === 'string') {
    return [details];
  }
  if (Array.isArray(details)) {
    return details.flatMap((item) => {
      const record = asRecord(item);
      const text = asString(record.description) ?? asString(record.detail) ?? asString(record.title);
      return text ? [text] : describeDetails(typeof item === 'string' ? item : undefined);
    });
  }
  if (typeof details === 'object') {
    return Object.values(details as Record<string, unknown>).flatMap((value) => describeDetails(value));
  }
  return [];
}

/** True when any detail carries the given Zendesk error code (e.g. `DuplicateValue`). */
export function detailsHaveCode(details: unknown, code: string): boolean {
  if (Array.isArray(details)) {
    return details.some((item) => detailsHaveCode(item, code));
  }
  if (details !== null && typeof details === 'object') {
    const record = details as Record<string, unknown>;
    if (record.error === code || record.code === code) {
      return true;
    }
    return Object.values(record).some((value) => typeof value === 'object' && detailsHaveCode(value, code));
  }
  return false;
}

function composeMessage(init: ZendeskErrorInit): string {
  const explanation = describeDetails(init.details).join(' ') || init.description || init.title || init.code;
  const label = init.status > 0 ? `HTTP ${init.status} ${init.code}` : init.code;
  const where = init.method && init.path ? ` — ${init.method} ${init.path}` : '';
  return explanation === init.code ? `Zendesk error ${label}${where}` : `${explanation} (${label})${where}`;
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function stripTags(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/gi, ' ').replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
