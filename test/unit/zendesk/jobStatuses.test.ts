import assert from 'node:assert/strict';
import { interpretJobResult } from '../../../src/zendesk/jobStatuses';
import type { JobResult } from '../../../src/zendesk/types';

describe('interpretJobResult', () => {
  it('reads the documented success and failure shapes', () => {
    assert.deepEqual(interpretJobResult({ action: 'create', id: 380, index: 0, status: 'Created', success: true }),
      { success: true, id: 380, index: 0, action: 'create', status: 'Created', error: undefined });
    const failed = interpretJobResult({ action: 'create', index: 2, success: false, error: 'DuplicateValue', details: 'User 1 is already a member of organization 2' });
    assert.equal(failed.success, false);
    assert.equal(failed.index, 2);
    assert.equal(failed.error, 'DuplicateValue: User 1 is already a member of organization 2');
  });

  it('tolerates thin entries that report success', () => {
    assert.equal(interpretJobResult({ id: 5, status: 'Created' }).success, true);
    assert.equal(interpretJobResult({ id: 5, index: 1 }).success, true);
    assert.equal(interpretJobResult({ id: 5, status: 'Deleted', error: '', errors: [], details: {} }).success, true, 'empty error fields say nothing');
    const plural = interpretJobResult({ id: 6, errors: 'User is suspended' });
    assert.equal(plural.success, false);
    assert.equal(plural.error, 'User is suspended');
  });

  it('never counts a failure of any shape as a success, and says what failed', () => {
    const cases: Array<[JobResult, RegExp]> = [
      [{ id: 7, status: 'Failed' }, /^Failed$/],
      [{ id: 7, status: 'Error', success: true }, /^Error$/],
      [{ id: 8, errors: ['User is suspended', 'Organization is closed'] }, /User is suspended Organization is closed/],
      [{ id: 9, error: { title: 'Forbidden', message: 'You cannot change this user' } }, /Forbidden You cannot change this user/],
      [{ id: 10, details: { base: [{ description: 'Organization cannot be blank', error: 'BlankValue' }] } }, /Organization cannot be blank/],
      [{ id: 11, success: true, details: { nested: true } }, /\{"nested":true\}/],
      [{ id: 12, error: 500 }, /^500$/],
    ];
    for (const [entry, error] of cases) {
      const outcome = interpretJobResult(entry);
      assert.equal(outcome.success, false, JSON.stringify(entry));
      assert.match(outcome.error ?? '', error, JSON.stringify(entry));
    }
  });

  it('reads an entry that is not an object as "no result reported", not as a success', () => {
    for (const entry of [null, undefined, 'Created', 42, ['Created']]) {
      const outcome = interpretJobResult(entry as unknown as JobResult);
      assert.equal(outcome.success, false, JSON.stringify(entry));
      assert.match(outcome.error ?? '', /no result/, JSON.stringify(entry));
    }
  });
});
