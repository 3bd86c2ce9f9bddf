import { isZendeskError } from '../zendesk';
import type { CredentialProvider, OAuthClientIdentity, TokenSet } from '../zendesk';
import { abortReason } from '../zendesk/timing';

/** An OAuth grant as stored in SecretStorage: who the client is, and the current tokens. */
export interface OAuthGrant extends OAuthClientIdentity {
  kind: 'oauth' | 'clientCredentials';
  tokens: TokenSet;
}

/** What refreshing needs from the token endpoint (ZendeskTokenEndpoint, or a test double). */
export interface TokenRefresher {
  refresh(input: OAuthClientIdentity & { refreshToken: string }): Promise<TokenSet>;
  clientCredentials(input: OAuthClientIdentity): Promise<TokenSet>;
}

/** Where rotated tokens go: SecretStorage in the extension (shared with other windows). */
export interface GrantStore {
  load(): Promise<OAuthGrant | undefined>;
  save(grant: OAuthGrant): Promise<void>;
}

/** The session cannot go on: the refresh token (or client) was refused. Sign in again. */
export class SessionEndedError extends Error {
  override readonly name = 'SessionEndedError';
  /** The refused tokens: a private field, so no message, log line or JSON of this error shows them. */
  readonly #refused: TokenSet;

  constructor(readonly origin: string, readonly reason: string, refused: TokenSet) {
    super(`The Zendesk session for ${origin} has ended (${reason}). Sign in again.`);
    this.#refused = refused;
  }

