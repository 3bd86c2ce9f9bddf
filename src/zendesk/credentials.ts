import { ZendeskInputError } from './errors';

/** Legacy Zendesk API token: Basic `{email}/token:{token}`. Zendesk stops honouring these on 2027-04-30. */
export interface ApiTokenCredentials {
  kind: 'apiToken';
  email: string;
  token: string;
}

/** A ready OAuth access token. */
export interface BearerCredentials {
  kind: 'bearer';
  accessToken: string;
}

/**
 * Credentials that can change while the client lives (OAuth with refresh). The client asks for
 * the header before each attempt and, once per request, offers a 401 back so the provider can
 * refresh; it retries only when the provider says it has a new token.
 */
export interface CredentialProvider {
  kind: 'provider';
  /** The value of the Authorization header to send now. */
  authorization(signal?: AbortSignal): Promise<string>;
  /** Called after a 401 with the header that was rejected; resolve true to retry once. */
  onUnauthorized?(rejectedAuthorization: string, signal?: AbortSignal): Promise<boolean>;
}

export type Credentials = ApiTokenCredentials | BearerCredentials | CredentialProvider;

export function checkCredentials(credentials: Credentials): void {
  switch (credentials.kind) {
    case 'apiToken':
      if (!credentials.email?.trim()) {
        throw new ZendeskInputError('email', 'The email address of the API token owner is required.');
      }
      if (!credentials.token?.trim()) {
        throw new ZendeskInputError('token', 'The API token is required.');
      }
      return;
    case 'bearer':
      if (!credentials.accessToken?.trim()) {
        throw new ZendeskInputError('accessToken', 'The OAuth access token is required.');
      }
      return;
    case 'provider':
      return;
    default:
      throw new ZendeskInputError('credentials', 'Unknown credential kind.');
  }
}

/** The Authorization header for static credentials, plus every secret fragment it contains. */
export function staticAuthorization(credentials: ApiTokenCredentials | BearerCredentials): { header: string; secrets: string[] } {
  if (credentials.kind === 'bearer') {
    return { header: `Bearer ${credentials.accessToken}`, secrets: [credentials.accessToken] };
  }
  const pair = `${credentials.email.trim()}/token:${credentials.token}`;
  const encoded = Buffer.from(pair, 'utf8').toString('base64');
  return { header: `Basic ${encoded}`, secrets: [credentials.token, encoded] };
}

/** The secret parts of an arbitrary Authorization header value (for providers' headers). */
export function secretsOfHeader(header: string): string[] {
  const [, value = ''] = /^\s*\S+\s+(.*)$/.exec(header) ?? [];
  const secrets = value ? [value] : [header];
  if (/^basic\s/i.test(header)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const token = /\/token:(.+)$/.exec(decoded)?.[1] ?? /:(.+)$/.exec(decoded)?.[1];
    if (token) {
      secrets.push(token);
    }
  }
  return secrets;
}
