import assert from 'node:assert/strict';
import type { HostMessage } from '../../../src/jobs/panelProtocol';
import { JobsPanelController, type PanelShell } from '../../../src/jobs/panelController';
import { UpdateCoalescer, type PendingChanges } from '../../../src/jobs/updateCoalescer';
import { FakeSource, summary, VirtualClock } from './panelFakes';

describe('jobs panel: update coalescer', () => {
  it('turns 10,000 changes over 10 s into at most 4 flushes a second, ending with the latest', () => {
    const clock = new VirtualClock();
    let state = 0;
    const flushed: number[] = [];
    const coalescer = new UpdateCoalescer(() => flushed.push(state), 250, clock);
    for (let change = 1; change <= 10_000; change++) {
      state = change;
      coalescer.mark('op-1');
      clock.advance(1);
    }
    clock.advance(1000);
    assert.ok(flushed.length <= 41, `${flushed.length} flushes`);
    assert.ok(flushed.length >= 39, `${flushed.length} flushes: it must keep posting while changes go on`);
    assert.equal(flushed.at(-1), 10_000, 'the last flush carries the latest state');
    assert.equal(clock.pendingTimers, 0);
  });

  it('never flushes twice within the interval', () => {
    const clock = new VirtualClock();
    const times: number[] = [];
    const coalescer = new UpdateCoalescer(() => times.push(clock.now()), 250, clock);
    for (let step = 0; step < 5000; step++) {
      if (step % 3 !== 0) coalescer.mark(step % 2 ? 'a' : undefined);
      clock.advance(2);
    }
    clock.advance(500);
    for (let index = 1; index < times.length; index++) {
      assert.ok(times[index] - times[index - 1] >= 250, `flushes at ${times[index - 1]} and ${times[index]}`);
    }
  });

  it('flushes a burst once, on the next tick after a quiet spell, with every changed id', () => {
    const clock = new VirtualClock();
    const flushes: PendingChanges[] = [];
    const coalescer = new UpdateCoalescer((changes) => flushes.push(changes), 250, clock);
    coalescer.mark('a');
    coalescer.mark('b');
    coalescer.mark('a');
    assert.equal(flushes.length, 0, 'not synchronously');
    clock.advance(0);
    assert.equal(flushes.length, 1);
    assert.deepEqual([flushes[0].all, [...flushes[0].operationIds].sort()], [false, ['a', 'b']]);
    coalescer.mark(undefined);
    clock.advance(249);
    assert.equal(flushes.length, 1);
    clock.advance(1);
    assert.equal(flushes.length, 2);
    assert.equal(flushes[1].all, true);
  });

  it('does nothing after dispose', () => {
    const clock = new VirtualClock();
    let flushes = 0;
    const coalescer = new UpdateCoalescer(() => flushes++, 250, clock);
    coalescer.mark('a');
    coalescer.dispose();
    coalescer.mark('b');
    clock.advance(1000);
    assert.equal(flushes, 0);
    assert.equal(clock.pendingTimers, 0);
  });
});

function kinds(messages: readonly HostMessage[]): string[] {
  return messages.map((message) => ('operationId' in message ? `${message.type} ${message.operationId}` : message.type)).sort();
}

