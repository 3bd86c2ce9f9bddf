// POST /oauth/tokens (OAS CreateTokenForGrantType, API-NOTES §6): authorization_code with PKCE,
// refresh_token (rotating: the previous access and refresh tokens stop working at once) and
// client_credentials. No Authorization header: the client authenticates with client_id, plus
// client_secret when confidential, in the body. The spec says JSON; a form-encoded body is
// accepted too, as RFC 6749 §4.1.3 prescribes. Success: 201 OAuthTokenForGrantTypesObject.
// Failure: the OAuth envelope {error, error_description} (RFC 6749 §5.2).
// unverified: every error_description text; which code a case gets where RFC 6749 leaves a choice
// (missing client_id → invalid_client 401, missing code_verifier → invalid_request, missing scope
// → invalid_scope); that range limits are inclusive; that a code is used up by the first
// well-formed request naming it, even one that then fails (wrong verifier or redirect_uri); that
// presenting a used code also revokes what it bought (RFC 6749 §4.1.2 "SHOULD"); that a public
// client's stray client_secret is ignored; that a refresh restarts the refresh token's lifetime.
import { createHash } from 'node:crypto';
import { oauthError } from '../errors';
import type { ApiRequest, ApiResponse } from '../http';
import { isConfidential, type ResolvedOAuthClient } from '../oauthClients';
import type { GrantType, OAuthGrants, TokenSet } from '../oauthGrants';
import { isWithin, parseScope, type Scope } from '../oauthScopes';

const GRANT_TYPES: readonly string[] = ['authorization_code', 'refresh_token', 'client_credentials'] satisfies GrantType[];
/** expires_in: 300 s to 2 days; refresh_token_expires_in: 7 to 90 days (API-NOTES §6). */
const ACCESS_TTL = { min: 300, max: 172_800 };
const REFRESH_TTL = { min: 604_800, max: 7_776_000 };
/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

class OAuthFailure extends Error {
  constructor(readonly status: number, readonly code: string, description: string) {
    super(description);
  }
}
const invalidRequest = (description: string): OAuthFailure => new OAuthFailure(400, 'invalid_request', description);
const invalidGrant = (description: string): OAuthFailure => new OAuthFailure(400, 'invalid_grant', description);
const invalidScope = (description: string): OAuthFailure => new OAuthFailure(400, 'invalid_scope', description);
const invalidClient = (description: string): OAuthFailure => new OAuthFailure(401, 'invalid_client', description);

export function tokenEndpoint(req: ApiRequest, oauth: OAuthGrants): ApiResponse {
  let response: ApiResponse;
  try {
    response = { status: 201, body: tokenResponseBody(grant(readParameters(req), oauth)) };
  } catch (error) {
    if (!(error instanceof OAuthFailure)) throw error;
    oauth.countRefused(error.code);
    response = oauthError(error.status, error.code, error.message);
  }
  // Token responses must not be cached (RFC 6749 §5.1).
  return { ...response, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } };
}

/** The wire form of a token set (OAuthTokenForGrantTypesObject); refresh fields only when there is a refresh token. */
export function tokenResponseBody(set: TokenSet): Record<string, unknown> {
  const body: Record<string, unknown> = { access_token: set.accessToken, token_type: set.tokenType, scope: set.scope, expires_in: set.expiresIn };
  if (set.refreshToken !== undefined) {
    body.refresh_token = set.refreshToken;
    body.refresh_token_expires_in = set.refreshTokenExpiresIn;
  }
  return body;
}

function grant(params: TokenParameters, oauth: OAuthGrants): TokenSet {
  const grantType = params.required('grant_type');
  // The password and implicit grants have been refused since Feb 17, 2025 (API-NOTES §6).
  if (!GRANT_TYPES.includes(grantType)) throw new OAuthFailure(400, 'unsupported_grant_type', `grant_type "${grantType}" is not supported`);
  const client = authenticateClient(params, oauth);
  const accessTtl = params.seconds('expires_in', ACCESS_TTL) ?? client.accessTokenTtlSeconds;
  const refreshTtl = params.seconds('refresh_token_expires_in', REFRESH_TTL) ?? client.refreshTokenTtlSeconds;
  const scopeText = params.text('scope');
  const scope = scopeText === undefined ? undefined : parseScope(scopeText);
  if (scope && !scope.ok) throw invalidScope(scope.message);
  const requested = scope?.scope;
  switch (grantType as GrantType) {
    case 'authorization_code':
      return redeemCode(params, oauth, client, requested, accessTtl, refreshTtl);
    case 'refresh_token':
      return refresh(params, oauth, client, requested, accessTtl, refreshTtl);
    case 'client_credentials':
      if (!isConfidential(client)) throw new OAuthFailure(400, 'unauthorized_client', 'client_credentials needs a confidential client (one with a secret)');
      if (!requested) throw invalidScope('scope is required');
      return oauth.issueTokens({
        client, userId: client.ownerUserId ?? oauth.users.adminUserId, scope: requested, accessTtlSeconds: accessTtl, source: 'client_credentials',
      });
  }
}

