// The Zendesk Jobs webview: renders what the host posts, tells it which operations are expanded,
// and forwards button presses. It never fetches anything itself.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import { render } from 'lit';
import { type AccountQueue, type OperationSummary, type WebviewMessage, parseHostMessage } from '../jobs/panelProtocol';
import { createNumberFormat } from './format';
import { failuresFirst } from './itemPages';
import { readPersistedState, type PersistedState } from './persistedState';
import { useTranslations } from './strings';
import { appView, type ItemsView, type ViewActions, type ViewModel } from './view';
import { vscode } from './vscodeApi';

const app = document.getElementById('app') ?? document.body;
const restored = readPersistedState(vscode.getState());

let operations: OperationSummary[] = [];
let queues: AccountQueue[] = [];
/** Until the first list arrives, restored ids may still name operations the host knows. */
let received = false;
const expanded = new Set<string>(restored.expanded);
const pages = new Map<string, number>(Object.entries(restored.pages));
const items = new Map<string, ItemsView>();
const domIds = new Map<string, string>();
let focusAfterRender: string | undefined;

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function persist(): void {
  const state: PersistedState = { expanded: [...expanded], pages: Object.fromEntries(pages) };
  vscode.setState(state);
}

const actions: ViewActions = {
  toggle(operationId) {
    if (expanded.has(operationId)) {
      expanded.delete(operationId);
      items.delete(operationId); // rows are large; the host re-sends them on the next expand
      post({ type: 'collapse', operationId });
    } else {
      expanded.add(operationId);
      post({ type: 'expand', operationId });
    }
    persist();
    scheduleRender();
  },
  showPage(operationId, page) {
    pages.set(operationId, Math.max(0, page));
    persist();
    scheduleRender();
  },
  retryFailed: (operationId) => post({ type: 'retryFailed', operationId }),
  exportResults: (operationId) => post({ type: 'export', operationId }),
  undo: (operationId) => post({ type: 'undo', operationId }),
  cancel: (operationId) => post({ type: 'cancel', operationId }),
  resume: (operationId) => post({ type: 'resume', operationId }),
};

const model: ViewModel = {
  get operations() { return operations; },
  get queues() { return queues; },
  items,
  expanded,
  pages,
  now: Date.now(),
  formatNumber: createNumberFormat(document.documentElement.lang),
  domId(operationId) {
    let id = domIds.get(operationId);
    if (id === undefined) {
      id = `operation-${domIds.size + 1}`;
      domIds.set(operationId, id);
    }
    return id;
  },
};

// Renders at most once per frame however many messages arrive in between.
let renderQueued = false;
function scheduleRender(): void {
  if (!renderQueued) {
    renderQueued = true;
    requestAnimationFrame(renderNow);
  }
}

function renderNow(): void {
  renderQueued = false;
  if (!received) {
    return; // keep "Loading…" rather than flash the empty state before the list arrives
  }
  model.now = Date.now();
  render(appView(model, actions), app);
  if (focusAfterRender !== undefined) {
    const operationId = focusAfterRender;
    focusAfterRender = undefined;
    const element = [...app.querySelectorAll<HTMLElement>('.operation')].find((candidate) => candidate.dataset.operationId === operationId);
    element?.scrollIntoView({ block: 'nearest' });
    element?.querySelector<HTMLElement>('.toggle')?.focus();
  }
  updateTicker();
}

// Durations of running operations tick locally; the host posts only when something changed.
let ticker: ReturnType<typeof setInterval> | undefined;
function updateTicker(): void {
  const anyRunning = operations.some((operation) => operation.state === 'running');
  if (anyRunning && ticker === undefined) {
    ticker = setInterval(scheduleRender, 1000);
  } else if (!anyRunning && ticker !== undefined) {
    clearInterval(ticker);
    ticker = undefined;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (!message) {
    return;
  }
  switch (message.type) {
    case 'l10n':
      useTranslations(message.bundle);
      break;
    case 'operations': {
      operations = message.operations;
      if (!received) {
        received = true;
        app.querySelector('.loading')?.remove(); // only that: lit keeps its own markers in `app`
        app.removeAttribute('aria-busy');
      }
      forgetVanished();
      break;
    }
    case 'items':
      if (expanded.has(message.operationId)) {
        const ordered = failuresFirst(message.rows);
        items.set(message.operationId, { ordered, failed: ordered.filter((row) => row.outcome === 'failed').length });
      }
      break;
    case 'queue':
      queues = message.queues;
      break;
    case 'focus':
      if (!expanded.has(message.operationId)) {
        actions.toggle(message.operationId);
      }
      focusAfterRender = message.operationId;
      break;
  }
  scheduleRender();
});

/** Operations the host no longer lists lose their expanded state, rows and page. */
function forgetVanished(): void {
  const known = new Set(operations.map((operation) => operation.id));
  let changed = false;
  for (const id of [...expanded, ...pages.keys()]) {
    if (!known.has(id)) {
      changed = expanded.delete(id) || changed;
      changed = pages.delete(id) || changed;
      items.delete(id);
    }
  }
  if (changed) {
    persist();
  }
}

// The handshake: only now does the host start posting; then restore what was expanded.
post({ type: 'ready' });
for (const operationId of expanded) {
  post({ type: 'expand', operationId });
}