describe('jobs panel: controller', () => {
  function setup(translations?: Record<string, string>) {
    const clock = new VirtualClock();
    const source = new FakeSource();
    source.operations = [summary('op-2'), summary('op-1', { state: 'completed', cancellable: false, counts: { total: 10, pending: 0, submitted: 0, succeeded: 8, failed: 2, cancelled: 0 } })];
    source.rows.set('op-1', [{ index: 0, user: 'Ann', organization: 'Acme', change: 'add', outcome: 'failed', detail: 'Invalid user' }]);
    source.rows.set('op-2', [{ index: 0, user: 'Bob', organization: 'Acme', change: 'add', outcome: 'pending', detail: '' }]);
    const posted: HostMessage[] = [];
    const titles: number[] = [];
    const exported: string[] = [];
    const undone: string[] = [];
    const retryFailures: unknown[] = [];
    const shell: PanelShell = {
      translations,
      post: (message) => posted.push(message),
      showRunningCount: (count) => titles.push(count),
      exportResults: async (operationId) => { exported.push(operationId); },
      undo: async (operationId) => { undone.push(operationId); },
      reportRetryFailure: (_operationId, error) => retryFailures.push(error),
    };
    const controller = new JobsPanelController(source, shell, clock, 250, 1000);
    return { clock, source, posted, titles, exported, undone, retryFailures, controller };
  }

  it('posts nothing before ready, then the latest list at once', () => {
    const { clock, source, posted, titles, controller } = setup();
    source.fire('op-2');
    clock.advance(1000);
    assert.equal(posted.length, 0);
    assert.equal(titles.at(-1), 1, 'the title counts running operations even before ready');
    controller.receive({ type: 'ready' });
    assert.deepEqual(posted.map((message) => message.type), ['operations'], 'English: no bundle to send');
  });

  it('sends VS Code\'s translations first on every ready, so the webview never renders in the wrong language', () => {
    const bundle = { 'Retry failed items': 'Fehlgeschlagene wiederholen' };
    const { posted, controller } = setup(bundle);
    controller.receive({ type: 'ready' });
    controller.detached();
    controller.receive({ type: 'ready' });
    assert.deepEqual(posted.map((message) => message.type), ['l10n', 'operations', 'l10n', 'operations']);
    assert.deepEqual(posted[0], { type: 'l10n', bundle });
  });

  it('sends item rows at once on expand, then only for expanded operations, again when they change', () => {
    const { clock, source, posted, controller } = setup();
    controller.receive({ type: 'ready' });
    posted.length = 0;
    controller.receive({ type: 'expand', operationId: 'op-1' });
    assert.deepEqual(kinds(posted), ['items op-1'], 'no waiting for the clock');
    posted.length = 0;
    source.fire('op-2');
    clock.advance(2000);
    assert.deepEqual(kinds(posted), ['operations'], 'op-2 is not expanded');
    posted.length = 0;
    source.fire('op-1');
    clock.advance(1000);
    assert.deepEqual(kinds(posted), ['items op-1', 'operations']);
    posted.length = 0;
    controller.receive({ type: 'collapse', operationId: 'op-1' });
    source.fire(undefined);
    clock.advance(2000);
    assert.deepEqual(kinds(posted), ['operations']);
  });

  it('keeps a 10,000-item operation changing every millisecond to 4 lists and 1 table a second, the last ones current', () => {
    const { clock, source, posted, controller } = setup();
    const big = source.operations[0];
    controller.receive({ type: 'ready' });
    controller.receive({ type: 'expand', operationId: big.id });
    posted.length = 0;
    for (let change = 1; change <= 10_000; change++) {
      big.processed = change;
      source.rows.set(big.id, [{ index: 0, user: 'Bob', organization: 'Acme', change: 'add', outcome: 'pending', detail: `change ${change}` }]);
      source.fire(big.id);
      clock.advance(1);
    }
    clock.advance(2000);
    const lists = posted.filter((message) => message.type === 'operations');
    const tables = posted.filter((message) => message.type === 'items');
    assert.ok(lists.length <= 41 && lists.length >= 39, `${lists.length} list messages in 10 s`);
    assert.ok(tables.length <= 11 && tables.length >= 9, `${tables.length} row messages in 10 s`);
    const lastList = lists.at(-1);
    const lastTable = tables.at(-1);
    assert.equal(lastList?.type === 'operations' && lastList.operations[0].processed, 10_000);
    assert.equal(lastTable?.type === 'items' && lastTable.rows[0].detail, 'change 10000');
  });

  it('ignores expands of unknown operations and malformed messages', () => {
    const { clock, posted, controller } = setup();
    controller.receive({ type: 'ready' });
    posted.length = 0;
    controller.receive({ type: 'expand', operationId: 'nope' });
    controller.receive({ type: 'expand', operationId: 42 });
    controller.receive('expand');
    clock.advance(1000);
    assert.equal(posted.length, 0);
  });

  it('forgets expansions when the document goes away and waits for the next ready', () => {
    const { clock, source, posted, controller } = setup();
    controller.receive({ type: 'ready' });
    controller.receive({ type: 'expand', operationId: 'op-1' });
    clock.advance(250);
    controller.detached();
    posted.length = 0;
    source.fire('op-1');
    clock.advance(1000);
    assert.equal(posted.length, 0);
    controller.receive({ type: 'ready' });
    assert.deepEqual(posted.map((message) => message.type), ['operations'], 'no rows until the new document expands again');
  });

  it('posts focus after the list that contains the operation', () => {
    const { clock, posted, controller } = setup();
    controller.focus('op-1');
    clock.advance(1000);
    controller.receive({ type: 'ready' });
    assert.deepEqual(posted.map((message) => message.type), ['operations', 'focus']);
  });

  it('retries only finished operations with failures, once at a time, and reports failures', async () => {
    const { source, retryFailures, controller } = setup();
    let finish: (() => void) | undefined;
    let fail: ((error: Error) => void) | undefined;
    source.retryResult = new Promise<void>((resolve, reject) => { finish = resolve; fail = reject; });
    controller.receive({ type: 'retryFailed', operationId: 'op-2' }); // running: no
    controller.receive({ type: 'retryFailed', operationId: 'op-1' });
    controller.receive({ type: 'retryFailed', operationId: 'op-1' }); // double click
    assert.deepEqual(source.calls, ['retry op-1']);
    fail?.(new Error('rate limited'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal((retryFailures[0] as Error).message, 'rate limited');
    source.retryResult = Promise.resolve();
    controller.receive({ type: 'retryFailed', operationId: 'op-1' });
    assert.deepEqual(source.calls, ['retry op-1', 'retry op-1']);
    finish?.();
  });

  it('cancels only cancellable operations and exports known ones', () => {
    const { source, exported, controller } = setup();
    controller.receive({ type: 'cancel', operationId: 'op-1' });
    controller.receive({ type: 'cancel', operationId: 'op-2' });
    controller.receive({ type: 'export', operationId: 'op-1' });
    controller.receive({ type: 'export', operationId: 'elsewhere' });
    assert.deepEqual(source.calls, ['cancel op-2']);
    assert.deepEqual(exported, ['op-1']);
  });

  it('undoes only a finished operation that changed something', () => {
    const { source, undone, controller } = setup();
    source.operations = [
      summary('running'),
      summary('done', { state: 'completed', cancellable: false, counts: { total: 3, pending: 0, submitted: 0, succeeded: 2, failed: 1, cancelled: 0 } }),
      summary('nothing', { state: 'completed', cancellable: false, counts: { total: 3, pending: 0, submitted: 0, succeeded: 0, failed: 3, cancelled: 0 } }),
    ];
    for (const operationId of ['running', 'done', 'nothing', 'elsewhere']) {
      controller.receive({ type: 'undo', operationId });
    }
    assert.deepEqual(undone, ['done']);
  });

  it('resumes only a running operation that is paused', () => {
    const { source, controller } = setup();
    source.operations = [
      summary('paused', { paused: { reason: 'rateLimited', since: 1 } }),
      summary('running'),
      summary('done', { state: 'completed', cancellable: false, paused: { reason: 'unavailable', since: 1 } }),
    ];
    for (const operationId of ['paused', 'running', 'done', 'elsewhere']) {
      controller.receive({ type: 'resume', operationId });
    }
    assert.deepEqual(source.calls, ['resume paused']);
  });

  it('lets go of everything on dispose', () => {
    const { clock, source, posted, controller } = setup();
    controller.receive({ type: 'ready' });
    posted.length = 0;
    controller.dispose();
    source.fire('op-1');
    clock.advance(1000);
    assert.equal(posted.length, 0);
    assert.equal(source.listenerCount, 0);
    assert.equal(clock.pendingTimers, 0);
  });
});
