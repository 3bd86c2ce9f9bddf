// The OAuth authorization server's state: consent pages waiting for Allow or Deny, authorization
// codes, refresh tokens (access tokens live in AccessTokenStore), counters, and the test controls
// exposed as `sandbox.oauth`. Time comes from the injected clock so tests can expire things
// without sleeping.
import { randomBytes } from 'node:crypto';
import type { AccessTokenStore } from './auth';
import type { ResolvedOAuthClient } from './oauthClients';
import { parseScope, type Scope } from './oauthScopes';
import type { UserRecord } from './records';

/** "The code is valid for only 120 seconds" (OAS CreateTokenForGrantType, API-NOTES §6). */
export const AUTHORIZATION_CODE_TTL_SECONDS = 120;
// unverified: how long a consent page can wait for its Allow/Deny (the sandbox's choice).
export const CONSENT_TTL_SECONDS = 600;

export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';
/** `sandbox` = issued by the test control, not by the token endpoint. */
export type IssueSource = GrantType | 'sandbox';

export interface TokenSet {
  accessToken: string;
  tokenType: 'bearer';
  /** Space-separated, as the token endpoint answers it. */
  scope: string;
  expiresIn: number;
  refreshToken?: string;
  refreshTokenExpiresIn?: number;
}

export interface OAuthStats {
  /** Token sets issued, by grant type. */
  issued: Record<IssueSource, number>;
  /** Token endpoint requests answered with an OAuth error. */
  refused: number;
  refusedByError: Record<string, number>;
}

export interface IssueOptions {
  clientId: string;
  /** Default: the client's owner (the admin unless configured). */
  userId?: number;
  /** Default 'read write'. */
  scope?: string;
  /** Default: the client's access token lifetime. */
  accessTtlSeconds?: number;
}

/** The test controls, in-process (`sandbox.oauth`) and over HTTP (`/__sandbox/oauth/...`). */
export interface SandboxOAuth {
  readonly clients: readonly ResolvedOAuthClient[];
  /** Every current access token expires now (to test expiry during use). */
  expireAccessTokens(): void;
  /** Every refresh token stops working, as when an admin revokes the grant. Access tokens live on until they expire. */
  revokeRefreshTokens(): void;
  /** A token set (with a refresh token) without the browser dance. Throws on an unknown client, user or scope. */
  issue(options: IssueOptions): TokenSet;
  stats(): OAuthStats;
  /** Every access and refresh token issued so far, for tests that scan for leaks. */
  readonly issuedTokens: readonly string[];
}

/** A validated authorization request, shown on a consent page and waiting for Allow or Deny. */
export interface PendingConsent {
  clientId: string;
  redirectUri: string;
  scope: Scope;
  state?: string;
  codeChallenge?: string;
  userId: number;
  /** The query parameters echoed in hidden fields: the POST must send them back unchanged. */
  fields: Record<string, string>;
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  userId: number;
  scope: Scope;
  codeChallenge?: string;
  expiresAtMs: number;
  used: boolean;
  /** What was issued for it, revoked if the code comes back (RFC 6749 §4.1.2). */
  issued?: { accessToken: string; refreshToken?: string };
}

export interface RefreshGrant {
  clientId: string;
  userId: number;
  /** The scope the user granted; a refresh may narrow the access token's, never widen it. */
  scope: Scope;
  /** The access token issued with it: rotation kills both (API-NOTES §6). */
  accessToken: string;
  expiresAtMs: number;
}

export interface GrantUsers {
  userById(id: number): UserRecord | undefined;
  userByEmail(email: string): UserRecord | undefined;
  /** The sandbox admin: who consents by default and whose token client_credentials gives. */
  adminUserId: number;
}

export interface IssueRequest {
  client: ResolvedOAuthClient;
  userId: number;
  scope: Scope;
  accessTtlSeconds: number;
  /** Omit for no refresh token (client_credentials). */
  refreshTtlSeconds?: number;
  /** The refresh grant's scope when the access token's is narrower (default: `scope`). */
  grantScope?: Scope;
  source: IssueSource;
}

const newSecret = (): string => randomBytes(24).toString('base64url');

export class OAuthGrants implements SandboxOAuth {
  readonly clients: readonly ResolvedOAuthClient[];
  private readonly consents = new Map<string, PendingConsent & { expiresAtMs: number }>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  readonly issuedTokens: string[] = [];
  private readonly counts: OAuthStats = {
    issued: { authorization_code: 0, refresh_token: 0, client_credentials: 0, sandbox: 0 },
    refused: 0,
    refusedByError: {},
  };

