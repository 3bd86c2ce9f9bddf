// Helpers for the OAuth tests: PKCE pairs, a clock tests move by hand, a test "browser" that opens
// the consent page, reads its form the way a browser would, clicks Allow or Deny and reports where
// it was sent, and raw token requests. All over real HTTP.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { EXTENSION_CLIENT_ID, EXTENSION_REDIRECT_URI, SERVICE_CLIENT_ID, SERVICE_CLIENT_SECRET } from '../src/oauthClients';
import type { Sandbox } from '../src/server';
import { call, type CallResult } from '../src/testHelpers';

export const EXTENSION = { id: EXTENSION_CLIENT_ID, redirectUri: EXTENSION_REDIRECT_URI };
export const SERVICE = { id: SERVICE_CLIENT_ID, secret: SERVICE_CLIENT_SECRET };

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** A clock for `startSandbox({ now })` that only moves when told to. */
export function manualClock(): { now: () => number; advance(seconds: number): void } {
  let t = Date.now();
  return { now: () => t, advance: (seconds) => { t += seconds * 1000; } };
}

export type Query = Record<string, string | undefined>;

/** The extension's authorization request with PKCE, as the extension would build it. */
export function extensionRequest(p: Pkce, overrides: Query = {}): Query {
  return {
    response_type: 'code', client_id: EXTENSION.id, redirect_uri: EXTENSION.redirectUri, scope: 'read write',
    state: randomBytes(8).toString('hex'), code_challenge: p.challenge, code_challenge_method: 'S256', ...overrides,
  };
}

export interface ConsentForm {
  method: string;
  action: string;
  fields: Record<string, string>;
  /** Values of the form's `decision` buttons, in page order. */
  decisions: string[];
}

export interface Page {
  status: number;
  headers: Headers;
  html: string;
  form?: ConsentForm;
  /** Set when the server redirected instead of showing a page. */
  location?: string;
}

/** GET /oauth/authorizations/new without following redirects. */
export async function openConsentPage(sb: Sandbox, query: Query): Promise<Page> {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  const response = await fetch(`${sb.url}/oauth/authorizations/new?${params}`, { redirect: 'manual' });
  const html = await response.text();
  return { status: response.status, headers: response.headers, html, form: parseConsentForm(html), location: response.headers.get('location') ?? undefined };
}

/** The first form on a page: method, action, hidden fields and decision buttons. */
export function parseConsentForm(html: string): ConsentForm | undefined {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const attribute = (tag: string, name: string): string | undefined => {
    const match = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag);
    return match ? unescapeHtml(match[1]) : undefined;
  };
  const fields: Record<string, string> = {};
  for (const input of form[2].matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(input[0], 'name');
    if (attribute(input[0], 'type') === 'hidden' && name !== undefined) fields[name] = attribute(input[0], 'value') ?? '';
  }
  const decisions = [...form[2].matchAll(/<button\b[^>]*>/gi)]
    .filter((button) => attribute(button[0], 'name') === 'decision')
    .map((button) => attribute(button[0], 'value') ?? '');
  return { method: (attribute(form[1], 'method') ?? 'get').toLowerCase(), action: attribute(form[1], 'action') ?? '', fields, decisions };
}

function unescapeHtml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#\d+|[a-z]+);/g, (whole, entity: string) =>
    entity.startsWith('#') ? String.fromCharCode(Number(entity.slice(1))) : named[entity] ?? whole);
}

/** Where the consent form posts, resolved against the page as a browser does (the action is relative). */
export function consentActionUrl(sb: Sandbox, form: ConsentForm): URL {
  return new URL(form.action, `${sb.url}/oauth/authorizations/new`);
}

/** Clicks a decision button: POSTs the form as a browser would (urlencoded), without following the redirect. */
export async function submitConsent(sb: Sandbox, form: ConsentForm, decision: string, edits: Record<string, string> = {}): Promise<Page> {
  const body = new URLSearchParams({ ...form.fields, ...edits, decision });
  const response = await fetch(consentActionUrl(sb, form), {
    method: form.method.toUpperCase(), redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body,
  });
  const html = await response.text();
  return { status: response.status, headers: response.headers, html, location: response.headers.get('location') ?? undefined };
}

/** The whole browser part: open the consent page, click `decision`, return the URL the browser is sent to. */
export async function authorize(sb: Sandbox, query: Query, decision: 'allow' | 'deny' = 'allow'): Promise<URL> {
  const page = await openConsentPage(sb, query);
  assert.equal(page.status, 200, page.location ?? page.html);
  assert.ok(page.form, 'the consent page has a form');
  const answer = await submitConsent(sb, page.form, decision);
  assert.equal(answer.status, 302, answer.html);
  assert.ok(answer.location);
  return new URL(answer.location);
}

/** POST /oauth/tokens with no Authorization header, as JSON (the spec's form) or urlencoded. */
export function requestToken(sb: Sandbox, body: Record<string, unknown>, encoding: 'json' | 'form' = 'json'): Promise<CallResult> {
  if (encoding === 'json') return call(sb, '/oauth/tokens', { method: 'POST', as: 'none', body });
  const form = new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, String(v)]));
  return call(sb, '/oauth/tokens', { method: 'POST', as: 'none', rawBody: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}

/** The token request the extension makes with a code from `authorize`. */
export function exchangeCode(sb: Sandbox, code: string, p: Pkce, overrides: Record<string, unknown> = {}): Promise<CallResult> {
  return requestToken(sb, {
    grant_type: 'authorization_code', code, client_id: EXTENSION.id, redirect_uri: EXTENSION.redirectUri, code_verifier: p.verifier, ...overrides,
  });
}

/** Authorization code for the extension's client (Allow clicked), with the PKCE pair behind it. */
export async function extensionCode(sb: Sandbox, overrides: Query = {}): Promise<{ code: string; pkce: Pkce }> {
  const p = pkce();
  const target = await authorize(sb, extensionRequest(p, overrides));
  const code = target.searchParams.get('code');
  assert.ok(code, `no code in ${target.href}`);
  return { code, pkce: p };
}

/** A full sign-in of the extension's client: the token endpoint's 201 body. */
export async function signIn(sb: Sandbox, overrides: Query = {}): Promise<TokenBody> {
  const { code, pkce: p } = await extensionCode(sb, overrides);
  const r = await exchangeCode(sb, code, p, overrides.redirect_uri === undefined ? {} : { redirect_uri: overrides.redirect_uri });
  assert.equal(r.status, 201, r.text);
  return r.json as TokenBody;
}

export interface TokenBody {
  access_token: string;
  token_type: string;
  scope: string;
  expires_in: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
}

/** GET /api/v2/users/me with a Bearer token. */
export const me = (sb: Sandbox, accessToken: string): Promise<CallResult> => call(sb, '/api/v2/users/me.json', { as: { bearer: accessToken } });
