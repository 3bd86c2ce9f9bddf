// TLS failures, recognised by Node's error codes and said in words a person can act on. The raw
// OpenSSL text ("…:SSL routines:…:wrong version number") goes to the log only. No `vscode`
// import; @vscode/l10n is configured with VS Code's bundle at activation (English elsewhere).
import * as l10n from '@vscode/l10n';

/**
 * - `notTls`: the server answered the TLS handshake with something else (usually plain HTTP);
 * - `selfSigned` / `untrusted`: the certificate chain does not lead to an authority this computer trusts;
 * - `expired`: the certificate has expired or is not valid yet;
 * - `hostMismatch`: the certificate is for another host name;
 * - `handshake`: any other TLS failure.
 */
export type TlsProblem = 'notTls' | 'selfSigned' | 'untrusted' | 'expired' | 'hostMismatch' | 'handshake';

const CODES: Readonly<Record<string, TlsProblem>> = {
  ERR_SSL_WRONG_VERSION_NUMBER: 'notTls',
  ERR_SSL_HTTP_REQUEST: 'notTls',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'notTls',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'selfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'selfSigned',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted',
  CERT_UNTRUSTED: 'untrusted',
  CERT_REJECTED: 'untrusted',
  CERT_SIGNATURE_FAILURE: 'untrusted',
  CERT_REVOKED: 'untrusted',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostMismatch',
  HOSTNAME_MISMATCH: 'hostMismatch',
};

// Node (OpenSSL) reports a non-TLS answer as EPROTO "…wrong version number"; Electron (BoringSSL) as "WRONG_VERSION_NUMBER".
const NOT_TLS_TEXT = /wrong[ _]version[ _]number|http[ _]request|packet[ _]length[ _]too[ _]long/i;

/** The TLS problem behind a failed request (a node-fetch FetchError carries the system error's code), if it was one. */
export function tlsProblemOf(code: string | undefined, message: string): TlsProblem | undefined {
  const known = code ? CODES[code] : undefined;
  if (known) {
    return known;
  }
  if ((code === 'EPROTO' || code?.startsWith('ERR_SSL_')) && NOT_TLS_TEXT.test(message)) {
    return 'notTls';
  }
  if (code === 'EPROTO' || code?.startsWith('ERR_SSL_') || code?.startsWith('ERR_TLS_')) {
    return 'handshake';
  }
  return undefined;
}

/** Loopback IP literals: the only hosts that may be reached over plain http (the sandbox). */
function isLoopbackLiteral(hostname: string): boolean {
  return hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** What went wrong and what to do; nothing was sent, as the request never got past the handshake. */
export function describeTlsProblem(problem: TlsProblem, origin: string): string {
  const url = new URL(origin);
  switch (problem) {
    case 'notTls':
      return isLoopbackLiteral(url.hostname)
        ? l10n.t('{0} does not answer over HTTPS: the server there speaks plain HTTP. For a local sandbox, type the address with http://, for example {1} (only loopback addresses may use http).', origin, `http://${url.host}`)
        : l10n.t('{0} does not answer over HTTPS, so it is probably not a Zendesk address. Check the address: a Zendesk account is at https://acme.zendesk.com, with your subdomain instead of acme.', origin);
    case 'selfSigned':
      return l10n.t('The certificate of {0} is self-signed, so its identity cannot be checked and nothing was sent. Check the address; if a proxy intercepts HTTPS on your network, its certificate authority must be trusted by this computer.', origin);
    case 'untrusted':
      return l10n.t('The certificate of {0} is not signed by an authority this computer trusts, so nothing was sent. Check the address; if a proxy intercepts HTTPS on your network, its certificate authority must be trusted by this computer.', origin);
    case 'expired':
      return l10n.t("The certificate of {0} has expired or is not valid yet, so nothing was sent. Check this computer's date and time, and the address.", origin);
    case 'hostMismatch':
      return l10n.t('The certificate of {0} was issued for another host name, so nothing was sent. Check the address (https://acme.zendesk.com, with your subdomain, always matches).', origin);
    case 'handshake':
      return l10n.t('No secure (TLS) connection to {0} could be set up, so nothing was sent. Check the address and any proxy; the Zendesk log has the details.', origin);
  }
}

/** For a sandbox address typed without http://, the address to suggest instead. */
export function plainHttpSuggestion(problem: TlsProblem | undefined, origin: string): string | undefined {
  const url = new URL(origin);
  return problem === 'notTls' && isLoopbackLiteral(url.hostname) ? `http://${url.host}` : undefined;
}
