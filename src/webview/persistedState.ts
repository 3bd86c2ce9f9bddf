// What survives a reload of the webview (setState/getState): which operations are expanded and
// which page of their table is shown. Read back defensively: it may come from an older version.
export interface PersistedState {
  expanded: string[];
  pages: Record<string, number>;
}

const MAX_REMEMBERED = 200;

export function readPersistedState(value: unknown): PersistedState {
  const state: PersistedState = { expanded: [], pages: {} };
  if (typeof value !== 'object' || value === null) {
    return state;
  }
  const { expanded, pages } = value as Partial<Record<keyof PersistedState, unknown>>;
  if (Array.isArray(expanded)) {
    state.expanded = expanded.filter((id): id is string => typeof id === 'string' && id.length > 0).slice(0, MAX_REMEMBERED);
  }
  if (typeof pages === 'object' && pages !== null) {
    for (const [id, page] of Object.entries(pages).slice(0, MAX_REMEMBERED)) {
      if (Number.isInteger(page) && (page as number) >= 0) {
        state.pages[id] = page as number;
      }
    }
  }
  return state;
}
