// TLS failures on real loopback servers: an address typed without http:// reaches a plain-HTTP
// server over https, and a server with a self-signed certificate. The error says what went wrong
// and what to type; OpenSSL's own text is only in the log. The other certificate problems are
// recognised by the codes Node gives them (seen on Node 20 and 24).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { createZendeskClient, plainHttpSuggestion, tlsProblemOf, ZendeskError } from '../../../src/zendesk';
import { CapturingLogger, FAST_RETRY } from '../harness';

// A self-signed certificate for 127.0.0.1 (valid until 2126), made for this test only.
const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'test', 'client', 'fixtures');
const OPENSSL_TEXT = /SSL routines|wrong version number|EPROTO|0A00010B|self-signed certificate|DEPTH_ZERO/i;

async function listen(server: http.Server): Promise<{ origin: string; requests: () => number }> {
  let requests = 0;
  server.on('request', (_request, response: http.ServerResponse) => {
    requests++;
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

async function failureOf(origin: string, logger: CapturingLogger): Promise<ZendeskError> {
  const client = createZendeskClient({
    baseUrl: origin, credentials: { kind: 'apiToken', email: 'a@example.com', token: 'secret-token' }, logger, retry: FAST_RETRY,
  });
  const error = await client.showCurrentUser().then(() => undefined, (failure: unknown) => failure);
  assert.ok(error instanceof ZendeskError, `a ZendeskError, not ${String(error)}`);
  return error;
}

describe('TLS failures', () => {
  const servers: http.Server[] = [];
  after(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it('an https address on a plain-HTTP server: says the server does not speak HTTPS and to type http://, once', async () => {
    const server = http.createServer();
    servers.push(server);
    const { origin } = await listen(server);
    const logger = new CapturingLogger();
    const error = await failureOf(origin, logger);
    const port = new URL(origin).port;
    assert.equal(error.code, 'TlsError');
    assert.equal(error.tls, 'notTls');
    assert.equal(error.status, 0);
    assert.match(error.message, new RegExp(`^${origin.replace(/\./g, '\\.')} does not answer over HTTPS: the server there speaks plain HTTP\\. .*for example http://127\\.0\\.0\\.1:${port} \\(only loopback addresses may use http\\)\\.$`));
    assert.doesNotMatch(error.message, OPENSSL_TEXT, 'no OpenSSL text in the message');
    assert.equal(plainHttpSuggestion(error.tls, origin), `http://127.0.0.1:${port}`);
    const failures = logger.lines.filter((line) => line.startsWith('warn GET /api/v2/users/me failed'));
    assert.equal(failures.length, 1, 'not retried: a server that speaks plain HTTP does not change');
    assert.match(failures[0], /wrong version number|WRONG_VERSION_NUMBER/i, 'the raw text is in the log');
  });

  it('a self-signed certificate: says so, sends nothing, and keeps OpenSSL\'s words for the log', async () => {
    const server = https.createServer({ key: fs.readFileSync(path.join(FIXTURES, 'self-signed.key')), cert: fs.readFileSync(path.join(FIXTURES, 'self-signed.crt')) });
    servers.push(server);
    const { origin, requests } = await listen(server);
    const logger = new CapturingLogger();
    const error = await failureOf(origin, logger);
    assert.equal(error.code, 'TlsError');
    assert.equal(error.tls, 'selfSigned');
    assert.equal(error.message, `The certificate of ${origin} is self-signed, so its identity cannot be checked and nothing was sent. Check the address; if a proxy intercepts HTTPS on your network, its certificate authority must be trusted by this computer.`);
    assert.equal(requests(), 0, 'no request got past the handshake');
    assert.equal(plainHttpSuggestion(error.tls, origin), undefined, 'no http:// suggestion for a certificate problem');
    assert.ok(logger.lines.some((line) => /DEPTH_ZERO_SELF_SIGNED_CERT/.test(line)));
  });

  it('recognises each certificate problem by the code Node gives it', () => {
    assert.equal(tlsProblemOf('CERT_HAS_EXPIRED', 'certificate has expired'), 'expired');
    assert.equal(tlsProblemOf('CERT_NOT_YET_VALID', 'certificate is not yet valid'), 'expired');
    assert.equal(tlsProblemOf('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"), 'hostMismatch');
    assert.equal(tlsProblemOf('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'), 'untrusted');
    assert.equal(tlsProblemOf('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'), 'selfSigned');
    assert.equal(tlsProblemOf('EPROTO', 'error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER'), 'notTls', 'BoringSSL (VS Code desktop)');
    assert.equal(tlsProblemOf('EPROTO', 'error:0A000410:SSL routines::sslv3 alert handshake failure'), 'handshake');
    assert.equal(tlsProblemOf('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), undefined, 'not a TLS problem');
    assert.equal(tlsProblemOf(undefined, 'socket hang up'), undefined);
  });
});