function authenticateClient(params: TokenParameters, oauth: OAuthGrants): ResolvedOAuthClient {
  const id = params.text('client_id');
  if (id === undefined) throw invalidClient('client_id is required');
  const client = oauth.client(id);
  if (!client) throw invalidClient(`Unknown client "${id}"`);
  if (isConfidential(client) && params.text('client_secret') !== client.secret) throw invalidClient('Client authentication failed');
  return client;
}

function redeemCode(
  params: TokenParameters, oauth: OAuthGrants, client: ResolvedOAuthClient, requested: Scope | undefined, accessTtl: number, refreshTtl: number,
): TokenSet {
  const text = params.required('code');
  const redirectUri = params.required('redirect_uri');
  const verifier = params.text('code_verifier');
  const code = oauth.findCode(text);
  if (!code || code.clientId !== client.id) throw invalidGrant('The authorization code is invalid');
  if (code.used) {
    oauth.revokeIssuedFor(code);
    throw invalidGrant('The authorization code was already used');
  }
  if (code.codeChallenge !== undefined) {
    if (verifier === undefined) throw invalidRequest('code_verifier is required: the authorization used PKCE');
    if (!CODE_VERIFIER.test(verifier)) throw invalidRequest('code_verifier must be 43 to 128 characters from [A-Za-z0-9._~-]');
  }
  if (requested && !isWithin(requested, code.scope)) throw invalidScope('scope goes beyond what the user authorized');
  code.used = true;
  if (code.expiresAtMs <= oauth.now()) throw invalidGrant('The authorization code has expired');
  if (redirectUri !== code.redirectUri) throw invalidGrant('redirect_uri does not match the one used in the authorization request');
  // A verifier for a code issued without a challenge is refused too (OAuth 2.1 §4.1.3).
  const verified = code.codeChallenge === undefined ? verifier === undefined : s256(verifier ?? '') === code.codeChallenge;
  if (!verified) throw invalidGrant('code_verifier does not match the code_challenge');
  const set = oauth.issueTokens({
    client, userId: code.userId, scope: requested ?? code.scope, grantScope: code.scope,
    accessTtlSeconds: accessTtl, refreshTtlSeconds: refreshTtl, source: 'authorization_code',
  });
  code.issued = { accessToken: set.accessToken, refreshToken: set.refreshToken };
  return set;
}

function refresh(
  params: TokenParameters, oauth: OAuthGrants, client: ResolvedOAuthClient, requested: Scope | undefined, accessTtl: number, refreshTtl: number,
): TokenSet {
  const token = params.required('refresh_token');
  const previous = oauth.findRefresh(token);
  if (!previous || previous.clientId !== client.id) throw invalidGrant('The refresh token is invalid, expired or revoked');
  if (requested && !isWithin(requested, previous.scope)) throw invalidScope('scope goes beyond what the user authorized');
  oauth.retire(token);
  return oauth.issueTokens({
    client, userId: previous.userId, scope: requested ?? previous.scope, grantScope: previous.scope,
    accessTtlSeconds: accessTtl, refreshTtlSeconds: refreshTtl, source: 'refresh_token',
  });
}

const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

/** The request's parameters, from a JSON or a form-encoded body. */
class TokenParameters {
  constructor(private readonly values: Record<string, unknown>) {}

  /** A string parameter; absent, null and '' all count as not sent. */
  text(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw invalidRequest(`${name} must be a string`);
    return value;
  }

  required(name: string): string {
    const value = this.text(name);
    if (value === undefined) throw invalidRequest(`${name} is required`);
    return value;
  }

  /** Whole seconds within `range` (a JSON number or a digit string), or undefined when not sent. */
  seconds(name: string, range: { min: number; max: number }): number | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return undefined;
    const n = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < range.min || n > range.max) {
      throw invalidRequest(`${name} must be a whole number of seconds from ${range.min} to ${range.max}`);
    }
    return n;
  }
}

function readParameters(req: ApiRequest): TokenParameters {
  if (req.bodyText.trim() === '') return new TokenParameters({});
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (type.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(req.bodyText);
    } catch {
      throw invalidRequest('The request body is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidRequest('The request body must be a JSON object');
    return new TokenParameters(parsed as Record<string, unknown>);
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(req.bodyText);
    const values: Record<string, string> = {};
    for (const [name, value] of form) {
      // RFC 6749 §3.2: parameters must not be included more than once.
      if (Object.hasOwn(values, name)) throw invalidRequest(`${name} was sent more than once`);
      values[name] = value;
    }
    return new TokenParameters(values);
  }
  throw invalidRequest('Send the parameters as JSON (Content-Type: application/json)');
}
