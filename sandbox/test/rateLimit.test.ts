import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../src/server';
import { RateLimiter } from '../src/rateLimit';
import { call } from '../src/testHelpers';

describe('sandbox: rate limiting', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ orgs: 2, users: 5, rateLimit: 4 });
  });
  after(() => sb.close());

  it('sends the limit headers on every API answer (errors too) and 429s past the limit', async () => {
    const ok = await call(sb, '/api/v2/users/me.json');
    assert.equal(ok.headers.get('x-rate-limit'), '4');
    assert.equal(ok.headers.get('x-rate-limit-remaining'), '3');
    assert.equal(ok.headers.get('ratelimit-limit'), '4');
    assert.equal(ok.headers.get('ratelimit-remaining'), '3');
    assert.match(ok.headers.get('ratelimit-reset') ?? '', /^\d+$/);
    const unauthorized = await call(sb, '/api/v2/users/me.json', { as: 'none' });
    assert.equal(unauthorized.status, 401);
    assert.equal(unauthorized.headers.get('x-rate-limit-remaining'), '2');
    const notFound = await call(sb, '/api/v2/nothing_here.json');
    assert.equal(notFound.headers.get('x-rate-limit-remaining'), '1');
    assert.equal((await call(sb, '/api/v2/users/me.json')).headers.get('x-rate-limit-remaining'), '0');

    const limited = await call(sb, '/api/v2/users/me.json');
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal(limited.headers.get('x-rate-limit-remaining'), '0');
    assert.equal(limited.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(limited.json.errors[0].code, 'TooManyRequests');
    assert.equal(limited.json.errors[0].title, 'Too many requests');
    assert.equal(typeof limited.json.errors[0].detail, 'string');
  });

  it('never limits or counts control routes', async () => {
    for (let i = 0; i < 6; i++) assert.equal((await call(sb, '/__sandbox/state', { as: 'none' })).status, 200);
  });

  it('frees the window as time passes (sliding minute)', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(2, 60_000, () => now);
    assert.equal(limiter.take().rejection, undefined);
    now += 10_000;
    assert.equal(limiter.take().rejection, undefined);
    const refused = limiter.take();
    assert.equal(refused.rejection?.status, 429);
    assert.equal(refused.headers['Retry-After'], '50');
    now += 50_000;
    assert.equal(limiter.take().rejection, undefined, 'the first request aged out');
  });

  it('sends the limit headers on a 413 for a too-large body as well', async () => {
    const small = await startSandbox({ orgs: 1, users: 2, rateLimit: 3 });
    try {
      const tooLarge = 'x'.repeat(10 * 1024 * 1024 + 1);
      const r = await call(small, '/api/v2/organization_memberships.json', { method: 'POST', rawBody: tooLarge, headers: { 'Content-Type': 'application/json' } });
      assert.equal(r.status, 413);
      assert.equal(r.headers.get('x-rate-limit'), '3');
      assert.equal(r.headers.get('x-rate-limit-remaining'), '2');
    } finally {
      await small.close();
    }
  });

  it('sends no rate-limit headers when limiting is off (rateLimit: 0)', async () => {
    const off = await startSandbox({ orgs: 1, users: 2, rateLimit: 0 });
    try {
      const r = await call(off, '/api/v2/users/me.json');
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('x-rate-limit'), null);
    } finally {
      await off.close();
    }
  });
});
