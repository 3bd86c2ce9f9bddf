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
});
