// The jobs panel's markup as lit templates. Every value from the host goes through a text or
// attribute binding (never unsafeHTML/innerHTML), so names like `<img onerror=…>` stay text;
// names, titles and details also go through visibleLine, so bidi controls cannot reorder the panel.
// No inline styles either: the CSP allows only the extension's stylesheet.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { type ItemOutcome, type ItemRow, type OperationSummary, canCancel, canResume, canRetryFailed, canUndo } from '../jobs/panelProtocol';
import { visibleLine } from '../outsideText';
import { formatClock, formatDuration } from './format';
import { itemPage } from './itemPages';
import { strings } from './strings';
import { queueView } from './queueView';
import type { AccountQueue } from '../jobs/panelProtocol';

/** An expanded operation's rows as received, already ordered failures first. */
export interface ItemsView {
  ordered: ItemRow[];
  failed: number;
}

export interface ViewModel {
  operations: OperationSummary[];
  /** Zendesk's job queue per account (empty until the host has read it). */
  queues: AccountQueue[];
  items: ReadonlyMap<string, ItemsView>;
  expanded: ReadonlySet<string>;
  pages: ReadonlyMap<string, number>;
  now: number;
  formatNumber(value: number): string;
  /** A DOM id for an operation id (which may contain any character). */
  domId(operationId: string): string;
}

export interface ViewActions {
  toggle(operationId: string): void;
  showPage(operationId: string, page: number): void;
  retryFailed(operationId: string): void;
  exportResults(operationId: string): void;
  undo(operationId: string): void;
  cancel(operationId: string): void;
  resume(operationId: string): void;
}

export function appView(model: ViewModel, actions: ViewActions): TemplateResult {
  const queue = queueView(model.queues, model.formatNumber);
  if (model.operations.length === 0) {
    return html`${queue}<div class="empty">
      <h2>${strings.emptyTitle}</h2>
      <p class="hint">${strings.emptyHint}</p>
    </div>`;
  }
  return html`${queue}<ul class="operations" aria-label=${strings.operationsLabel}>
    ${repeat(model.operations, (operation) => operation.id, (operation) => operationView(operation, model, actions))}
  </ul>`;
}

function operationView(operation: OperationSummary, model: ViewModel, actions: ViewActions): TemplateResult {
  const { counts } = operation;
  const number = model.formatNumber;
  const expanded = model.expanded.has(operation.id);
  const detailsId = `${model.domId(operation.id)}-items`;
  const running = operation.state === 'running';
  const duration = formatDuration((operation.finishedAt ?? model.now) - operation.createdAt);
  // Items with a result count even before Zendesk's job progress reaches them; cancelled ones
  // never get processed, so a cancelled operation's bar stays short of the end.
  const done = Math.min(counts.total, Math.max(operation.processed, counts.succeeded + counts.failed));
  const pending = counts.pending + counts.submitted;
  return html`<li class="operation" data-operation-id=${operation.id}>
    <div class="operation-header">
      <button class="toggle" type="button" aria-expanded=${expanded ? 'true' : 'false'} aria-controls=${detailsId}
        title=${expanded ? strings.hideItems : strings.showItems} @click=${() => actions.toggle(operation.id)}>
        <span class="chevron" aria-hidden="true"></span>
        <span class="title">${visibleLine(operation.title)}</span>
      </button>
      <vscode-badge class=${`status ${statusClass(operation)}`}>${strings.status(operation)}</vscode-badge>
    </div>
    <div class="meta">
      <span class="origin">${operation.origin}</span>
      <span class="duration" title=${new Date(operation.createdAt).toLocaleString()}>${strings.duration(duration, running)}</span>
    </div>
    <vscode-progress-bar class="progress" .value=${done} .max=${Math.max(1, counts.total)} aria-label=${strings.progressLabel(visibleLine(operation.title))}></vscode-progress-bar>
    <ul class="counts">
      <li class="count succeeded"><span class="mark" aria-hidden="true">✓</span>${strings.succeeded(operation, number)}</li>
      <li class=${counts.failed > 0 ? 'count failed' : 'count failed none'}><span class="mark" aria-hidden="true">✗</span>${strings.failed(number(counts.failed))}</li>
      ${pending > 0 ? html`<li class="count pending">${strings.pending(number(pending))}</li>` : nothing}
      ${counts.cancelled > 0 ? html`<li class="count cancelled">${strings.cancelled(number(counts.cancelled))}</li>` : nothing}
      <li class="count processed">${strings.processed(number(done), number(counts.total))}</li>
    </ul>
    ${actionsView(operation, actions)}
    ${expanded ? html`<div class="details" id=${detailsId}>${itemsView(operation, model, actions)}</div>` : nothing}
  </li>`;
}

