// Zendesk's job queue above the operations: per account, how much of the 30-job limit is in use
// (ours and other integrations'), and the recent jobs. Every value is a text binding; Zendesk's
// messages and ids also go through visibleLine.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AccountQueue, QueueJob } from '../jobs/panelProtocol';
import { visibleLine } from '../outsideText';
import { strings } from './strings';

export function queueView(queues: readonly AccountQueue[], formatNumber: (value: number) => string): TemplateResult | typeof nothing {
  if (queues.length === 0) {
    return nothing;
  }
  return html`<section class="zendesk-queue" aria-label=${strings.queueTitle}>
    <h2>${strings.queueTitle}</h2>
    ${repeat(queues, (queue) => queue.origin, (queue) => accountQueue(queue, queues.length > 1, formatNumber))}
  </section>`;
}

function accountQueue(queue: AccountQueue, named: boolean, formatNumber: (value: number) => string): TemplateResult {
  const usage = queue.error === undefined
    ? strings.queueUsage(formatNumber(queue.active), formatNumber(queue.limit), formatNumber(queue.ours), formatNumber(queue.others), queue.complete)
    : strings.queueUnavailable(visibleLine(queue.error, 300));
  return html`<div class="account-queue">
    ${named ? html`<h3 class="origin">${queue.origin}</h3>` : nothing}
    <p class=${queue.active >= queue.limit ? 'usage full' : 'usage'}>${usage}
      <span class="checked">${strings.queueChecked(new Date(queue.checkedAt).toLocaleTimeString())}</span></p>
    ${queue.active >= queue.limit ? html`<p class="note">${strings.queueFull}</p>` : nothing}
    ${queue.jobs.length > 0 ? html`<table class="queue-jobs">
      <thead><tr>
        <th scope="col">${strings.columnJob}</th><th scope="col">${strings.columnStatus}</th>
        <th scope="col">${strings.columnProgress}</th><th scope="col">${strings.columnFrom}</th><th scope="col">${strings.columnMessage}</th>
      </tr></thead>
      <tbody>${repeat(queue.jobs, (job) => job.id, (job) => jobRow(job, formatNumber))}</tbody>
    </table>` : html`<p class="hint">${strings.queueEmpty}</p>`}
  </div>`;
}

function jobRow(job: QueueJob, formatNumber: (value: number) => string): TemplateResult {
  const progress = job.total === null ? '' : strings.jobProgress(formatNumber(job.progress ?? 0), formatNumber(job.total));
  return html`<tr class=${`job-${job.ours ? 'ours' : 'theirs'}`}>
    <td class="job-id" title=${visibleLine(job.id)}>${visibleLine(job.id, 14)}</td>
    <td>${strings.jobStatus(job.status)}</td>
    <td>${progress}</td>
    <td>${job.ours ? strings.jobOurs : strings.jobTheirs}</td>
    <td class="detail">${visibleLine(job.message, 120)}</td>
  </tr>`;
}
