// Shared helpers for the sandbox's own tests: real HTTP over loopback, and condition polling
// with a deadline (never a bare sleep standing in for synchronisation).
import type { Sandbox } from './server';

export type Who = 'admin' | 'agent' | 'none' | { email: string; token: string } | { bearer: string } | { header: string };

export interface CallOptions {
  method?: string;
  /** Sent as JSON with Content-Type: application/json. */
  body?: unknown;
  /** Sent as is, with whatever headers are given. */
  rawBody?: string;
  as?: Who;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON.
  json: any;
}

export function basicHeader(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}/token:${token}`).toString('base64')}`;
}

function authHeader(sb: Sandbox, who: Who): string | undefined {
  if (who === 'none') return undefined;
  if (who === 'admin' || who === 'agent') return basicHeader(sb.credentials[who].email, sb.credentials[who].token);
  if ('bearer' in who) return `Bearer ${who.bearer}`;
  if ('header' in who) return who.header;
  return basicHeader(who.email, who.token);
}

/** Calls the sandbox; `path` is relative to the origin (e.g. '/api/v2/users/me.json') or absolute. */
export async function call(sb: Sandbox, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const auth = authHeader(sb, options.as ?? 'admin');
  if (auth) headers.Authorization = auth;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const url = path.startsWith('http') ? path : `${sb.url}${path}`;
  const response = await fetch(url, { method: options.method ?? 'GET', headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** An end user of the sandbox and a credential that authenticates as them. */
export function endUser(sb: Sandbox): { id: number; email: string; token: string } {
  const user = sb.store.users.at(2);
  if (user.role !== 'end-user' || user.email === null) throw new Error('user 2 is expected to be an end user with an email');
  return { id: user.id, email: user.email, token: sb.credentials.admin.token };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
