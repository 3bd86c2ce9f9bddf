import assert from 'node:assert/strict';
import { type HostMessage, parseHostMessage } from '../../../src/jobs/panelProtocol';
import { JobsPanelController } from '../../../src/jobs/panelController';
import { MAX_QUEUE_PAGES, QUEUE_POLL_MS, type JobListClient, ZendeskQueue, readQueue } from '../../../src/jobs/zendeskQueue';
import type { JobStatus, PageCursor } from '../../../src/zendesk';
import { FakeSource, VirtualClock } from './panelFakes';

const job = (id: string, status: string, progress: number | null = null): JobStatus => ({ id, status, progress, total: 100, message: status === 'working' ? `Creating #${progress}` : null, results: null });

/** A job list paged by `pageSize`, counting its requests. */
function jobList(jobs: JobStatus[], pageSize = 100) {
  const requests: Array<AbortSignal | undefined> = [];
  const client: JobListClient = {
    listJobStatuses: () => ({
      page: async (cursor: PageCursor | undefined, options: { pageSize: number; signal?: AbortSignal }) => {
        requests.push(options.signal);
        options.signal?.throwIfAborted();
        const start = cursor === undefined ? 0 : Number(cursor);
        return { items: jobs.slice(start, start + pageSize), nextCursor: start + pageSize < jobs.length ? String(start + pageSize) as PageCursor : undefined };
      },
    }),
  };
  return { client, requests };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Zendesk job queue', () => {
  it('counts queued and running jobs against the limit, ours apart from other integrations\'', async () => {
    const jobs = [job('a', 'completed'), job('b', 'working', 31), job('c', 'queued'), job('d', 'queued'), job('e', 'failed')];
    const queue = await readQueue('https://acme', jobList(jobs).client, new Set(['b', 'e']), new AbortController().signal, 5);
    assert.deepEqual([queue.active, queue.ours, queue.others, queue.limit, queue.complete], [3, 1, 2, 30, true]);
    assert.deepEqual(queue.jobs.map((row) => `${row.id}:${row.ours ? 'ours' : 'theirs'}`), ['b:ours', 'c:theirs', 'd:theirs', 'a:theirs', 'e:ours'], 'active first');
    assert.equal(queue.jobs[0].message, 'Creating #31');
  });

  it(`reads at most ${MAX_QUEUE_PAGES} pages, and then says the counts are at least these`, async () => {
    const jobs = Array.from({ length: 25 }, (_, i) => job(`j${i}`, i > 20 ? 'queued' : 'completed'));
    const list = jobList(jobs, 5);
    const queue = await readQueue('https://acme', list.client, new Set(), new AbortController().signal, 0);
    assert.equal(list.requests.length, MAX_QUEUE_PAGES);
    assert.equal(queue.complete, false);
  });

  it(`looks only while visible: at once, then every ${QUEUE_POLL_MS / 1000} s, and stops (aborting) when hidden`, async () => {
    const clock = new VirtualClock();
    const list = jobList([job('x', 'queued')]);
    const published: number[] = [];
    const watch = new ZendeskQueue({
      origins: () => ['https://acme'], clientFor: async () => list.client, ourJobIds: () => new Set(),
      setTimer: (callback, ms) => { const handle = clock.setTimeout(callback, ms); return { cancel: () => clock.clearTimeout(handle) }; },
    }).watch((queues) => published.push(queues[0].active));
    await settle();
    assert.equal(list.requests.length, 0, 'hidden: nothing is read');
    watch.setVisible(true);
    await settle();
    assert.deepEqual(published, [1]);
    clock.advance(QUEUE_POLL_MS - 1);
    await settle();
    assert.equal(list.requests.length, 1, 'not before the interval');
    clock.advance(1);
    await settle();
    assert.equal(list.requests.length, 2);
    watch.setVisible(false);
    clock.advance(QUEUE_POLL_MS * 10);
    await settle();
    assert.equal(list.requests.length, 2, 'hidden: no more looks');
    assert.equal(clock.pendingTimers, 0);
    watch.dispose();
  });

  it('shows a failure to read the list instead of numbers', async () => {
    const failing: JobListClient = { listJobStatuses: () => ({ page: async () => { throw new Error('Zendesk answered 403'); } }) };
    const published: string[] = [];
    const watch = new ZendeskQueue({ origins: () => ['https://acme'], clientFor: async () => failing, ourJobIds: () => new Set(), setTimer: () => ({ cancel: () => undefined }) })
      .watch((queues) => published.push(queues[0].error ?? ''));
    watch.setVisible(true);
    await settle();
    await settle();
    assert.deepEqual(published, ['Zendesk answered 403']);
  });

  it('crosses to the webview only in the protocol\'s shape', () => {
    const queue = { origin: 'https://acme', checkedAt: 1, active: 2, ours: 1, others: 1, limit: 30, complete: true, jobs: [{ id: 'V3-1', status: 'queued', progress: null, total: 5, ours: true, message: '' }] };
    assert.deepEqual(parseHostMessage({ type: 'queue', queues: [queue, { ...queue, active: -1 }, { ...queue, jobs: [{ id: 5 }] }, 'x'] }), { type: 'queue', queues: [queue] });
    assert.equal(parseHostMessage({ type: 'queue', queues: 'x' }), undefined);
  });

  it('reaches the panel once it is ready, and again after its document was rebuilt', () => {
    const posted: HostMessage[] = [];
    const controller = new JobsPanelController(new FakeSource(), {
      post: (message) => posted.push(message), showRunningCount: () => undefined, exportResults: async () => undefined, undo: async () => undefined, reportRetryFailure: () => undefined,
    }, new VirtualClock());
    const queue = { origin: 'https://acme', checkedAt: 1, active: 0, ours: 0, others: 0, limit: 30, complete: true, jobs: [] };
    controller.showQueue([queue]);
    assert.equal(posted.length, 0, 'nothing before ready');
    controller.receive({ type: 'ready' });
    assert.deepEqual(posted.map((message) => message.type), ['operations', 'queue']);
    controller.detached();
    controller.receive({ type: 'ready' });
    assert.equal(posted.filter((message) => message.type === 'queue').length, 2);
    controller.dispose();
  });
});
