// Who is calling. Two schemes, as on the live API (API-NOTES §6):
//  - Basic base64("{email}/token:{api_token}"). API tokens belong to the account, and "permissions
//    are those of the user the email belongs to", so any accepted token + any user's email
//    authenticates as that user. Plain email:password Basic is gone live, so it is rejected here.
//  - Bearer {access_token}, resolved through AccessTokenStore; the OAuth token endpoint issues into
//    it (oauthGrants.ts), and tokens issued there carry the scope they were granted.
import { randomBytes } from 'node:crypto';
import type { Scope } from './oauthScopes';
import type { UserRecord } from './records';

/** What an access token stands for. No scope = full access (tokens tests issue directly). */
export interface AccessTokenGrant {
  userId: number;
  scope?: Scope;
  clientId?: string;
}

interface AccessTokenEntry extends AccessTokenGrant {
  expiresAtMs: number;
}

/** Maps OAuth access tokens to users, with expiry. */
export class AccessTokenStore {
  private readonly tokens = new Map<string, AccessTokenEntry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Issues a new random token for `userId`, valid for `ttlSeconds`. */
  issue(userId: number, ttlSeconds = 1800, grant: Omit<AccessTokenGrant, 'userId'> = {}): string {
    const token = randomBytes(24).toString('hex');
    this.register(token, userId, ttlSeconds, grant);
    return token;
  }

  register(token: string, userId: number, ttlSeconds: number, grant: Omit<AccessTokenGrant, 'userId'> = {}): void {
    this.tokens.set(token, { ...grant, userId, expiresAtMs: this.now() + ttlSeconds * 1000 });
  }

  revoke(token: string): boolean {
    return this.tokens.delete(token);
  }

  /** Every token issued so far stops working now (as if its lifetime had run out). */
  expireAll(): void {
    const now = this.now();
    for (const entry of this.tokens.values()) entry.expiresAtMs = Math.min(entry.expiresAtMs, now);
  }

  /** The user id for a live token; expired tokens are forgotten. */
  resolve(token: string): number | undefined {
    return this.lookup(token)?.userId;
  }

  /** The grant behind a live token; expired tokens are forgotten. */
  lookup(token: string): AccessTokenGrant | undefined {
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= this.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    return { userId: entry.userId, scope: entry.scope, clientId: entry.clientId };
  }
}

export interface AuthDirectory {
  apiTokens: ReadonlySet<string>;
  accessTokens: AccessTokenStore;
  userByEmail(email: string): UserRecord | undefined;
  userById(id: number): UserRecord | undefined;
}

/** An authenticated caller; `scope` is set for OAuth tokens that were granted one. */
export interface Caller {
  user: UserRecord;
  scope?: Scope;
}

/** The caller for an Authorization header, or undefined (→ 401). */
export function authenticate(header: string | undefined, directory: AuthDirectory): Caller | undefined {
  if (!header) return undefined;
  const match = /^(\S+)\s+(\S+)$/.exec(header.trim());
  if (!match) return undefined;
  const scheme = match[1].toLowerCase();
  let user: UserRecord | undefined;
  let scope: Scope | undefined;
  if (scheme === 'basic') user = fromBasic(match[2], directory);
  else if (scheme === 'bearer') {
    const grant = directory.accessTokens.lookup(match[2]);
    user = grant === undefined ? undefined : directory.userById(grant.userId);
    scope = grant?.scope;
  }
  // unverified: suspended or deleted users cannot authenticate (401 rather than 403).
  return user && user.active && !user.suspended ? { user, scope } : undefined;
}

function fromBasic(encoded: string, directory: AuthDirectory): UserRecord | undefined {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const username = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (!username.endsWith('/token') || !directory.apiTokens.has(secret)) return undefined;
  return directory.userByEmail(username.slice(0, -'/token'.length));
}
