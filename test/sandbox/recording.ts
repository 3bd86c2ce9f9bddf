// The log of API requests the sandbox received, so tests can assert what a client sent.
import type { IncomingHttpHeaders } from 'node:http';

export interface RecordedRequest {
  method: string;
  /** Path as requested (keeps any `.json`), without the query. */
  path: string;
  /** Query string without the leading '?' ('' when none). */
  query: string;
  /** Status answered; 0 while pending, or when a 'reset' fault dropped the connection. */
  status: number;
  /** Request headers with `authorization` removed. */
  headers: IncomingHttpHeaders;
  /** Request body text ('' when none). */
  body: string;
  /** Epoch ms when the request arrived. */
  receivedAt: number;
}

export function recordOf(method: string, url: URL, headers: IncomingHttpHeaders, receivedAt: number): RecordedRequest {
  const { authorization: _dropped, ...rest } = headers;
  return { method, path: url.pathname, query: url.search.slice(1), status: 0, headers: rest, body: '', receivedAt };
}
