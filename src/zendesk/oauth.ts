import { normalizeBaseUrl } from './baseUrl';
import { ZendeskInputError } from './errors';
import { RetryPolicy, Sleeper, ZendeskHttp } from './http';
import type { ZendeskLogger } from './logger';
import { DEFAULT_USER_AGENT } from './userAgent';
import { requireText } from './validate';

/** Scopes the extension asks for: reading everything, and writing organizations' memberships. */
export const DEFAULT_OAUTH_SCOPE = 'read write';

/** An OAuth token set, with absolute expiry times (ms since the epoch) instead of lifetimes. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** When the access token stops working, if Zendesk said. */
  expiresAt?: number;
  refreshExpiresAt?: number;
  scope?: string;
}

export interface OAuthClientIdentity {
  clientId: string;
  /** Confidential clients only; never sent by public (PKCE) clients. */
  clientSecret?: string;
}

interface TokenResponse {
  access_token: string;
  token_type?: string;
  scope?: string;
  expires_in?: number | null;
  refresh_token?: string;
  refresh_token_expires_in?: number | null;
}

export interface AuthorizationRequest extends OAuthClientIdentity {
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scope?: string;
}

/** Zendesk's authorization page for the authorization-code flow with PKCE (S256). */
export function authorizationUrl(baseUrl: string, request: AuthorizationRequest): string {
  const url = new URL('/oauth/authorizations/new', normalizeBaseUrl(baseUrl));
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: requireText(request.clientId, 'clientId'),
    redirect_uri: requireText(request.redirectUri, 'redirectUri'),
    scope: request.scope ?? DEFAULT_OAUTH_SCOPE,
    state: requireText(request.state, 'state'),
    code_challenge: requireText(request.codeChallenge, 'codeChallenge'),
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

export interface TokenEndpointOptions {
  baseUrl: string;
  logger?: ZendeskLogger;
  userAgent?: string;
  /** Registers each token in the caller's redactor, so no log or error ever shows one. */
  onSecret?(secret: string): void;
  now?(): number;
  /** Overrides of the retry caps (tests). */
  retry?: Partial<RetryPolicy>;
  /** How waits between attempts pass (real timers unless a test keeps its own clock). */
  sleep?: Sleeper;
}

/**
 * Zendesk's token endpoint (POST /oauth/tokens): exchanging a code, refreshing, and client
 * credentials. Requests go through the same HTTP path as the API. A token request is repeated
 * after a failure that may have reached Zendesk (a 5xx, a lost connection): if the first attempt
 * was carried out, the repeat is refused (`invalid_grant`: the code is spent, the refresh token
 * rotated away), which says exactly that; if it was not, the repeat does the work. Not repeating
 * would leave a refresh that never happened looking like an ended session.
 */
export class ZendeskTokenEndpoint {
  private readonly http: ZendeskHttp;
  private readonly now: () => number;

  constructor(private readonly options: TokenEndpointOptions) {
    this.http = new ZendeskHttp({
      baseUrl: normalizeBaseUrl(options.baseUrl),
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      logger: options.logger,
      retry: options.retry,
      sleep: options.sleep,
    });
    this.now = options.now ?? Date.now;
  }

  exchangeCode(input: OAuthClientIdentity & { code: string; redirectUri: string; codeVerifier: string; scope?: string }, signal?: AbortSignal): Promise<TokenSet> {
    return this.request({
      grant_type: 'authorization_code',
      code: requireText(input.code, 'code'),
      client_id: requireText(input.clientId, 'clientId'),
      ...(input.clientSecret ? { client_secret: input.clientSecret } : {}),
      redirect_uri: input.redirectUri,
      code_verifier: requireText(input.codeVerifier, 'codeVerifier'),
      scope: input.scope ?? DEFAULT_OAUTH_SCOPE,
    }, signal);
  }

  refresh(input: OAuthClientIdentity & { refreshToken: string }, signal?: AbortSignal): Promise<TokenSet> {
    return this.request({
      grant_type: 'refresh_token',
      refresh_token: requireText(input.refreshToken, 'refreshToken'),
      client_id: requireText(input.clientId, 'clientId'),
      ...(input.clientSecret ? { client_secret: input.clientSecret } : {}),
    }, signal);
  }

  clientCredentials(input: OAuthClientIdentity & { scope?: string }, signal?: AbortSignal): Promise<TokenSet> {
    if (!input.clientSecret) {
      throw new ZendeskInputError('clientSecret', 'Client credentials need the OAuth client\'s secret.');
    }
    return this.request({
      grant_type: 'client_credentials',
      client_id: requireText(input.clientId, 'clientId'),
      client_secret: input.clientSecret,
      scope: input.scope ?? DEFAULT_OAUTH_SCOPE,
    }, signal);
  }

  private async request(body: Record<string, string>, signal?: AbortSignal): Promise<TokenSet> {
    for (const secret of [body.client_secret, body.refresh_token, body.code, body.code_verifier]) {
      if (secret) {
        this.http.redactor.add(secret);
        this.options.onSecret?.(secret);
      }
    }
    const sentAt = this.now();
    const { body: answer } = await this.http.request<TokenResponse>({
      method: 'POST', path: '/oauth/tokens', body, authenticated: false, retry: 'keyed', signal,
    });
    if (!answer?.access_token) {
      throw new ZendeskInputError('access_token', 'Zendesk answered the token request without an access token.');
    }
    for (const secret of [answer.access_token, answer.refresh_token]) {
      if (secret) {
        this.http.redactor.add(secret);
        this.options.onSecret?.(secret);
      }
    }
    // Lifetimes count from when the request was sent, so clock time spent waiting errs early.
    return {
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token ?? undefined,
      expiresAt: typeof answer.expires_in === 'number' ? sentAt + answer.expires_in * 1000 : undefined,
      refreshExpiresAt: typeof answer.refresh_token_expires_in === 'number' ? sentAt + answer.refresh_token_expires_in * 1000 : undefined,
      scope: answer.scope,
    };
  }
}
