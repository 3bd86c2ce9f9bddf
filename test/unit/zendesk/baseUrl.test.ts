import assert from 'node:assert/strict';
import { baseUrlFromUserInput, normalizeBaseUrl } from '../../../src/zendesk/baseUrl';
import { ZendeskInputError } from '../../../src/zendesk/errors';

describe('normalizeBaseUrl', () => {
  it('accepts https origins and loopback sandboxes', () => {
    assert.equal(normalizeBaseUrl('https://acme.zendesk.com'), 'https://acme.zendesk.com');
    assert.equal(normalizeBaseUrl('https://ACME.zendesk.com/'), 'https://acme.zendesk.com');
    assert.equal(normalizeBaseUrl('https://support.acme.com'), 'https://support.acme.com');
    assert.equal(normalizeBaseUrl('http://127.0.0.1:8123'), 'http://127.0.0.1:8123');
    assert.equal(normalizeBaseUrl('http://127.0.0.2:4000'), 'http://127.0.0.2:4000');
    assert.equal(normalizeBaseUrl('http://127.255.255.254:4000'), 'http://127.255.255.254:4000');
    assert.equal(normalizeBaseUrl('http://[::1]:4000'), 'http://[::1]:4000');
    assert.equal(normalizeBaseUrl('http://[0:0:0:0:0:0:0:1]:4000'), 'http://[::1]:4000', 'the parser normalises the IPv6 loopback');
    assert.equal(normalizeBaseUrl('http://127.1:4000'), 'http://127.0.0.1:4000', 'the parser normalises short IPv4 forms');
    assert.equal(normalizeBaseUrl('https://localhost:4000'), 'https://localhost:4000', 'https is checked by TLS, whatever the name');
  });

  for (const refused of [
    // `localhost` is a name: a hosts file, DNS or a proxy decides where it goes, so no plain http.
    'http://localhost:4000', 'http://LOCALHOST:4000', 'http://localhost.:4000', 'http://sub.localhost:4000', 'http://[::ffff:127.0.0.1]:4000', 'http://[::2]:4000',
    'http://acme.zendesk.com', 'http://127.0.0.1', 'http://10.0.0.5:8080', 'http://127.0.0.1.evil.com:80', 'http://128.0.0.1:80', 'ftp://acme.zendesk.com',
    'https://user:pw@acme.zendesk.com', 'https://acme.zendesk.com/api/v2', 'https://acme.zendesk.com?x=1', 'not a url', 'file:///etc/passwd',
  ]) {
    it(`refuses ${refused} before any request`, () => {
      assert.throws(() => normalizeBaseUrl(refused), (error: unknown) => error instanceof ZendeskInputError && error.field === 'baseUrl');
    });
  }
});

describe('baseUrlFromUserInput', () => {
  it('understands what people type', () => {
    assert.equal(baseUrlFromUserInput('acme'), 'https://acme.zendesk.com');
    assert.equal(baseUrlFromUserInput('Acme'), 'https://acme.zendesk.com');
    assert.equal(baseUrlFromUserInput('acme.zendesk.com'), 'https://acme.zendesk.com');
    assert.equal(baseUrlFromUserInput(' https://support.acme.com/ '), 'https://support.acme.com');
    assert.equal(baseUrlFromUserInput('http://127.0.0.1:9000'), 'http://127.0.0.1:9000');
  });

  it('says which loopback addresses may use plain http', () => {
    assert.throws(() => baseUrlFromUserInput('http://localhost:9000'), (error: unknown) => error instanceof ZendeskInputError && /127\.x\.x\.x or \[::1\], not localhost/.test(error.message));
  });
});
