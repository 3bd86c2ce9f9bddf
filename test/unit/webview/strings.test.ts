import assert from 'node:assert/strict';
import { strings, useTranslations } from '../../../src/webview/strings';

describe('jobs panel: webview strings', () => {
  after(() => useTranslations({}));

  it('speaks English without a bundle and the bundle\'s language with one, placeholders filled', () => {
    assert.equal(strings.retryFailed, 'Retry failed items');
    assert.equal(strings.processed('3', '10'), '3 of 10 processed');
    useTranslations({ 'Retry failed items': 'Fehlgeschlagene wiederholen', '{0} of {1} processed': '{0} von {1} verarbeitet' });
    assert.equal(strings.retryFailed, 'Fehlgeschlagene wiederholen');
    assert.equal(strings.processed('3', '10'), '3 von 10 verarbeitet');
    assert.equal(strings.exportResults, 'Export results', 'untranslated strings stay English');
  });

  it('counts an add or a remove as one kind, and a move, sync or undo by what each item did', () => {
    const counts = { total: 9, pending: 0, submitted: 0, succeeded: 7, failed: 2, cancelled: 0 };
    const format = (value: number) => value.toLocaleString('en-US');
    assert.equal(strings.succeeded({ kind: 'add', counts, succeededBy: { add: 7, remove: 0, makeDefault: 0 } }, format), '7 added');
    assert.equal(strings.succeeded({ kind: 'remove', counts, succeededBy: { add: 0, remove: 7, makeDefault: 0 } }, format), '7 removed');
    assert.equal(strings.succeeded({ kind: 'move', counts, succeededBy: { add: 4, remove: 3, makeDefault: 0 } }, format), '4 added, 3 removed');
    assert.equal(strings.succeeded({ kind: 'sync', counts, succeededBy: { add: 1200, remove: 3, makeDefault: 2 } }, format), '1,200 added, 3 removed, 2 made default');
    assert.equal(strings.succeeded({ kind: 'undo', counts: { ...counts, succeeded: 0 }, succeededBy: { add: 0, remove: 0, makeDefault: 0 } }, format), '0 changed');
    assert.deepEqual((['add', 'remove', 'makeDefault'] as const).map((change) => strings.outcome(change, 'succeeded')), ['Added', 'Removed', 'Made default']);
    assert.equal(strings.outcome('makeDefault', 'failed'), 'Failed');
  });
});
