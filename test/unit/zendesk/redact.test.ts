import assert from 'node:assert/strict';
import { secretsOfHeader, staticAuthorization } from '../../../src/zendesk/credentials';
import { Redactor } from '../../../src/zendesk/redact';

describe('Redactor', () => {
  it('removes registered secrets wherever they appear', () => {
    const redactor = new Redactor();
    const { header, secrets } = staticAuthorization({ kind: 'apiToken', email: 'a@example.com', token: 'tok-123456789' });
    redactor.add(...secrets);
    const text = redactor.redact(`failed with ${header} and tok-123456789 in body`);
    assert.ok(!text.includes('tok-123456789'));
    assert.ok(!text.includes(header.slice(6)));
  });

  it('removes credential shapes it was never told about', () => {
    const redactor = new Redactor();
    const text = redactor.redact('Authorization: Bearer abcdefghijkl {"access_token":"xyz987654","refresh_token": "r-1234567"} me@x.com/token:SECRETVALUE ?code=authcode1&state=s');
    for (const secret of ['abcdefghijkl', 'xyz987654', 'r-1234567', 'SECRETVALUE', 'authcode1']) {
      assert.ok(!text.includes(secret), `${secret} leaked in ${text}`);
    }
    assert.match(text, /state=s/);
  });

  it('leaves ordinary text alone', () => {
    const redactor = new Redactor();
    redactor.add('abc'); // too short to be a token
    assert.equal(redactor.redact('GET /api/v2/organizations?page[size]=100 abc'), 'GET /api/v2/organizations?page[size]=100 abc');
  });

  it('finds the token inside a Basic header', () => {
    const { header } = staticAuthorization({ kind: 'apiToken', email: 'a@example.com', token: 'very-secret-token' });
    assert.ok(secretsOfHeader(header).includes('very-secret-token'));
  });
});