  constructor(
    clients: readonly ResolvedOAuthClient[],
    private readonly accessTokens: AccessTokenStore,
    readonly users: GrantUsers,
    readonly now: () => number,
  ) {
    this.clients = clients;
  }

  client(id: string | undefined): ResolvedOAuthClient | undefined {
    return this.clients.find((c) => c.id === id);
  }

  /** Files a consent page's request under a fresh anti-CSRF token (returned). */
  openConsent(consent: PendingConsent): string {
    const token = newSecret();
    this.consents.set(token, { ...consent, expiresAtMs: this.now() + CONSENT_TTL_SECONDS * 1000 });
    return token;
  }

  /** The request behind a consent page's token; each token works once, within CONSENT_TTL_SECONDS. */
  takeConsent(token: string): PendingConsent | undefined {
    const consent = this.consents.get(token);
    this.consents.delete(token);
    return consent && consent.expiresAtMs > this.now() ? consent : undefined;
  }

  /** A single-use code for an allowed consent, valid for 120 s. */
  issueCode(consent: PendingConsent): string {
    const code = newSecret();
    this.codes.set(code, {
      clientId: consent.clientId, redirectUri: consent.redirectUri, userId: consent.userId, scope: consent.scope,
      codeChallenge: consent.codeChallenge, expiresAtMs: this.now() + AUTHORIZATION_CODE_TTL_SECONDS * 1000, used: false,
    });
    return code;
  }

  findCode(code: string): AuthorizationCode | undefined {
    return this.codes.get(code);
  }

  /** A code presented twice: whatever it bought stops working too. */
  revokeIssuedFor(code: AuthorizationCode): void {
    if (!code.issued) return;
    this.accessTokens.revoke(code.issued.accessToken);
    if (code.issued.refreshToken) this.refreshTokens.delete(code.issued.refreshToken);
  }

  /** A live refresh grant; expired ones are forgotten. */
  findRefresh(token: string): RefreshGrant | undefined {
    const grant = this.refreshTokens.get(token);
    if (grant && grant.expiresAtMs <= this.now()) this.refreshTokens.delete(token);
    return grant && grant.expiresAtMs > this.now() ? grant : undefined;
  }

  /** Retires a refresh token and the access token issued with it (rotation, API-NOTES §6). */
  retire(refreshToken: string): void {
    const grant = this.refreshTokens.get(refreshToken);
    if (grant) this.accessTokens.revoke(grant.accessToken);
    this.refreshTokens.delete(refreshToken);
  }

  issueTokens(request: IssueRequest): TokenSet {
    const { client, userId, scope, accessTtlSeconds, refreshTtlSeconds } = request;
    const accessToken = this.accessTokens.issue(userId, accessTtlSeconds, { scope, clientId: client.id });
    const set: TokenSet = { accessToken, tokenType: 'bearer', scope: scope.join(' '), expiresIn: accessTtlSeconds };
    if (refreshTtlSeconds !== undefined) {
      set.refreshToken = newSecret();
      set.refreshTokenExpiresIn = refreshTtlSeconds;
      this.refreshTokens.set(set.refreshToken, {
        clientId: client.id, userId, scope: request.grantScope ?? scope, accessToken, expiresAtMs: this.now() + refreshTtlSeconds * 1000,
      });
    }
    this.counts.issued[request.source]++;
    this.issuedTokens.push(accessToken, ...(set.refreshToken ? [set.refreshToken] : []));
    return set;
  }

  countRefused(error: string): void {
    this.counts.refused++;
    this.counts.refusedByError[error] = (this.counts.refusedByError[error] ?? 0) + 1;
  }

  expireAccessTokens(): void {
    this.accessTokens.expireAll();
  }

  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  issue(options: IssueOptions): TokenSet {
    const client = this.client(options.clientId);
    if (!client) throw new Error(`no OAuth client '${options.clientId}' is registered`);
    const userId = options.userId ?? client.ownerUserId ?? this.users.adminUserId;
    if (!this.users.userById(userId)) throw new Error(`no user ${userId}`);
    const scope = parseScope(options.scope ?? 'read write');
    if (!scope.ok) throw new Error(scope.message);
    return this.issueTokens({
      client, userId, scope: scope.scope, source: 'sandbox',
      accessTtlSeconds: options.accessTtlSeconds ?? client.accessTokenTtlSeconds, refreshTtlSeconds: client.refreshTokenTtlSeconds,
    });
  }

  stats(): OAuthStats {
    return structuredClone(this.counts);
  }
}
