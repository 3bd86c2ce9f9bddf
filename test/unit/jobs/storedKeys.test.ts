import assert from 'node:assert/strict';
import { INDEX_KEY, LEGACY_INDEX_KEY, hasRunningOperations } from '../../../src/jobs/storedKeys';
import { MemoryMemento } from '../memoryMemento';

describe('hasRunningOperations', () => {
  const stateWith = (key: string, value: unknown): MemoryMemento => {
    const state = new MemoryMemento();
    void state.update(key, value);
    return state;
  };

  it('is true only when the index or 0.1.0\'s list holds a running operation', () => {
    assert.equal(hasRunningOperations(new MemoryMemento()), false);
    assert.equal(hasRunningOperations(stateWith(INDEX_KEY, [{ id: 'a', state: 'finished' }, { id: 'b', state: 'cancelled' }])), false);
    assert.equal(hasRunningOperations(stateWith(INDEX_KEY, [{ id: 'a', state: 'finished' }, { id: 'b', state: 'running' }])), true);
    assert.equal(hasRunningOperations(stateWith(LEGACY_INDEX_KEY, [{ id: 'old', state: 'running' }])), true);
  });

  it('reads damaged values as no operations', () => {
    assert.equal(hasRunningOperations(stateWith(INDEX_KEY, { state: 'running' })), false);
    assert.equal(hasRunningOperations(stateWith(INDEX_KEY, [null, 3, 'running'])), false);
  });
});
