// The transport-neutral request/response shapes handlers work with. Handlers return an
// ApiResponse instead of writing to the socket so faults can replace a real answer afterwards.
import type { IncomingHttpHeaders } from 'node:http';
import type { UserRecord } from './records';

export interface ApiResponse {
  status: number;
  /** JSON-serialisable body; `undefined` means no body (204). */
  body?: unknown;
  /** A raw body, sent as is (used by faults for HTML and broken JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Send no Content-Type (an empty 404 as recorded, API-NOTES §13). */
  bare?: boolean;
}

export interface ApiRequest {
  method: string;
  /** Path without query and without a trailing `.json`. */
  path: string;
  /** Path exactly as requested (keeps `.json`), used to build paging links. */
  rawPath: string;
  /** Query parameters, the last value winning for repeated keys (as Rack reads them). */
  query: URLSearchParams;
  /** The query exactly as sent, for the few array parameters (`role[]=…`). */
  rawQuery: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Raw request body text ('' when none). */
  bodyText: string;
  /** Set when SandboxOptions.cursorUnsupportedPaths matches: dual lists page by offset only. */
  cursorUnsupported?: boolean;
}

/** An authenticated API request, after routing. */
export interface ApiContext extends ApiRequest {
  params: Record<string, string>;
  actor: UserRecord;
  origin: string;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export const ok = (body: unknown): ApiResponse => ({ status: 200, body });
export const created = (body: unknown): ApiResponse => ({ status: 201, body });
export const noContent = (): ApiResponse => ({ status: 204 });

/** Strips the optional `.json` suffix Zendesk accepts on every route. */
export function stripJsonSuffix(path: string): string {
  return path.endsWith('.json') ? path.slice(0, -5) : path;
}
