// Raw HTTP against the sandbox with Node's fetch: deliberately not the extension's own client,
// so the sandbox is checked independently of the code it is meant to test.
import type { HttpExchange } from './specValidator';

export interface ApiCredential {
  email: string;
  token: string;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RawExchange extends HttpExchange {
  rawBody: string;
}

export type Call = (method: Method, pathWithQuery: string, requestBody?: unknown) => Promise<RawExchange>;

/** A caller that sends API-token Basic auth (`{email}/token:{token}`, API-NOTES §6). */
export function apiCaller(baseUrl: string, credential: ApiCredential): Call {
  return caller(baseUrl, { Authorization: `Basic ${Buffer.from(`${credential.email}/token:${credential.token}`).toString('base64')}` });
}

/** A caller without an Authorization header, for the OAuth token endpoint (the client authenticates in the body). */
export function anonymousCaller(baseUrl: string): Call {
  return caller(baseUrl, {});
}

function caller(baseUrl: string, auth: Record<string, string>): Call {
  return async (method, pathWithQuery, requestBody) => {
    const response = await fetch(new URL(pathWithQuery, baseUrl), {
      method,
      headers: { ...auth, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: requestBody === undefined ? undefined : JSON.stringify(requestBody),
    });
    const rawBody = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => { headers[name] = value; });
    return {
      method,
      pathWithQuery,
      requestBody,
      status: response.status,
      headers,
      rawBody,
      // openapi-backend validates a body-less 204 as JSON null.
      body: rawBody === '' ? null : parseJson(rawBody, `${method} ${pathWithQuery}`),
    };
  };
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} answered with a body that is not JSON: ${text.slice(0, 200)}`);
  }
}

/** The path+query part of an absolute link the sandbox handed out (links.next, next_page). */
export function pathOfLink(link: unknown): string {
  if (typeof link !== 'string') throw new Error(`expected a link, got ${JSON.stringify(link)}`);
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}
