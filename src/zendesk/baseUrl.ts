import { ZendeskInputError } from './errors';

/**
 * Loopback IP literals only: 127.0.0.0/8 and [::1]. Not `localhost`, which a hosts file, DNS or a
 * proxy may send somewhere else (RFC 6761 §6.3 asks resolvers to keep it local; nothing enforces it).
 * The URL parser has already normalised the address (`127.1` → `127.0.0.1`, `[0:0::1]` → `[::1]`).
 */
function isLoopback(hostname: string): boolean {
  return hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Checks where credentials are about to be sent and returns the bare origin.
 *
 * Allowed: any `https://` host (`{subdomain}.zendesk.com` or a host-mapped Zendesk), and plain
 * `http://` only on a loopback IP address with an explicit port (the local sandbox). Everything else is refused
 * before a request exists, so a token can never travel in clear text or to a path-prefixed URL.
 */
export function normalizeBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new ZendeskInputError('baseUrl', `"${input}" is not a URL. Use https://{subdomain}.zendesk.com.`);
  }
  if (url.username || url.password) {
    throw new ZendeskInputError('baseUrl', 'The Zendesk address must not contain a user name or password.');
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new ZendeskInputError('baseUrl', `Use only the Zendesk origin (for example https://acme.zendesk.com), not "${url.href}".`);
  }
  if (url.protocol === 'https:') {
    return url.origin;
  }
  if (url.protocol === 'http:' && isLoopback(url.hostname) && url.port !== '') {
    return url.origin;
  }
  throw new ZendeskInputError(
    'baseUrl',
    `Refusing to send credentials to ${url.origin}: Zendesk must be reached over https (plain http is only allowed for a sandbox on a loopback IP address (127.x.x.x or [::1], not localhost) with a port).`,
  );
}

/** Turns what a person types (`acme`, `acme.zendesk.com`, `https://support.acme.com`) into an origin. */
export function baseUrlFromUserInput(input: string): string {
  const text = input.trim();
  if (/^[a-z0-9][a-z0-9-]*$/i.test(text)) {
    return normalizeBaseUrl(`https://${text.toLowerCase()}.zendesk.com`);
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return normalizeBaseUrl(`https://${text.replace(/\/+$/, '')}`);
  }
  return normalizeBaseUrl(text.replace(/\/+$/, ''));
}
