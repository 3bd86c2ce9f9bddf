// OAuth clients registered with the sandbox (Admin Center > Apps and integrations > APIs > OAuth
// clients, live), their defaults, and how a redirect_uri is matched against them.

export interface OAuthClientConfig {
  /** The client's "Identifier" (what requests send as client_id). */
  id: string;
  /** Shown on the consent page (default: the id). */
  name?: string;
  /** Set for a confidential client (it must then authenticate with it); unset = public, PKCE required. */
  secret?: string;
  /** Absolute redirect URIs; compared by scheme, host, port and path (see redirectUriAllowed). */
  redirectUris: string[];
  /**
   * Sandbox convenience, not a Zendesk feature: also accept any http(s) URL on a loopback host
   * whose path ends in `/callback` (code-server's callback route, on whatever port it runs).
   * Default false; true for the default clients.
   */
  allowLoopbackRedirects?: boolean;
  /** Default 1800: Zendesk's default for clients created on or after 2026-04-30 (OAS OAuthTokenForGrantTypesObject). */
  accessTokenTtlSeconds?: number;
  /** Default 2,592,000 (30 days), API-NOTES §6. */
  refreshTokenTtlSeconds?: number;
  /** Whose token client_credentials gives (default: the sandbox admin). */
  ownerUserId?: number;
}

export interface ResolvedOAuthClient extends OAuthClientConfig {
  name: string;
  allowLoopbackRedirects: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

export const EXTENSION_CLIENT_ID = 'zendesk-memberships-vscode';
export const EXTENSION_REDIRECT_URI = 'vscode://zendesk-memberships.zendesk-memberships/auth-callback';
export const SERVICE_CLIENT_ID = 'zendesk-memberships-service';
export const SERVICE_CLIENT_SECRET = 'sandbox-service-secret';
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 1800;
export const DEFAULT_REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

/** The extension's public client and a confidential service client (client_credentials). */
export function defaultOAuthClients(): ResolvedOAuthClient[] {
  return resolveOAuthClients([
    { id: EXTENSION_CLIENT_ID, name: 'Zendesk Memberships for VS Code', redirectUris: [EXTENSION_REDIRECT_URI], allowLoopbackRedirects: true },
    { id: SERVICE_CLIENT_ID, name: 'Zendesk Memberships service', secret: SERVICE_CLIENT_SECRET, redirectUris: [], allowLoopbackRedirects: true },
  ]);
}

/** Validates client configs and fills in their defaults; throws naming the bad field. */
export function resolveOAuthClients(clients: unknown): ResolvedOAuthClient[] {
  if (!Array.isArray(clients)) throw new TypeError('sandbox option oauthClients must be an array');
  const seen = new Set<string>();
  return clients.map((client: unknown, index) => {
    const where = `sandbox option oauthClients[${index}]`;
    if (typeof client !== 'object' || client === null) throw new TypeError(`${where} must be an object`);
    const c = client as Partial<OAuthClientConfig>;
    if (typeof c.id !== 'string' || c.id.trim() === '') throw new TypeError(`${where}.id must be a non-empty string`);
    if (seen.has(c.id)) throw new Error(`${where}.id '${c.id}' is registered twice`);
    seen.add(c.id);
    if (c.secret !== undefined && (typeof c.secret !== 'string' || c.secret === '')) throw new TypeError(`${where}.secret must be a non-empty string`);
    if (!Array.isArray(c.redirectUris)) throw new TypeError(`${where}.redirectUris must be an array of absolute URLs`);
    for (const uri of c.redirectUris) {
      if (parseRedirectUri(uri) === undefined) throw new TypeError(`${where}.redirectUris: '${String(uri)}' is not an absolute URL without a fragment`);
    }
    for (const key of ['accessTokenTtlSeconds', 'refreshTokenTtlSeconds', 'ownerUserId'] as const) {
      const value = c[key];
      if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) throw new RangeError(`${where}.${key} must be a positive integer`);
    }
    return {
      ...c,
      id: c.id,
      name: typeof c.name === 'string' && c.name !== '' ? c.name : c.id,
      redirectUris: [...c.redirectUris],
      allowLoopbackRedirects: c.allowLoopbackRedirects === true,
      accessTokenTtlSeconds: c.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: c.refreshTokenTtlSeconds ?? DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
    };
  });
}

export const isConfidential = (client: OAuthClientConfig): boolean => client.secret !== undefined;

/** An absolute URL without a fragment (RFC 6749 §3.1.2), or undefined. */
export function parseRedirectUri(uri: unknown): URL | undefined {
  if (typeof uri !== 'string' || uri.includes('#')) return undefined;
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

/**
 * Is `uri` one of the client's redirect URIs? Scheme, host, port and path must match exactly; the
 * query is ignored, because VS Code for the web builds its callback URL with a per-request
 * `vscode-reqid` query, so no fixed registered URI could ever equal it.
 * unverified: Zendesk documents only that the redirect must be one registered for the client,
 * not its comparison rule.
 */
export function redirectUriAllowed(client: ResolvedOAuthClient, uri: string): boolean {
  const url = parseRedirectUri(uri);
  if (!url) return false;
  // unverified: no source says Zendesk accepts unregistered loopback callbacks; a sandbox-only allowance.
  if (client.allowLoopbackRedirects && isLoopbackCallback(url)) return true;
  return client.redirectUris.some((registered) => {
    const r = parseRedirectUri(registered);
    return r !== undefined && sameEndpoint(r, url);
  });
}

function sameEndpoint(a: URL, b: URL): boolean {
  return a.protocol.toLowerCase() === b.protocol.toLowerCase()
    && a.username === b.username && a.password === b.password
    && a.hostname.toLowerCase() === b.hostname.toLowerCase()
    && a.port === b.port
    && a.pathname === b.pathname;
}

function isLoopbackCallback(url: URL): boolean {
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
  return (url.protocol === 'http:' || url.protocol === 'https:') && loopback && url.pathname.endsWith('/callback');
}
