import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startSandbox, type Sandbox } from '../src/server';
import { basicHeader, call } from '../src/testHelpers';

const ME = '/api/v2/users/me';

/** A raw GET, to observe what fetch would hide (a dropped connection). */
function rawGet(sb: Sandbox, path: string): Promise<{ status: number } | { error: string }> {
  return new Promise((resolve) => {
    const req = request(`${sb.url}${path}`, { headers: { Authorization: basicHeader(sb.credentials.admin.email, sb.credentials.admin.token) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end();
  });
}

describe('sandbox: fault injection', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ orgs: 3, users: 10 });
  });
  after(() => sb.close());
  afterEach(() => sb.faults.clear());

  it("'503' answers 503 with Retry-After (seconds or HTTP date), once by default", async () => {
    sb.faults.inject({ path: ME, kind: '503', retryAfter: 7 });
    const r = await call(sb, `${ME}.json`);
    assert.equal(r.status, 503);
    assert.equal(r.headers.get('retry-after'), '7');
    assert.equal(r.json.error, 'ServiceUnavailable');
    assert.equal((await call(sb, `${ME}.json`)).status, 200, 'times defaults to 1');
    const date = new Date(Date.now() + 5000).toUTCString();
    sb.faults.inject({ path: ME, kind: '503', retryAfter: date });
    assert.equal((await call(sb, ME)).headers.get('retry-after'), date);
  });

  it("'500' answers 500 `times` times, only for the given method", async () => {
    sb.faults.inject({ path: ME, kind: '500', times: 2, method: 'GET' });
    sb.faults.inject({ path: '/api/v2/organizations', kind: '500', method: 'POST' });
    assert.equal((await call(sb, ME)).status, 500);
    assert.equal((await call(sb, ME)).status, 500);
    assert.equal((await call(sb, ME)).status, 200);
    assert.equal((await call(sb, '/api/v2/organizations.json')).status, 200, 'GET is not the faulted method');
  });

  it("'reset' drops the connection without an answer", async () => {
    sb.faults.inject({ path: ME, kind: 'reset' });
    const result = await rawGet(sb, `${ME}.json`);
    assert.ok('error' in result, 'no HTTP answer');
    assert.equal(sb.requests.at(-1)?.status, 0);
    assert.deepEqual(await rawGet(sb, `${ME}.json`), { status: 200 });
  });

  it("'delay' holds the answer for delayMs, then answers for real", async () => {
    sb.faults.inject({ path: ME, kind: 'delay', delayMs: 150 });
    const started = Date.now();
    const r = await call(sb, ME);
    assert.equal(r.status, 200);
    assert.ok(Date.now() - started >= 140, 'delayed');
  });

  it("'malformed-json' answers 200 application/json that does not parse", async () => {
    sb.faults.inject({ path: ME, kind: 'malformed-json' });
    const r = await call(sb, ME);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.throws(() => JSON.parse(r.text));
  });

  it("'html' answers an HTML error page", async () => {
    sb.faults.inject({ path: ME, kind: 'html' });
    const r = await call(sb, ME);
    assert.equal(r.status, 502);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(r.text, /<html>/);
  });

  it("'status' answers any status and body, e.g. a transient 404 on a job status (regex path)", async () => {
    sb.faults.inject({ path: /^\/api\/v2\/job_statuses\/[^/]+$/, kind: 'status', status: 404, body: '{"error":"RecordNotFound"}' });
    const r = await call(sb, '/api/v2/job_statuses/abc123.json');
    assert.deepEqual([r.status, r.json], [404, { error: 'RecordNotFound' }]);
  });

  it('afterHandler performs the request for real, then answers with the fault', async () => {
    const user = sb.store.addUser({ name: 'After Handler', email: 'after.handler@example.org' });
    const org = sb.store.organizations.idAt(1);
    sb.faults.inject({ path: '/api/v2/organization_memberships', method: 'POST', kind: '503', afterHandler: true });
    const body = { organization_membership: { user_id: user.id, organization_id: org } };
    const first = await call(sb, '/api/v2/organization_memberships.json', { method: 'POST', body });
    assert.equal(first.status, 503);
    assert.ok(sb.store.findMembership(user.id, org), 'the membership was created anyway');
    const retry = await call(sb, '/api/v2/organization_memberships.json', { method: 'POST', body });
    assert.equal(retry.status, 422, 'a blind retry meets the duplicate');

    sb.faults.inject({ path: /^\/api\/v2\/organization_memberships\/\d+$/, method: 'DELETE', kind: 'reset', afterHandler: true });
    const m = sb.store.findMembership(user.id, org);
    const dropped = await fetch(`${sb.url}/api/v2/organization_memberships/${m?.id}.json`, {
      method: 'DELETE', headers: { Authorization: basicHeader(sb.credentials.admin.email, sb.credentials.admin.token) },
    }).then(() => 'answered', () => 'dropped');
    assert.equal(dropped, 'dropped');
    assert.equal(sb.store.findMembership(user.id, org), undefined, 'deleted before the connection dropped');
  });

  it('afterHandler malformed-json truncates the real answer', async () => {
    sb.faults.inject({ path: ME, kind: 'malformed-json', afterHandler: true });
    const r = await call(sb, ME);
    assert.ok(r.text.startsWith('{"user":{"id":'));
    assert.throws(() => JSON.parse(r.text));
  });

  it('is controllable over HTTP (string path, pathRegex, clear) without auth or recording', async () => {
    const before = sb.requests.length;
    const add = await call(sb, '/__sandbox/faults', { as: 'none', method: 'POST', body: { path: `${ME}.json`, kind: 'status', status: 418, times: 2 } });
    assert.equal(add.status, 201);
    const re = await call(sb, '/__sandbox/faults', { as: 'none', method: 'POST', body: { pathRegex: '^/api/v2/organizations$', kind: '500' } });
    assert.equal(re.status, 201);
    assert.equal((await call(sb, '/__sandbox/faults', { as: 'none', method: 'POST', body: { path: ME, kind: 'nope' } })).status, 400);
    assert.equal(sb.requests.length, before);
    assert.equal((await call(sb, ME)).status, 418);
    assert.equal((await call(sb, '/api/v2/organizations')).status, 500);
    assert.equal((await call(sb, '/__sandbox/faults', { as: 'none', method: 'DELETE' })).status, 204);
    assert.equal((await call(sb, ME)).status, 200);
  });

  it('closes promptly even while a delayed answer is pending', async () => {
    const other = await startSandbox({ orgs: 1, users: 2 });
    other.faults.inject({ path: ME, kind: 'delay', delayMs: 60_000 });
    const pending = call(other, ME).then(() => 'answered', () => 'dropped');
    await new Promise((resolve) => setImmediate(resolve));
    const started = Date.now();
    await other.close();
    assert.ok(Date.now() - started < 2000);
    assert.equal(await pending, 'dropped');
  });
});