function actionsView(operation: OperationSummary, actions: ViewActions): TemplateResult {
  const cancellable = canCancel(operation);
  return html`<div class="actions">
    ${canRetryFailed(operation) ? html`<vscode-button @click=${() => actions.retryFailed(operation.id)}>${strings.retryFailed}</vscode-button>` : nothing}
    <vscode-button secondary @click=${() => actions.exportResults(operation.id)}>${strings.exportResults}</vscode-button>
    ${canUndo(operation) ? html`<vscode-button secondary @click=${() => actions.undo(operation.id)}>${strings.undo}</vscode-button>` : nothing}
    ${cancellable ? html`<vscode-button secondary @click=${() => actions.cancel(operation.id)}>${strings.cancelPending}</vscode-button>` : nothing}
    ${cancellable ? html`<span class="note">${strings.cancelNote}</span>` : nothing}
    ${operation.retriedBy ? html`<span class="note">${strings.retried}</span>` : nothing}
    ${operation.waitingForSignIn ? html`<span class="note">${strings.waitingForSignIn}</span>` : nothing}
    ${operation.paused && canResume(operation)
      ? html`<span class="note paused">${strings.paused(operation.paused.reason, formatClock(operation.paused.since))}</span>
        <vscode-button @click=${() => actions.resume(operation.id)}>${strings.resume}</vscode-button>`
      : nothing}
  </div>`;
}

function itemsView(operation: OperationSummary, model: ViewModel, actions: ViewActions): TemplateResult {
  const items = model.items.get(operation.id);
  if (!items) {
    return html`<p class="hint">${strings.loadingItems}</p>`;
  }
  if (items.ordered.length === 0) {
    return html`<p class="hint">${strings.noItems}</p>`;
  }
  const number = model.formatNumber;
  const page = itemPage(items.ordered, model.pages.get(operation.id) ?? 0);
  return html`<div class="table-wrap">
      <table class="items">
        <caption>${strings.tableCaption(number(page.first), number(page.last), page.total, number(page.total), items.failed, number(items.failed))}</caption>
        <thead>
          <tr>
            <th scope="col">${strings.columnUser}</th>
            <th scope="col">${strings.columnOrganization}</th>
            <th scope="col">${strings.columnOutcome}</th>
            <th scope="col">${strings.columnDetail}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(page.rows, (row) => row.index, (row) => rowView(row))}
        </tbody>
      </table>
    </div>
    ${page.pageCount > 1
      ? html`<nav class="pager" aria-label=${strings.pageOf(number(page.page + 1), number(page.pageCount))}>
          <vscode-button secondary ?disabled=${page.page === 0} @click=${() => actions.showPage(operation.id, page.page - 1)}>${strings.previousPage}</vscode-button>
          <span class="page-number">${strings.pageOf(number(page.page + 1), number(page.pageCount))}</span>
          <vscode-button secondary ?disabled=${page.page >= page.pageCount - 1} @click=${() => actions.showPage(operation.id, page.page + 1)}>${strings.nextPage}</vscode-button>
        </nav>`
      : nothing}`;
}

function rowView(row: ItemRow): TemplateResult {
  return html`<tr class=${`outcome-${row.outcome}`}>
    <td>${visibleLine(row.user)}</td>
    <td>${visibleLine(row.organization)}</td>
    <td class="outcome"><span class="mark" aria-hidden="true">${OUTCOME_MARKS[row.outcome]}</span>${strings.outcome(row.change, row.outcome)}</td>
    <td class="detail">${visibleLine(row.detail)}</td>
  </tr>`;
}

const OUTCOME_MARKS: Record<ItemOutcome, string> = { succeeded: '✓', failed: '✗', pending: '○', submitted: '◔', cancelled: '–' };

function statusClass(operation: OperationSummary): string {
  if (operation.state === 'running') {
    return 'status-running';
  }
  if (operation.counts.failed > 0) {
    return 'status-failed';
  }
  return operation.state === 'cancelled' ? 'status-cancelled' : 'status-completed';
}
