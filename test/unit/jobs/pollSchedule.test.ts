import assert from 'node:assert/strict';
import { PollSchedule, type TrackedJob } from '../../../src/jobs/pollSchedule';
import { DEFAULT_TIMINGS } from '../../../src/jobs/timings';

/** A schedule on a clock the test moves; default timings (250 ms apart at least, 60 polls a minute at most). */
function scheduleAt(start = 100_000): { schedule: PollSchedule; clock: { now: number } } {
  const clock = { now: start };
  return { schedule: new PollSchedule(DEFAULT_TIMINGS, () => clock.now), clock };
}

const job = (jobId: string, state: TrackedJob['state'], progress: number | null, submittedAt = 0, total = 100): TrackedJob => ({ jobId, state, progress, total, submittedAt });

describe('PollSchedule: polls when the jobs in flight are due', () => {
  it('while the pace is unknown, polls after pollMinMs, and further apart while nothing moves', () => {
    const { schedule, clock } = scheduleAt();
    const queued = job('a', 'queued', null, clock.now);
    schedule.observe(queued, clock.now);
    assert.equal(schedule.nextDelay([queued]), 250);
    const delays: number[] = [];
    for (let poll = 0; poll < 4; poll++) {
      schedule.pollStarted();
      schedule.observe(queued, clock.now);
      schedule.pollEnded(false);
      delays.push(schedule.nextDelay([queued]));
      clock.now += delays.at(-1) as number;
    }
    assert.deepEqual(delays, [375, 563, 844, 1266]);
  });

  it('learns the pace from two sightings of a working job and polls just after it should end', () => {
    const { schedule, clock } = scheduleAt();
    const submittedAt = clock.now;
    clock.now += 250;
    schedule.pollStarted();
    schedule.observe(job('a', 'working', 10, submittedAt), clock.now); // first guess: 25 ms an item
    schedule.pollEnded(true);
    assert.equal(schedule.pace, 25);
    clock.now += 600;
    schedule.pollStarted();
    schedule.observe(job('a', 'working', 40, submittedAt), clock.now); // 30 items in 600 ms: 20 ms an item
    schedule.pollEnded(true);
    assert.equal(schedule.pace, 22.5); // half the old guess, half the new measure
    // 60 items to go at 22.5 ms, then the margin (40 ms)
    assert.equal(schedule.nextDelay([job('a', 'working', 40, submittedAt)]), 60 * 22.5 + 40);
  });

  it('times the poll by the earliest job; a queued job is due no sooner than a whole job after it was seen', () => {
    const { schedule, clock } = scheduleAt();
    const a1 = job('a', 'working', 50, clock.now - 1_000);
    schedule.observe(a1, clock.now); // 20 ms an item
    const early = job('b', 'working', 90, clock.now - 1_000);
    const queued = job('c', 'queued', null, clock.now - 1_000);
    schedule.observe(early, clock.now);
    schedule.observe(queued, clock.now);
    assert.equal(schedule.pace, 20);
    assert.equal(schedule.nextDelay([a1, queued]), 50 * 20 + 40);
    assert.equal(schedule.nextDelay([a1, early, queued]), 10 * 20 + 40);
    assert.equal(schedule.nextDelay([queued]), 100 * 20 + 40);
  });

  it('never polls sooner than pollMinMs after the last poll, nor later than pollMaxMs', () => {
    const { schedule, clock } = scheduleAt();
    const almostDone = job('a', 'working', 99, clock.now - 990);
    schedule.observe(almostDone, clock.now);
    schedule.pollStarted();
    assert.equal(schedule.nextDelay([almostDone]), 250, 'due in 50 ms, but the last poll was just now');
    const slow = job('b', 'working', 1, clock.now - 60_000, 1_000);
    const { schedule: fresh } = scheduleAt(clock.now);
    fresh.observe(slow, clock.now); // 60 s an item
    assert.equal(fresh.nextDelay([slow]), DEFAULT_TIMINGS.pollMaxMs);
  });

  it('a job that stops moving is polled further apart each time (its due time, or the growing wait); one that moves resets that', () => {
    const { schedule, clock } = scheduleAt();
    const stuck = job('a', 'working', 50, clock.now - 1_000);
    schedule.observe(stuck, clock.now); // 20 ms an item: due 1 s after each sighting at 50
    const delays: number[] = [];
    for (let poll = 0; poll < 5; poll++) {
      clock.now += delays.at(-1) ?? 0;
      schedule.pollStarted();
      schedule.observe(stuck, clock.now);
      schedule.pollEnded(false);
      delays.push(schedule.nextDelay([stuck]));
    }
    assert.deepEqual(delays, [1040, 1040, 1040, 1266, 1899]);
    clock.now += 1_899;
    schedule.pollStarted();
    schedule.observe(job('a', 'working', 99, clock.now - 1_000), clock.now);
    schedule.pollEnded(true);
    assert.equal(schedule.nextDelay([job('a', 'working', 99)]), 250, 'due in 20 ms; polled no sooner than 250 ms after the last');
  });

  it('a job found finished bounds the pace; a bound that does not bind lowers it 2 % once per poll, however many jobs finished', () => {
    const { schedule, clock } = scheduleAt();
    schedule.observe(job('a', 'working', 50, clock.now - 1_500), clock.now); // first guess: 30 ms an item
    schedule.observe(job('b', 'queued', null), clock.now);
    schedule.observe(job('c', 'queued', null), clock.now);
    assert.equal(schedule.pace, 30);
    clock.now += 1_000;
    schedule.pollStarted();
    schedule.observe(job('a', 'completed', 100), clock.now); // 50 items in at most 1 s: 20 ms an item at most
    schedule.pollEnded(true);
    assert.equal(schedule.pace, 25, 'half way to the bound');
    clock.now += 4_000;
    schedule.pollStarted();
    schedule.observe(job('b', 'completed', 100), clock.now); // 100 items in at most 5 s: no news
    schedule.observe(job('c', 'completed', 100), clock.now);
    schedule.pollEnded(true);
    assert.equal(schedule.pace, 25 * 0.98);
  });

  it('keeps within pollsPerMinute: the 61st poll of a minute waits for the first to leave it', () => {
    const { schedule, clock } = scheduleAt();
    const start = clock.now;
    const queued = job('a', 'queued', null, clock.now);
    for (let poll = 0; poll < 60; poll++) {
      schedule.pollStarted();
      schedule.pollEnded(true);
      clock.now += 300;
    }
    // 60 polls between start and start + 17.7 s: the next may go at start + 60 s
    assert.equal(schedule.nextDelay([queued]), start + 60_000 - clock.now);
  });
});
