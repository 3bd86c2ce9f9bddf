import assert from 'node:assert/strict';
import { MAX_CONCURRENT_COUNTS, MemberCounts } from '../../../src/tree/memberCounts';

/** A count fetcher whose answers the test releases, so what is in flight can be seen. */
function heldFetcher() {
  const waiting: Array<{ id: number; signal: AbortSignal; answer(count: number): void; fail(): void }> = [];
  let peak = 0;
  let inFlight = 0;
  const fetch = (id: number, signal: AbortSignal) => new Promise<number>((resolve, reject) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    const done = () => { inFlight--; };
    waiting.push({ id, signal, answer: (count) => { done(); resolve(count); }, fail: () => { done(); reject(new Error('no')); } });
  });
  return { fetch, waiting, peak: () => peak };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('MemberCounts', () => {
  it(`asks at most ${MAX_CONCURRENT_COUNTS} at a time, and each organization once until it is refreshed`, async () => {
    const held = heldFetcher();
    const arrived: Array<[number, number]> = [];
    const counts = new MemberCounts(held.fetch, (id, count) => arrived.push([id, count]));
    counts.want([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    counts.want([1, 2, 3, 11]); // shown again before the first answers: asked once
    assert.equal(held.waiting.length, MAX_CONCURRENT_COUNTS);
    while (held.waiting.length > 0) {
      const next = held.waiting.shift();
      next?.answer(next.id * 10);
      await settle();
    }
    assert.equal(held.peak(), MAX_CONCURRENT_COUNTS);
    assert.equal(arrived.length, 11, 'one request per organization');
    assert.equal(counts.get(7), 70);
    counts.want([7]);
    assert.equal(held.waiting.length, 0, 'known and not refreshed: not asked again');
    counts.refresh([7]);
    counts.want([7, 8]);
    assert.deepEqual(held.waiting.map((entry) => entry.id), [7], 'only the refreshed one');
    assert.equal(counts.get(7), 70, 'the old count stays shown until the new one arrives');
    held.waiting[0].answer(71);
    await settle();
    assert.equal(counts.get(7), 71);
  });

  it('shows no number for a count that failed, and does not ask again until a refresh', async () => {
    const held = heldFetcher();
    const counts = new MemberCounts(held.fetch, () => undefined);
    counts.want([5]);
    held.waiting.shift()?.fail();
    await settle();
    assert.equal(counts.get(5), undefined);
    counts.want([5]);
    assert.equal(held.waiting.length, 0);
    counts.refresh();
    counts.want([5]);
    assert.equal(held.waiting.length, 1);
  });

  it('follows changes made here without a request, and aborts what is in flight when disposed', async () => {
    const held = heldFetcher();
    const counts = new MemberCounts(held.fetch, () => undefined);
    counts.want([1, 2]);
    held.waiting.shift()?.answer(3);
    await settle();
    assert.equal(counts.adjust(1, +1), true);
    assert.equal(counts.get(1), 4);
    assert.equal(counts.adjust(9, -1), false, 'unknown counts stay unknown');
    counts.dispose();
    assert.equal(held.waiting[0].signal.aborted, true);
  });
});
