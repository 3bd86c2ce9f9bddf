import assert from 'node:assert/strict';
import { canCancel, canResume, canRetryFailed, canUndo, parseHostMessage, parseWebviewMessage } from '../../../src/jobs/panelProtocol';
import { summary } from './panelFakes';

describe('jobs panel: messages from the webview', () => {
  it('accepts every message type of the protocol, rebuilt from known fields only', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    for (const type of ['expand', 'collapse', 'retryFailed', 'export', 'undo', 'cancel', 'resume'] as const) {
      assert.deepEqual(parseWebviewMessage({ type, operationId: 'op-1', extra: '<script>' }), { type, operationId: 'op-1' });
    }
  });

  it('rejects wrong shapes', () => {
    const rejected: unknown[] = [
      undefined, null, 'ready', 42, [], [{ type: 'ready' }],
      {}, { type: 'READY' }, { type: 'unknown', operationId: 'op-1' }, { type: 'openExternal', url: 'https://evil.example' },
      { type: 'expand' }, { type: 'expand', operationId: '' }, { type: 'expand', operationId: 7 },
      { type: 'cancel', operationId: ['op-1'] }, { type: 'export', operationId: { id: 'op-1' } },
      { type: 'retryFailed', operationId: 'x'.repeat(201) }, { type: 'collapse', operationId: null },
      { type: 'resume' }, { type: 'resume', operationId: 5 }, { type: 'resume', operationId: '' },
      { type: 'undo' }, { type: 'undo', operationId: 5 },
      { command: 'expand', operationId: 'op-1' },
    ];
    for (const message of rejected) {
      assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message));
    }
  });

  it('offers Undo only once finished, when something succeeded', () => {
    const some = { total: 10, pending: 0, submitted: 0, succeeded: 7, failed: 3, cancelled: 0 };
    assert.equal(canUndo(summary('a', { state: 'running', counts: some })), false);
    assert.equal(canUndo(summary('a', { state: 'completed', counts: some })), true);
    assert.equal(canUndo(summary('a', { state: 'cancelled', counts: some })), true);
    assert.equal(canUndo(summary('a', { state: 'completed', counts: { ...some, succeeded: 0, failed: 10 } })), false);
  });

  it('offers retry only once finished with failures, cancel only while running and cancellable', () => {
    const failures = { total: 10, pending: 0, submitted: 0, succeeded: 7, failed: 3, cancelled: 0 };
    assert.equal(canRetryFailed(summary('a', { state: 'running', counts: failures })), false);
    assert.equal(canRetryFailed(summary('a', { state: 'completed', counts: failures })), true);
    assert.equal(canRetryFailed(summary('a', { state: 'cancelled', counts: failures })), true);
    assert.equal(canRetryFailed(summary('a', { state: 'completed' })), false);
    assert.equal(canRetryFailed(summary('a', { state: 'completed', counts: failures, retriedBy: 'b' })), false, 'already retried');
    assert.equal(canCancel(summary('a', { state: 'running', cancellable: true })), true);
    assert.equal(canCancel(summary('a', { state: 'running', cancellable: false })), false);
    assert.equal(canCancel(summary('a', { state: 'completed', cancellable: true })), false);
    const paused = { reason: 'rateLimited' as const, since: 1_700_000_000_000 };
    assert.equal(canResume(summary('a', { state: 'running', paused })), true);
    assert.equal(canResume(summary('a', { state: 'running' })), false);
    assert.equal(canResume(summary('a', { state: 'completed', paused })), false);
  });
});

describe('jobs panel: messages from the host (webview side)', () => {
  it('keeps well-formed operations and rows, drops malformed ones', () => {
    const good = summary('op-1');
    const parsed = parseHostMessage({ type: 'operations', operations: [good, { ...good, id: 3 }, { ...good, state: 'exploded' }, null] });
    assert.deepEqual(parsed, { type: 'operations', operations: [good] });
    const paused = { ...good, paused: { reason: 'unavailable', since: 1_700_000_000_000 } };
    const badPauses = [{ reason: 'bored', since: 1 }, { reason: 'rateLimited', since: -1 }, { reason: 'rateLimited' }, 'rateLimited'].map((pause) => ({ ...good, paused: pause }));
    assert.deepEqual(parseHostMessage({ type: 'operations', operations: [paused, ...badPauses] }), { type: 'operations', operations: [paused] }, 'a pause is a known reason and a time');
    const row = { index: 0, user: 'Ann', organization: '<img src=x onerror=alert(1)>', change: 'remove', outcome: 'failed', detail: '' };
    assert.deepEqual(parseHostMessage({ type: 'items', operationId: 'op-1', rows: [row, { ...row, outcome: 'exploded' }, { ...row, user: 5 }, { ...row, change: 'explode' }, { ...row, change: undefined }] }),
      { type: 'items', operationId: 'op-1', rows: [row] });
    const kinds = ['add', 'remove', 'move', 'sync', 'undo'].map((kind) => ({ ...good, kind }));
    const badKinds = [{ ...good, kind: 'merge' }, { ...good, succeededBy: undefined }, { ...good, succeededBy: { add: 1, remove: -1, makeDefault: 0 } }];
    assert.deepEqual(parseHostMessage({ type: 'operations', operations: [...kinds, ...badKinds] }), { type: 'operations', operations: kinds }, 'a known kind and counts per change');
  });

  it('accepts a translation bundle of strings only', () => {
    assert.deepEqual(parseHostMessage({ type: 'l10n', bundle: { Running: 'Läuft' } }), { type: 'l10n', bundle: { Running: 'Läuft' } });
    assert.equal(parseHostMessage({ type: 'l10n', bundle: { Running: 5 } }), undefined);
    assert.equal(parseHostMessage({ type: 'l10n', bundle: ['Running'] }), undefined);
  });

  it('rejects unknown types and wrong shapes', () => {
    for (const message of [null, 'operations', {}, { type: 'operations' }, { type: 'operations', operations: {} }, { type: 'items', operationId: 'op', rows: 'x' },
      { type: 'items', rows: [] }, { type: 'focus' }, { type: 'focus', operationId: '' }, { type: 'eval', code: 'alert(1)' }]) {
      assert.equal(parseHostMessage(message), undefined, JSON.stringify(message));
    }
  });
});
