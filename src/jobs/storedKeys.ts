// Where bulk operations are kept in globalState, and the one question activation asks of them
// (without loading the job engine): is any operation still running?

/** The index of operations (src/jobs/fileOperationStore.ts). */
export const INDEX_KEY = 'zendesk.bulkOperationIndex';
/** Where versions up to 0.1.0 kept whole operations (src/jobs/globalStateStore.ts); moved to the index on first load. */
export const LEGACY_INDEX_KEY = 'zendesk.bulkOperations';

interface StateReader {
  get<T>(key: string, defaultValue: T): T;
}

/** Whether the job engine has work to resume (a running, paused or waiting operation): the index is read, nothing else. */
export function hasRunningOperations(state: StateReader): boolean {
  const running = (key: string): boolean => {
    const stored = state.get<unknown>(key, []);
    return Array.isArray(stored) && stored.some((entry) => (entry as { state?: unknown } | null)?.state === 'running');
  };
  return running(INDEX_KEY) || running(LEGACY_INDEX_KEY);
}
