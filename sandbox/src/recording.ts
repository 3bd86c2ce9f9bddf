// The log of API requests the sandbox received, so tests can assert what a client sent.
// It holds secrets: bodies are kept whole, so /oauth/tokens entries carry client_secret, code,
// code_verifier and refresh_token (tests may need to check what a client sent there). That is
// fine for a local sandbox; never ship such a log anywhere. Only Authorization headers are dropped.
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
  /** Request body text ('' when none), secrets included. */
  body: string;
  /** Epoch ms when the request arrived. */
  receivedAt: number;
  /** Epoch ms when the answer was sent (after any latency); absent while pending or after a reset. */
  answeredAt?: number;
}

export function recordOf(method: string, url: URL, headers: IncomingHttpHeaders, receivedAt: number): RecordedRequest {
  const { authorization: _dropped, ...rest } = headers;
  return { method, path: url.pathname, query: url.search.slice(1), status: 0, headers: rest, body: '', receivedAt };
}
