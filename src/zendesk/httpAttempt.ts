import fetch, { type Headers } from 'node-fetch';
import type { RequestSpec } from './httpPolicy';
import { readCapped, withoutQueryValues } from './httpWire';
import { abortReason } from './timing';
import { tlsProblemOf, type TlsProblem } from './tls';

// Failures that happen before a request can exist on the server: safe to repeat even a POST.
const NEVER_REACHED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

export interface AttemptFailure {
  code: 'NetworkError' | 'Timeout' | 'TlsError';
  mayHaveReached: boolean;
  /** As Node said it; logged, never shown (for TLS it is OpenSSL's text). */
  message: string;
  tls?: TlsProblem;
}

/** An answer whose body was not read because it passed the size cap (the request was aborted). */
export interface TooLarge {
  status: number;
  /** Bytes received before stopping, or the Content-Length that was announced. */
  bytes: number;
}

export interface AttemptSettings {
  authorization?: string;
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
}

export type AttemptOutcome = { status: number; headers: Headers; text: string } | { failure: AttemptFailure } | { tooLarge: TooLarge };

/** One attempt: either Zendesk's answer (any status), an answer too large to read, or a failure with no answer. */
export async function sendOnce(url: string, spec: RequestSpec, how: AttemptSettings): Promise<AttemptOutcome> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), how.timeoutMs);
  const stop = new AbortController();
  const signal = AbortSignal.any([timeout.signal, stop.signal, ...(spec.signal ? [spec.signal] : [])]);
  const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': how.userAgent };
  if (how.authorization) {
    headers.Authorization = how.authorization;
  }
  if (spec.method !== 'GET') {
    headers['Content-Type'] = 'application/json';
  }
  try {
    const response = await fetch(url, {
      method: spec.method,
      headers,
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      redirect: 'manual', // never carry credentials to wherever a redirect points
      signal: signal as never,
      compress: true,
    });
    const body = await readCapped(response, how.maxBytes);
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
      return { failure: { code: 'Timeout', mayHaveReached: true, message: `no answer within ${how.timeoutMs} ms` } };
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
