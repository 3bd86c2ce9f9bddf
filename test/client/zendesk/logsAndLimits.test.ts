// What the HTTP path writes to the log (the path and the query's parameter names, never their
// values) and how it treats answers too large to hold (refused with a clear error, the download
// stopped). Real HTTP on loopback: the sandbox, and small servers that misbehave on purpose.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import { createZendeskClient } from '../../../src/zendesk';
import { DEFAULT_MAX_RESPONSE_BYTES, withoutQueryValues } from '../../../src/zendesk/http';
import { CapturingLogger, FAST_RETRY, Harness, collect, startHarness, zendeskFailure as failure } from '../harness';

const MB = 1024 * 1024;

/** A loopback server answering every request with `answer`; `close` ends it. */
async function server(answer: (request: http.IncomingMessage, response: http.ServerResponse) => void): Promise<{ url: string; close(): Promise<void> }> {
  const instance = http.createServer(answer);
  await new Promise<void>((resolve) => instance.listen(0, '127.0.0.1', resolve));
  const { port } = instance.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      instance.closeAllConnections();
      instance.close(() => resolve());
    }),
  };
}

function clientFor(baseUrl: string, logger = new CapturingLogger(), maxResponseBytes?: number) {
  return createZendeskClient({ baseUrl, credentials: { kind: 'apiToken', email: 'admin@example.com', token: 'secret-token-value' }, logger, retry: { ...FAST_RETRY, maxAttempts: 2 }, maxResponseBytes });
}

describe('the log names query parameters, never their values', () => {
  let harness: Harness;
  beforeEach(async () => { harness = await startHarness({ users: 30 }); });
  afterEach(() => harness.close());

  it('logs a search by path and parameter names only', async () => {
    await harness.client.autocompleteUsers('Jane Secretname').page(undefined, { pageSize: 5 });
    await collect(harness.client.searchUsers('email:"jane.private@example.com"'));
    const lines = harness.logger.lines.join('\n');
    assert.match(lines, /GET \/api\/v2\/users\/autocomplete\?name&per_page → 200/);
    assert.match(lines, /GET \/api\/v2\/users\/search\?query(&\S+)? → 200/);
    assert.doesNotMatch(lines, /Secretname|jane\.private|example\.com|%40/i);
    // The sandbox did receive the values: they were sent, only not logged.
    assert.ok(harness.requestsTo(/\/users\/autocomplete$/).some((request) => JSON.stringify(request).includes('Secretname')));
  });

  it('keeps query values out of network failures, in the log and in the error', async () => {
    const closed = await server(() => undefined);
    const url = closed.url;
    await closed.close();
    const logger = new CapturingLogger();
    const error = await failure(collect(clientFor(url, logger).searchUsers('email:"jane.private@example.com"')));
    assert.equal(error.status, 0);
    for (const text of [error.message, ...logger.lines]) {
      assert.doesNotMatch(text, /jane\.private/, text);
    }
    assert.ok(logger.lines.some((line) => line.includes('/api/v2/users/search?query')), logger.lines.join('\n'));
  });

  it('keeps query values out of a redirect target', async () => {
    const redirecting = await server((_request, response) => {
      response.writeHead(302, { Location: 'https://help.acme.example/hc/signin?return_to=%2Fagent&email=jane.private%40example.com' }).end();
    });
    try {
      const error = await failure(clientFor(redirecting.url).showCurrentUser());
      assert.equal(error.code, 'Redirected');
      assert.match(error.message, /https:\/\/help\.acme\.example\/hc\/signin\?return_to&email/);
      assert.doesNotMatch(error.message, /jane|%2Fagent/);
    } finally {
      await redirecting.close();
    }
  });

  it('reduces any URL query in a text to its names', () => {
    assert.equal(withoutQueryValues('request to http://127.0.0.1:9/api/v2/users/search?query=jane&page=2 failed, reason: x'),
      'request to http://127.0.0.1:9/api/v2/users/search?query&page failed, reason: x');
    assert.equal(withoutQueryValues('no url here ?a=b'), 'no url here ?a=b');
  });
});

describe('answers larger than the cap', () => {
  it(`refuses an answer over ${DEFAULT_MAX_RESPONSE_BYTES / MB} MB as it streams in, and stops the download`, async function () {
    this.timeout(60_000);
    const total = 100 * MB;
    let written = 0;
    let closedEarly = false;
    const streaming = await server((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' }); // chunked: no Content-Length to go by
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (written < total) {
          written += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', pump);
            return;
          }
        }
        response.end();
      };
      response.on('close', () => { closedEarly = written < total || !response.writableFinished; });
      pump();
    });
    try {
      const logger = new CapturingLogger();
      const error = await failure(clientFor(streaming.url, logger).showCurrentUser());
      assert.equal(error.code, 'ResponseTooLarge');
      assert.equal(error.status, 200);
      assert.match(error.message, /larger than 20 MB, so it was not read/);
      assert.ok(logger.lines.some((line) => /users\/me → 200: answer of .*refused/.test(line)), logger.lines.join('\n'));
      await new Promise((resolve) => setTimeout(resolve, 200)); // let the server see the closed socket (timing is not asserted)
      assert.ok(closedEarly, 'the client closed the connection before the end');
      assert.ok(written < 60 * MB, `the server could write only ${Math.round(written / MB)} MB of ${total / MB} MB before the client stopped`);
    } finally {
      await streaming.close();
    }
  });

  it('refuses an announced Content-Length over the cap without reading the body', async () => {
    const announcing = await server((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(300 * MB) });
      response.write('{"user":'); // and never more: reading the body would end in a timeout, not this refusal
    });
    try {
      const error = await failure(clientFor(announcing.url).showCurrentUser());
      assert.equal(error.code, 'ResponseTooLarge');
    } finally {
      await announcing.close();
    }
  });

  it('counts the decompressed size: a small gzip bomb is refused too', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(30 * MB, 0x20));
    assert.ok(bomb.length < MB, 'the compressed answer is small');
    const bombing = await server((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': String(bomb.length) }).end(bomb);
    });
    try {
      const error = await failure(clientFor(bombing.url).showCurrentUser());
      assert.equal(error.code, 'ResponseTooLarge');
    } finally {
      await bombing.close();
    }
  });

  it('reads an answer up to the cap, and refuses one byte more (a small cap, for speed)', async () => {
    const user = JSON.stringify({ user: { id: 1, name: 'x'.repeat(900) } });
    const exact = await server((_request, response) => { response.writeHead(200, { 'Content-Type': 'application/json' }).end(user); });
    try {
      const size = Buffer.byteLength(user);
      assert.equal((await clientFor(exact.url, undefined, size).showCurrentUser()).id, 1);
      assert.equal((await failure(clientFor(exact.url, undefined, size - 1).showCurrentUser())).code, 'ResponseTooLarge');
    } finally {
      await exact.close();
    }
  });
});