  /**
   * Whether `stored` (what SecretStorage holds now) is still the refused grant, or nothing. Only
   * then may it be deleted: anything else was saved by another window since, and is good.
   */
  isRefusedGrant(stored: { kind: string; tokens?: TokenSet } | undefined): boolean {
    return stored === undefined || (stored.kind !== 'apiToken' && !differentTokens(stored.tokens, this.#refused));
  }
}

export interface RefreshingCredentialsOptions {
  origin: string;
  grant: OAuthGrant;
  endpoint: TokenRefresher;
  store: GrantStore;
  /** Told once when the session ends, so the user sees one prompt however many calls fail. */
  onSessionEnded(error: SessionEndedError): void;
  /** Refresh this long before the access token expires. */
  refreshSkewMs?: number;
  now?(): number;
}

const DEFAULT_SKEW_MS = 2 * 60_000;

/**
 * OAuth credentials that keep themselves valid: the token is refreshed shortly before it expires
 * and after a 401; concurrent requests share one refresh; the rotated refresh token is saved
 * before the new access token is used (a crash cannot lose the session); a refused refresh ends
 * the session once and for all — nothing retries forever. No `vscode` import.
 */
export class RefreshingCredentials implements CredentialProvider {
  readonly kind = 'provider' as const;
  private grant: OAuthGrant;
  private refreshing?: Promise<void>;
  private ended?: SessionEndedError;
  private readonly now: () => number;

  constructor(private readonly options: RefreshingCredentialsOptions) {
    this.grant = options.grant;
    this.now = options.now ?? Date.now;
  }

  async authorization(signal?: AbortSignal): Promise<string> {
    if (this.ended) {
      throw this.ended;
    }
    const expiresAt = this.grant.tokens.expiresAt;
    if (expiresAt !== undefined && expiresAt - this.now() <= (this.options.refreshSkewMs ?? DEFAULT_SKEW_MS)) {
      try {
        await untilAborted(this.refresh(this.header()), signal);
      } catch (error) {
        // An early refresh that failed for a moment (network, 5xx) is no reason to fail the request
        // while the current token still works; a refusal, a cancellation or an expired token is.
        if (signal?.aborted || error instanceof SessionEndedError || expiresAt <= this.now()) {
          throw error;
        }
      }
    }
    return this.header();
  }

  async onUnauthorized(rejected: string, signal?: AbortSignal): Promise<boolean> {
    if (this.ended) {
      return false;
    }
    try {
      await untilAborted(this.refresh(rejected), signal);
      return true;
    } catch (error) {
      if (signal?.aborted || !(error instanceof SessionEndedError)) {
        // Cancelled, or the refresh failed for a moment (rate limit, outage, network): say that,
        // not that Zendesk refused the credentials — the session may well go on.
        throw error;
      }
      return false;
    }
  }

  private header(): string {
    return `Bearer ${this.grant.tokens.accessToken}`;
  }

  /**
   * One refresh for everyone who saw `stale` rejected; later callers just use the new token.
   * It takes no caller's signal: once Zendesk has rotated, the new pair must be saved even if the
   * request that started the refresh was cancelled, or the old (dead) pair would end the session.
   */
  private refresh(stale: string): Promise<void> {
    if (this.ended) {
      return Promise.reject(this.ended);
    }
    if (this.refreshing) {
      return this.refreshing;
    }
    if (stale !== this.header()) {
      return Promise.resolve(); // someone refreshed since that request went out
    }
    this.refreshing = this.rotate().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async rotate(): Promise<void> {
    const { options } = this;
    // Another window (or another client of this one) may have rotated already: its pair is the
    // live one, and refreshing with ours would only be refused.
    if (await this.adoptNewerStored()) {
      return;
    }
    const { grant } = this;
    try {
      const tokens = grant.kind === 'clientCredentials'
        ? await options.endpoint.clientCredentials({ clientId: grant.clientId, clientSecret: grant.clientSecret })
        : await options.endpoint.refresh({ clientId: grant.clientId, clientSecret: grant.clientSecret, refreshToken: this.requireRefreshToken() });
      const next: OAuthGrant = { ...grant, tokens: { ...tokens, refreshToken: tokens.refreshToken ?? (grant.kind === 'oauth' ? undefined : grant.tokens.refreshToken) } };
      await options.store.save(next); // before use: the old refresh token is dead from now on
      this.grant = next;
    } catch (error) {
      if (isZendeskError(error) && error.status >= 200 && error.status < 300) {
        // Zendesk rotated (it answered 2xx) but its answer could not be read: the old pair is dead
        // and the new one lost. Nothing can bring the session back; say so now.
        this.end(error.description ?? error.code);
        throw this.ended;
      }
      if (!refused(error)) {
        throw error; // the network or Zendesk had a moment: the caller decides, the next request may refresh
      }
      // Another window may have rotated the tokens first (its refresh killed ours): adopt them.
      if (await this.adoptNewerStored()) {
        return;
      }
      this.end(isZendeskError(error) ? error.description ?? error.code : String(error));
      throw this.ended;
    }
  }

  /** Takes the stored grant if it is not the one in memory; an unreadable store changes nothing. */
  private async adoptNewerStored(): Promise<boolean> {
    const stored = await this.options.store.load().catch(() => undefined);
    if (!stored || !differentTokens(stored.tokens, this.grant.tokens)) {
      return false;
    }
    this.grant = stored;
    return true;
  }

  private requireRefreshToken(): string {
    const token = this.grant.tokens.refreshToken;
    if (!token) {
      this.end('no refresh token');
      throw this.ended;
    }
    return token;
  }

  private end(reason: string): void {
    if (!this.ended) {
      this.ended = new SessionEndedError(this.options.origin, reason, this.grant.tokens);
      this.options.onSessionEnded(this.ended);
    }
  }
}

function differentTokens(a: TokenSet | undefined, b: TokenSet): boolean {
  return a?.refreshToken !== b.refreshToken || a?.accessToken !== b.accessToken;
}

/** Zendesk refused the grant itself (400/401: invalid_grant, invalid_client, …): retrying cannot help. */
function refused(error: unknown): boolean {
  return isZendeskError(error) && (error.status === 400 || error.status === 401);
}

/** Waits for shared work, but lets this caller stop waiting when its signal aborts; the work goes on. */
function untilAborted<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) {
    return work;
  }
  work.catch(() => undefined); // a caller that stopped waiting must not leave the failure unhandled
  if (signal.aborted) {
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
