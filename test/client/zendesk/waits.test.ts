import assert from 'node:assert/strict';
import { Harness, startHarness } from '../harness';

const ME = /^\/api\/v2\/users\/me$/;

/** Waits the client takes: each is at least what Zendesk asked for (a correctness bound, not a speed). */
describe('waiting as Zendesk asks', () => {
  let harness: Harness;

  afterEach(() => harness.close());

  it('retries a 429 once, after at least its Retry-After', async () => {
    harness = await startHarness({ orgs: 1, users: 3 });
    harness.sandbox.faults.inject({ path: ME, kind: 'status', status: 429, retryAfter: 1 });
    const started = Date.now();
    assert.equal((await harness.client.showCurrentUser()).role, 'admin');
    const [refused, retried] = harness.requestsTo(ME);
    assert.deepEqual(harness.requestsTo(ME).map((r) => r.status), [429, 200], 'exactly one retry');
    assert.ok(retried.receivedAt - refused.receivedAt >= 1_000, `retried after ${retried.receivedAt - refused.receivedAt} ms`);
    assert.ok(Date.now() - started >= 1_000);
    assert.deepEqual(harness.waits.map((w) => [w.reason, w.waitMs, w.status]), [['rateLimited', 1_000, 429]]);
  });

  it('honours a 503 whose Retry-After is an HTTP date', async () => {
    harness = await startHarness({ orgs: 1, users: 3 });
    // HTTP dates have whole seconds: the next whole second at least 1.5 s away.
    const until = Math.ceil((Date.now() + 1_500) / 1_000) * 1_000;
    harness.sandbox.faults.inject({ path: ME, kind: '503', retryAfter: new Date(until).toUTCString() });
    assert.equal((await harness.client.showCurrentUser()).role, 'admin');
    const [, retried] = harness.requestsTo(ME);
    assert.deepEqual(harness.requestsTo(ME).map((r) => r.status), [503, 200]);
    // 1 ms of slack: a timer may fire within the millisecond Date.now() rounds to.
    assert.ok(retried.receivedAt >= until - 1, `retried ${until - retried.receivedAt} ms before the date`);
    assert.deepEqual(harness.waits.map((w) => w.reason), ['unavailable']);
  });

  for (const spelling of ['ratelimit', 'rate-limit'] as const) {
    it(`slows down as the remaining budget nears zero, and meets no 429 (headers spelled ${spelling}-*)`, async () => {
      const limit = 20;
      harness = await startHarness({ orgs: 1, users: 3, rateLimit: limit, rateLimitHeaders: spelling });
      for (let i = 0; i < limit; i++) {
        await harness.client.showCurrentUser();
      }
      const requests = harness.requestsTo(ME);
      assert.deepEqual(new Set(requests.map((r) => r.status)), new Set([200]), 'no request was refused');
      const paced = harness.waits.filter((w) => w.reason === 'paced');
      assert.ok(paced.length >= 1, `paced notices: ${JSON.stringify(harness.waits)}`);
      const gap = requests[limit - 1].receivedAt - requests[limit - 2].receivedAt;
      assert.ok(gap >= paced[paced.length - 1].waitMs, `the last request came ${gap} ms after the one before, paced ${paced[paced.length - 1].waitMs} ms`);
      assert.ok(harness.logger.lines.some((line) => /pacing \d+ ms/.test(line)));
    });

    it(`paces an endpoint with its own limit by its zendesk-${spelling}-autocomplete header, and only that endpoint`, async () => {
      const limit = 10;
      harness = await startHarness({ orgs: 1, users: 30, rateLimit: 700, autocompleteRateLimit: limit, rateLimitHeaders: spelling });
      for (let i = 0; i < limit; i++) {
        await harness.client.autocompleteUsers('a').page();
      }
      const autocompletes = harness.requestsTo(/\/users\/autocomplete$/);
      assert.deepEqual(new Set(autocompletes.map((r) => r.status)), new Set([200]), 'no autocomplete was refused');
      const paced = harness.waits.filter((w) => w.reason === 'paced');
      assert.ok(paced.length >= 1 && paced.every((w) => w.path === '/api/v2/users/autocomplete'), JSON.stringify(harness.waits));
      const waitsBefore = harness.waits.length;
      await harness.client.showCurrentUser();
      assert.equal(harness.waits.length, waitsBefore, 'another endpoint is not held back');
    });
  }
});
