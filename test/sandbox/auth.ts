// Who is calling. Two schemes, as on the live API (API-NOTES §6):
//  - Basic base64("{email}/token:{api_token}"). API tokens belong to the account, and "permissions
//    are those of the user the email belongs to", so any accepted token + any user's email
//    authenticates as that user. Plain email:password Basic is gone live, so it is rejected here.
//  - Bearer {access_token}, resolved through AccessTokenStore (the OAuth flow will issue into it).
import { randomBytes } from 'node:crypto';
import type { UserRecord } from './records';

interface AccessTokenEntry {
  userId: number;
  expiresAtMs: number;
}

/** Maps OAuth access tokens to users, with expiry. */
export class AccessTokenStore {
  private readonly tokens = new Map<string, AccessTokenEntry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Issues a new random token for `userId`, valid for `ttlSeconds`. */
  issue(userId: number, ttlSeconds = 1800): string {
    const token = randomBytes(24).toString('hex');
    this.register(token, userId, ttlSeconds);
    return token;
  }

  register(token: string, userId: number, ttlSeconds: number): void {
    this.tokens.set(token, { userId, expiresAtMs: this.now() + ttlSeconds * 1000 });
  }

  revoke(token: string): boolean {
    return this.tokens.delete(token);
  }

  /** The user id for a live token; expired tokens are forgotten. */
  resolve(token: string): number | undefined {
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= this.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    return entry.userId;
  }
}

export interface AuthDirectory {
  apiTokens: ReadonlySet<string>;
  accessTokens: AccessTokenStore;
  userByEmail(email: string): UserRecord | undefined;
  userById(id: number): UserRecord | undefined;
}

/** The acting user for an Authorization header, or undefined (→ 401). */
export function authenticate(header: string | undefined, directory: AuthDirectory): UserRecord | undefined {
  if (!header) return undefined;
  const match = /^(\S+)\s+(\S+)$/.exec(header.trim());
  if (!match) return undefined;
  const scheme = match[1].toLowerCase();
  let user: UserRecord | undefined;
  if (scheme === 'basic') user = fromBasic(match[2], directory);
  else if (scheme === 'bearer') {
    const userId = directory.accessTokens.resolve(match[2]);
    user = userId === undefined ? undefined : directory.userById(userId);
  }
  // unverified: suspended or deleted users cannot authenticate (401 rather than 403).
  return user && user.active && !user.suspended ? user : undefined;
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
