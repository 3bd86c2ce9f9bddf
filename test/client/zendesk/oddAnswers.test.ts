import assert from 'node:assert/strict';
import { Harness, assertNoCredentials, errorText, startHarness, zendeskFailure as failure } from '../harness';

const ME = /^\/api\/v2\/users\/me$/;
const ORGANIZATION = /^\/api\/v2\/organizations\/\d+$/;

/** Answers no well-behaved Zendesk gives, which must still end in a ZendeskError a person can read. */
describe('odd answers from the server', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness({ orgs: 2, users: 5 });
  });
  afterEach(() => harness.close());

  it('reports a 2xx without the expected object as InvalidResponse, not a crash', async () => {
    const [org] = await harness.client.listOrganizations().page().then((page) => page.items);
    const cases: Array<[RegExp, number, string, () => Promise<unknown>, RegExp]> = [
      [ME, 200, '', () => harness.client.showCurrentUser(), /was empty/],
      [ME, 200, '{"users":[]}', () => harness.client.showCurrentUser(), /no "user" object/],
      [ORGANIZATION, 200, '{"organization":null}', () => harness.client.showOrganization(org.id), /no "organization" object/],
      [/show_many$/, 200, '{"users":{}}', () => harness.client.showManyUsers([1]), /no "users" list/],
      [/create_many$/, 200, '[]', () => harness.client.createManyOrganizationMemberships([{ userId: 1, organizationId: org.id }]), /no "job_status" object/],
    ];
    for (const [path, status, body, call, explanation] of cases) {
      harness.sandbox.faults.inject({ path, kind: 'status', status, body });
      const error = await failure(call());
      assert.equal(error.code, 'InvalidResponse', body);
      assert.match(error.message, explanation);
    }
  });

  it('explains a redirect as a wrong address instead of following it', async () => {
    const location = 'https://acme.zendesk.com/api/v2/users/me';
    harness.sandbox.faults.inject({ path: ME, kind: 'status', status: 301, body: '', headers: { Location: location } });
    const error = await failure(harness.client.showCurrentUser());
    assert.equal(error.code, 'Redirected');
    assert.equal(error.status, 301);
    assert.ok(error.message.includes(location), error.message);
    assert.match(error.message, /not the right Zendesk address/);
    assert.equal(harness.requestsTo(ME).length, 1, 'not retried, not followed');
  });

  it('keeps a credential the server echoes back out of errors and log lines', async () => {
    const { email, token } = harness.sandbox.credentials.admin;
    const basic = Buffer.from(`${email}/token:${token}`).toString('base64');
    const echoes: Array<[number, string]> = [
      [400, JSON.stringify({ error: 'InvalidHeader', description: `Could not read Authorization: Basic ${basic}`, details: { token: [{ description: `token ${token} is malformed` }] } })],
      [401, JSON.stringify({ errors: [{ code: 'Unauthorized', title: `Bad credentials ${email}/token:${token}`, detail: token }] })],
      [500, `<html><head><title>Error for ${token}</title></head><body>Authorization: Basic ${basic}</body></html>`],
      [200, `not json, but ${token} and ${basic}`],
    ];
    for (const [status, body] of echoes) {
      harness.sandbox.faults.inject({ path: ME, kind: 'status', status, body, times: 5 });
      const error = await failure(harness.clientWith({ retry: { maxAttempts: 2, backoffBaseMs: 1, backoffCapMs: 1 } }).showCurrentUser());
      harness.sandbox.faults.clear();
      assert.match(error.message, /redacted/, `the message still says what came back: ${error.message}`);
      assertNoCredentials([errorText(error), ...harness.logger.lines], [token, basic]);
    }
  });
});
