import type { Headers } from 'node-fetch';
import type { RequestSpec } from './httpPolicy';

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
export async function readCapped(response: { headers: Headers; body: NodeJS.ReadableStream }, maxBytes: number): Promise<string | { bytes: number }> {
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

export function defaultCode(status: number): string {
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
export function routeOf(spec: Pick<RequestSpec, 'method' | 'path'>): string {
  return `${spec.method} ${spec.path.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
}
