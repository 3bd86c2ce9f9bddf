import assert from 'node:assert/strict';
import { readPersistedState } from '../../../src/webview/persistedState';

describe('jobs panel: persisted webview state', () => {
  it('reads back what it wrote and tolerates anything else', () => {
    assert.deepEqual(readPersistedState({ expanded: ['a', 'b'], pages: { a: 2 } }), { expanded: ['a', 'b'], pages: { a: 2 } });
    assert.deepEqual(readPersistedState(undefined), { expanded: [], pages: {} });
    assert.deepEqual(readPersistedState({ expanded: 'a', pages: [] }), { expanded: [], pages: {} });
    assert.deepEqual(readPersistedState({ expanded: ['a', 3, ''], pages: { a: -1, b: 1.5, c: '2', d: 4 } }), { expanded: ['a'], pages: { d: 4 } });
  });
});
