// The authorization endpoint. GET /oauth/authorizations/new shows the consent page; its form POSTs
// Allow or Deny to /oauth/authorizations, which sends the browser back to the client's redirect_uri.
// Validation follows RFC 6749 §4.1.2.1: with an unknown client or an unregistered redirect_uri the
// browser is never redirected (an HTML error page instead); every other problem goes back to the
// client as `error=…&error_description=…&state=…` on its redirect_uri.
// unverified: every error_description text, and that redirect_uri is required (the sandbox
// requires it; RFC 6749 would allow omitting it for a client with one registered URI).
import { isConfidential, redirectUriAllowed } from '../oauthClients';
import type { OAuthGrants, PendingConsent } from '../oauthGrants';
import { consentPage, errorPage, HTML_CONTENT_TYPE } from '../oauthPages';
import { parseScope } from '../oauthScopes';
import type { ApiRequest, ApiResponse } from '../http';

/** The request parameters the consent form carries back in hidden fields. `login_as` is the sandbox's own. */
const PARAMETERS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method', 'login_as'] as const;
/** BASE64URL(SHA-256(code_verifier)) without padding is always 43 characters (RFC 7636 §4.2). */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export function showConsent(req: ApiRequest, oauth: OAuthGrants): ApiResponse {
  const repeated = PARAMETERS.find((name) => req.rawQuery.getAll(name).length > 1);
  // RFC 6749 §3.1: parameters must not be repeated; which copy to trust is unknowable, so no redirect.
  if (repeated) return errorPage(400, 'Invalid authorization request', `The parameter ${repeated} was sent more than once.`);
  const param = (name: string): string | undefined => req.rawQuery.get(name) || undefined;

  const clientId = param('client_id');
  const client = oauth.client(clientId);
  if (!client) {
    return errorPage(400, 'Unknown OAuth client', clientId === undefined ? 'The request names no client_id.' : `No OAuth client with the identifier "${clientId}" is registered.`);
  }
  const redirectUri = param('redirect_uri');
  if (redirectUri === undefined) return errorPage(400, 'Invalid redirect URI', 'The request has no redirect_uri.');
  if (!redirectUriAllowed(client, redirectUri)) {
    return errorPage(400, 'Invalid redirect URI', `"${redirectUri}" is not a redirect URI registered for ${client.name}.`);
  }
  const loginAs = param('login_as');
  const user = loginAs === undefined ? oauth.users.userById(oauth.users.adminUserId) : oauth.users.userByEmail(loginAs);
  if (!user || !user.active || user.suspended) return errorPage(400, 'Unknown user', `No active sandbox user has the email "${loginAs}".`);

  const state = param('state');
  const fail = (error: string, description: string): ApiResponse => redirectTo(redirectUri, { error, error_description: description, state });
  const responseType = param('response_type');
  if (responseType === undefined) return fail('invalid_request', 'response_type is required');
  // The implicit grant (response_type=token) has been refused since Feb 17, 2025 (API-NOTES §6).
  if (responseType !== 'code') return fail('unsupported_response_type', `response_type "${responseType}" is not supported; use "code"`);
  const scopeText = param('scope');
  // RFC 6749 §3.3: without a scope, use a default or fail with invalid_scope; Zendesk says "You must specify a scope".
  if (scopeText === undefined) return fail('invalid_scope', 'scope is required');
  const scope = parseScope(scopeText);
  if (!scope.ok) return fail('invalid_scope', scope.message);
  const challenge = param('code_challenge');
  const method = param('code_challenge_method');
  if (challenge === undefined) {
    if (method !== undefined) return fail('invalid_request', 'code_challenge_method was sent without a code_challenge');
    // Confidential clients may skip PKCE; public ones cannot keep anything secret, so they must use it.
    if (!isConfidential(client)) return fail('invalid_request', 'code_challenge is required for a public client (PKCE, S256)');
  } else {
    // RFC 7636 defaults a missing method to "plain", which the sandbox does not support.
    if (method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
    if (!S256_CHALLENGE.test(challenge)) return fail('invalid_request', 'code_challenge must be 43 base64url characters (S256)');
  }

  const fields: Record<string, string> = {};
  for (const name of PARAMETERS) {
    const value = param(name);
    if (value !== undefined) fields[name] = value;
  }
  const csrfToken = oauth.openConsent({
    clientId: client.id, redirectUri, scope: scope.scope, state, codeChallenge: challenge, userId: user.id, fields,
  });
  return consentPage({
    clientName: client.name, clientId: client.id, userName: user.name, userEmail: user.email,
    scope: scope.scope, fields: { ...fields, csrf_token: csrfToken }, redirectUri,
  });
}

/**
 * The consent form's answer. The anti-CSRF token names the very page that was shown (single use,
 * bound server-side to its request), so a forged or replayed POST, or one whose hidden fields were
 * edited, gets an error page and no code.
 */
export function decideConsent(req: ApiRequest, oauth: OAuthGrants): ApiResponse {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (!type.includes('application/x-www-form-urlencoded')) {
    return errorPage(400, 'Invalid authorization request', 'Expected the consent form (application/x-www-form-urlencoded).');
  }
  const form = new URLSearchParams(req.bodyText);
  const consent = oauth.takeConsent(form.get('csrf_token') ?? '');
  if (!consent) return errorPage(403, 'This authorization page is no longer valid', 'It has expired or was already used. Start the sign-in again from the app.');
  const edited = PARAMETERS.find((name) => (form.get(name) ?? '') !== (consent.fields[name] ?? ''));
  if (edited) return errorPage(400, 'Invalid authorization request', `The form's ${edited} does not match the page it came from.`);
  switch (form.get('decision')) {
    case 'allow':
      return redirectTo(consent.redirectUri, { code: oauth.issueCode(consent), state: consent.state });
    case 'deny':
      return denied(consent);
    default:
      return errorPage(400, 'Invalid authorization request', 'The form carried neither Allow nor Deny.');
  }
}

const denied = (consent: PendingConsent): ApiResponse =>
  redirectTo(consent.redirectUri, { error: 'access_denied', error_description: 'The user denied the authorization request', state: consent.state });

/** A 302 to `redirectUri` with `params` appended, keeping the URI's own query exactly as it was. */
function redirectTo(redirectUri: string, params: Record<string, string | undefined>): ApiResponse {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const separator = !redirectUri.includes('?') ? '?' : /[?&]$/.test(redirectUri) ? '' : '&';
  return {
    status: 302,
    rawBody: '',
    headers: { Location: `${redirectUri}${separator}${query.toString()}`, 'Content-Type': HTML_CONTENT_TYPE, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
  };
}
