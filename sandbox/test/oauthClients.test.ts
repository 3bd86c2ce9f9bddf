import assert from 'node:assert/strict';
import { parseCli } from '../src/cli';
import { defaultOAuthClients, EXTENSION_REDIRECT_URI, redirectUriAllowed, resolveOAuthClients } from '../src/oauthClients';
import { resolveOptions } from '../src/options';

describe('sandbox: OAuth client configuration', () => {
  describe('redirect URI matching', () => {
    const [extension] = defaultOAuthClients();
    const strict = resolveOAuthClients([{ id: 'strict', redirectUris: ['https://app.example.com:8443/oauth/done?registered=1'] }])[0];

    it('compares scheme, host (any case), port and path exactly, and ignores the query on both sides', () => {
      assert.ok(redirectUriAllowed(strict, 'https://app.example.com:8443/oauth/done'));
      assert.ok(redirectUriAllowed(strict, 'https://APP.example.com:8443/oauth/done?vscode-reqid=9'));
      for (const uri of [
        'http://app.example.com:8443/oauth/done', 'https://app.example.com/oauth/done', 'https://app.example.com:8444/oauth/done',
        'https://app.example.com:8443/oauth/done/', 'https://app.example.com:8443/OAUTH/done', 'https://evil.example.com:8443/oauth/done',
        'https://user@app.example.com:8443/oauth/done', 'https://app.example.com:8443/oauth/done#x', 'http://localhost/callback',
      ]) {
        assert.equal(redirectUriAllowed(strict, uri), false, uri);
      }
    });

    it('gives the default clients the vscode:// callback plus loopback /callback URLs', () => {
      assert.ok(redirectUriAllowed(extension, EXTENSION_REDIRECT_URI));
      assert.ok(redirectUriAllowed(extension, `${EXTENSION_REDIRECT_URI}?windowId=1`));
      assert.ok(redirectUriAllowed(extension, 'http://127.0.0.2:1/callback'));
      assert.equal(redirectUriAllowed(extension, 'http://127.0.0.1.example.com/callback'), false);
      assert.equal(redirectUriAllowed(extension, 'ftp://localhost/callback'), false);
      assert.equal(redirectUriAllowed(extension, 'http://localhost/callbacks'), false);
    });
  });

  describe('options', () => {
    it('defaults to the public extension client and the confidential service client', () => {
      const { oauthClients } = resolveOptions({});
      assert.deepEqual(oauthClients.map((c) => [c.id, c.secret]), [
        ['zendesk-memberships-vscode', undefined],
        ['zendesk-memberships-service', 'sandbox-service-secret'],
      ]);
      assert.deepEqual(resolveOptions({ oauthClients: [] }).oauthClients, []);
    });

    it('fills in defaults for a configured client', () => {
      const [client] = resolveOptions({ oauthClients: [{ id: 'x', redirectUris: [] }] }).oauthClients;
      assert.deepEqual([client.name, client.accessTokenTtlSeconds, client.refreshTokenTtlSeconds, client.allowLoopbackRedirects], ['x', 1800, 2_592_000, false]);
    });

    it('rejects bad client configs and a clock that is not a function, naming the field', () => {
      const cases: Array<[unknown, RegExp]> = [
        [{ id: '', redirectUris: [] }, /oauthClients\[0\]\.id/],
        [{ id: 'a', redirectUris: ['relative/path'] }, /redirectUris/],
        [{ id: 'a', redirectUris: ['https://x.example/cb#frag'] }, /redirectUris/],
        [{ id: 'a' }, /redirectUris/],
        [{ id: 'a', redirectUris: [], secret: '' }, /secret/],
        [{ id: 'a', redirectUris: [], accessTokenTtlSeconds: 0 }, /accessTokenTtlSeconds/],
        [{ id: 'a', redirectUris: [], refreshTokenTtlSeconds: 1.5 }, /refreshTokenTtlSeconds/],
      ];
      for (const [client, message] of cases) {
        assert.throws(() => resolveOptions({ oauthClients: [client as never] }), message, JSON.stringify(client));
      }
      assert.throws(() => resolveOptions({ oauthClients: [{ id: 'a', redirectUris: [] }, { id: 'a', redirectUris: [] }] }), /registered twice/);
      assert.throws(() => resolveOptions({ now: 5 as never }), /option now/);
    });
  });

  describe('CLI flags', () => {
    it('leaves the default clients alone without OAuth flags', () => {
      assert.equal((parseCli(['--port', '0']) as { oauthClients?: unknown }).oauthClients, undefined);
    });

    it('describes the extension client with --oauth-client-id/--oauth-client-secret/--oauth-redirect-uri (repeatable)', () => {
      const options = parseCli([
        '--oauth-client-id', 'my-ext', '--oauth-client-secret', 'shh',
        '--oauth-redirect-uri', 'vscode://me.ext/cb', '--oauth-redirect-uri', 'http://127.0.0.1:9000/cb',
      ]);
      assert.notEqual(options, 'help');
      const [described, service] = resolveOptions(options as never).oauthClients;
      assert.deepEqual([described.id, described.secret, described.redirectUris], ['my-ext', 'shh', ['vscode://me.ext/cb', 'http://127.0.0.1:9000/cb']]);
      assert.equal(service.id, 'zendesk-memberships-service');
    });

    it('applies --access-token-ttl to every client', () => {
      const options = parseCli(['--access-token-ttl', '60']);
      assert.deepEqual(resolveOptions(options as never).oauthClients.map((c) => [c.id, c.accessTokenTtlSeconds]), [
        ['zendesk-memberships-vscode', 60],
        ['zendesk-memberships-service', 60],
      ]);
    });

    for (const [args, flag] of [
      [['--access-token-ttl', '0'], '--access-token-ttl'],
      [['--access-token-ttl', '1h'], '--access-token-ttl'],
      [['--oauth-redirect-uri', 'nowhere'], '--oauth-redirect-uri'],
      [['--oauth-client-id', 'zendesk-memberships-service'], '--oauth-client-id'],
      [['--oauth-client-secret', ' '], '--oauth-client-secret'],
    ] as const) {
      it(`rejects ${args.join(' ')}, naming ${flag}`, () => {
        assert.throws(() => parseCli([...args]), (error: Error) => error.message.includes(flag));
      });
    }
  });
});
