import assert from 'node:assert/strict';
import { interpretJobResult } from '../../src/zendesk/jobStatuses';

describe('interpretJobResult', () => {
  it('reads the documented success and failure shapes', () => {
    assert.deepEqual(interpretJobResult({ action: 'create', id: 380, index: 0, status: 'Created', success: true }),
      { success: true, id: 380, index: 0, action: 'create', status: 'Created', error: undefined });
    const failed = interpretJobResult({ action: 'create', index: 2, success: false, error: 'DuplicateValue', details: 'User 1 is already a member of organization 2' });
    assert.equal(failed.success, false);
    assert.equal(failed.index, 2);
    assert.equal(failed.error, 'DuplicateValue: User 1 is already a member of organization 2');
  });

  it('tolerates thin and unusual entries', () => {
    assert.equal(interpretJobResult({ id: 5, status: 'Created' }).success, true);
    assert.equal(interpretJobResult({ id: 5, index: 1 }).success, true);
    const plural = interpretJobResult({ id: 6, errors: 'User is suspended' });
    assert.equal(plural.success, false);
    assert.equal(plural.error, 'User is suspended');
    assert.equal(interpretJobResult({ id: 7, status: 'Failed' }).success, false);
    assert.equal(interpretJobResult(null).success, true);
    assert.equal(interpretJobResult({ details: { nested: true } }).success, true);
  });
});
