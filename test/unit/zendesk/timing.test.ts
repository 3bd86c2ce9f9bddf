import assert from 'node:assert/strict';
import { RateLimitPacer } from '../../../src/zendesk/pacer';
import { backoffDelay, parseRetryAfter, sleep } from '../../../src/zendesk/timing';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-28T12:00:00Z');
  it('reads delta-seconds', () => {
    assert.equal(parseRetryAfter('7', now), 7);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('1.5', now), 1.5);
  });
  it('reads an HTTP date relative to now', () => {
    assert.equal(parseRetryAfter('Sat, 28 Nov 2026 12:00:30 GMT', now), 30);
    assert.equal(parseRetryAfter('Sat, 28 Nov 2026 11:00:00 GMT', now), 0);
  });
  it('ignores absent or unreadable values', () => {
    assert.equal(parseRetryAfter(null, now), undefined);
    assert.equal(parseRetryAfter('', now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('-3', now), undefined);
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt up to the cap, with jitter in the upper half', () => {
    assert.equal(backoffDelay(1, 100, 1000, () => 0), 50);
    assert.equal(backoffDelay(1, 100, 1000, () => 1), 100);
    assert.equal(backoffDelay(3, 100, 1000, () => 1), 400);
    assert.equal(backoffDelay(10, 100, 1000, () => 1), 1000);
    assert.equal(backoffDelay(10, 100, 1000, () => 0), 500);
  });
});

describe('sleep', () => {
  it('rejects at once with the abort reason', async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await assert.rejects(pending, /stop/);
  });
});

describe('RateLimitPacer', () => {
  const headers = (values: Record<string, string>) => ({
    get: (name: string) => values[name.toLowerCase()] ?? null,
    forEach: (callback: (value: string, name: string) => void) => Object.entries(values).forEach(([name, value]) => callback(value, name)),
  });

  it('reads the account budget in every recorded spelling (API-NOTES §13)', () => {
    const spellings: Array<Record<string, string>> = [
      { 'x-rate-limit': '600', 'x-rate-limit-remaining': '0' },
      { 'ratelimit-limit': '600', 'ratelimit-remaining': '0' },
      { 'rate-limit': '600', 'rate-limit-remaining': '0' },
    ];
    for (const spelling of spellings) {
      const pacer = new RateLimitPacer(() => 0);
      pacer.observe(headers(spelling));
      assert.equal(pacer.delay(), 100, JSON.stringify(spelling));
      assert.equal(pacer.describe(), '0/600');
    }
    const pacer = new RateLimitPacer(() => 0);
    pacer.observe(headers({ 'rate-limit': '100', 'rate-limit-remaining': '0', 'rate-limit-reset': '7' }));
    assert.equal(pacer.delay(), 7_000, 'the 2023 reset header too');
  });

  it('paces an endpoint by its own budget in either spelling, and only that endpoint', () => {
    for (const name of ['zendesk-ratelimit-autocomplete', 'Zendesk-Rate-Limit-autocomplete']) {
      const pacer = new RateLimitPacer(() => 0);
      pacer.observe(headers({ 'x-rate-limit': '700', 'x-rate-limit-remaining': '650', [name.toLowerCase()]: 'total=100; remaining=0; resets=41' }), 'GET /api/v2/users/autocomplete');
      assert.equal(pacer.delay('GET /api/v2/users/autocomplete'), 41_000, name);
      assert.equal(pacer.delay('GET /api/v2/users/me'), 0, 'other endpoints keep the account budget');
      assert.equal(pacer.delay(), 0);
    }
    const pacer = new RateLimitPacer(() => 0);
    pacer.observe(headers({ 'zendesk-ratelimit-x': 'total=lots; remaining=0' }), 'GET /x');
    assert.equal(pacer.delay('GET /x'), 0, 'an unreadable value is ignored');
  });

  it('does not delay while plenty of budget is left', () => {
    const pacer = new RateLimitPacer(() => 0);
    pacer.observe(headers({ 'x-rate-limit': '700', 'x-rate-limit-remaining': '600' }));
    assert.equal(pacer.delay(), 0);
  });

  it('slows down more as the remaining budget nears zero', () => {
    let now = 0;
    const pacer = new RateLimitPacer(() => now);
    const delays = [60, 30, 10, 0].map((remaining) => {
      pacer.observe(headers({ 'x-rate-limit': '600', 'x-rate-limit-remaining': String(remaining) }));
      return pacer.delay();
    });
    assert.deepEqual(delays, [0, 50, 83, 100]); // 60 s / 600 = 100 ms at zero
    now = 40; // time spent since the answer counts towards the wait
    assert.equal(pacer.delay(), 60);
  });

  it('waits for the announced reset when nothing is left', () => {
    let now = 1_000;
    const pacer = new RateLimitPacer(() => now);
    pacer.observe(headers({ 'ratelimit-limit': '100', 'ratelimit-remaining': '0', 'ratelimit-reset': '12' }));
    assert.equal(pacer.delay(), 12_000);
    now = 5_000;
    assert.equal(pacer.delay(), 8_000);
  });

  it('ignores responses without rate-limit headers', () => {
    const pacer = new RateLimitPacer(() => 0);
    pacer.observe(headers({}));
    assert.equal(pacer.delay(), 0);
  });
});
