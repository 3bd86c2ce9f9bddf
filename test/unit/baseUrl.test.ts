import assert from 'node:assert/strict';
import { baseUrlFromUserInput, normalizeBaseUrl } from '../../src/zendesk/baseUrl';
import { ZendeskInputError } from '../../src/zendesk/errors';

describe('normalizeBaseUrl', () => {
  it('accepts https origins and loopback sandboxes', () => {
    assert.equal(normalizeBaseUrl('https://acme.zendesk.com'), 'https://acme.zendesk.com');
    assert.equal(normalizeBaseUrl('https://ACME.zendesk.com/'), 'https://acme.zendesk.com');
    assert.equal(normalizeBaseUrl('https://support.acme.com'), 'https://support.acme.com');
    assert.equal(normalizeBaseUrl('http://127.0.0.1:8123'), 'http://127.0.0.1:8123');
    assert.equal(normalizeBaseUrl('http://localhost:4000/'), 'http://localhost:4000');
    assert.equal(normalizeBaseUrl('http://127.0.0.2:4000'), 'http://127.0.0.2:4000');
  });

  for (const refused of [
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
});
