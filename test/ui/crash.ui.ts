// A hard crash, for real: the extension host PROCESS is killed (SIGKILL: no deactivate, no last
// save) while a bulk add's first job is being submitted — Zendesk has queued it, its answer has not
// arrived — and again in the middle of a bulk remove. VS Code restarts the host (the user clicks
// Restart if it asks); the operations resume, find the job the lost answer named, and end with every
// item accounted for, checked against the sandbox's data: every membership made (or removed) once,
// one job per chunk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { answerFileDialog } from './fileDialog';
import { jobsPanel, newMembersCsv, operationCard, sandboxControl, signInWithApiToken } from './bulk';
import { extensionHostPid } from './processes';
import {
  confirmDialog, poll, readNotifications, pickQuickItem, runCommand, type UiContext,
} from './workbench';

export const name = 'killing the extension host mid-operation: bulk add and bulk remove resume and account for every item';
export const timeoutMs = 300_000;

const MEMBERS = 150;
const ORGANIZATION = 'Crash Proof Ltd';

async function sandboxState(ctx: UiContext): Promise<{ memberships: number; active_jobs: number }> {
  return await fetch(`${ctx.sandbox.url}/__sandbox/state`).then((response) => response.json()) as { memberships: number; active_jobs: number };
}

/** GET on the sandbox's API as its admin. */
async function api<T>(ctx: UiContext, route: string): Promise<T> {
  const authorization = `Basic ${Buffer.from(`${ctx.sandbox.email}/token:${ctx.sandbox.token}`).toString('base64')}`;
  const response = await fetch(`${ctx.sandbox.url}${route}`, { headers: { Authorization: authorization } });
  assert.ok(response.ok, `${route}: HTTP ${response.status}`);
  return await response.json() as T;
}

/** Every job Zendesk knows, by id (the job list, all pages). */
async function jobIds(ctx: UiContext): Promise<Set<string>> {
  const ids = new Set<string>();
  let route: string | undefined = '/api/v2/job_statuses?page[size]=100';
  while (route) {
    const page: { job_statuses: Array<{ id: string }>; meta: { has_more: boolean; after_cursor: string | null } } = await api(ctx, route);
    page.job_statuses.forEach((job) => ids.add(job.id));
    route = page.meta.has_more && page.meta.after_cursor ? `/api/v2/job_statuses?page[size]=100&page[after]=${encodeURIComponent(page.meta.after_cursor)}` : undefined;
  }
  return ids;
}

/** Times the extension (not this test) read the account's job list: how it finds a job whose answer was lost. */
async function jobSearchesByTheExtension(ctx: UiContext): Promise<number> {
  const { requests } = await fetch(`${ctx.sandbox.url}/__sandbox/requests`).then((response) => response.json()) as { requests: Array<{ path: string; headers: Record<string, string> }> };
  return requests.filter((request) => request.path === '/api/v2/job_statuses' && /^zendesk-memberships-vscode\//.test(request.headers['user-agent'] ?? '')).length;
}

/**
 * Kills the extension host once Zendesk has queued the job whose answer is held back, then waits
 * for VS Code to run a new one — clicking "Restart" if VS Code asks instead of restarting itself.
 */
async function crashWhileSubmitting(ctx: UiContext, jobsBefore: number): Promise<void> {
  const { page } = ctx;
  const host = await poll(async () => extensionHostPid(ctx.codeServerPid), 'the extension host process', 30_000);
  await poll(async () => ((await sandboxState(ctx)).active_jobs > jobsBefore ? true : undefined), 'Zendesk to queue the first job (its answer is held back)', 60_000);
  process.kill(host, 'SIGKILL');
  const restarted = await poll(async () => {
    const next = extensionHostPid(ctx.codeServerPid);
    if (next !== undefined && next !== host) return next;
    const restart = (await readNotifications(page)).find((notification) => /terminated unexpectedly/i.test(notification.message) && notification.buttons.some((button) => /Restart/.test(button)));
    if (restart) {
      await page.locator('.notifications-toasts a.monaco-button, .notifications-center a.monaco-button', { hasText: /Restart/ }).first().click();
    }
    return undefined;
  }, 'VS Code to run a new extension host', 90_000);
  console.log(`    killed extension host ${host} while Zendesk's answer was held back; VS Code started ${restarted}`);
}

/** After the restart: the operation runs to the end; its card in the Jobs panel says so. */
async function followToTheEnd(ctx: UiContext, title: RegExp, verb: 'added' | 'removed'): Promise<void> {
  const { page } = ctx;
  await sandboxControl(ctx, 'jobs/pace', { ms_per_item: 5 });
  await runCommand(page, 'Zendesk: Show Jobs');
  const card = await operationCard(jobsPanel(ctx), title);
  await poll(async () => (/^Completed$/.test((await card.locator('vscode-badge').innerText()).trim()) ? true : undefined), 'the resumed operation to complete', 120_000);
  assert.match(await card.locator('.count.succeeded').innerText(), new RegExp(`${MEMBERS} ${verb}`));
  assert.match(await card.locator('.count.failed').innerText(), /^✗?\s*0 failed$/);
}

export async function run(ctx: UiContext): Promise<void> {
  const { page, screenshot } = ctx;
  const addCsv = await newMembersCsv(ctx, ORGANIZATION, MEMBERS, 'crash.member', 'crash-members.csv');
  const before = await sandboxState(ctx);
  const jobsBefore = await jobIds(ctx);
  await signInWithApiToken(ctx);

  // ── a bulk add, killed while Zendesk's answer to its first create_many is on the way ──
  await sandboxControl(ctx, 'jobs/pace', { ms_per_item: 200 });
  await sandboxControl(ctx, 'faults', { path: '/api/v2/organization_memberships/create_many', kind: 'delay', delayMs: 8_000, afterHandler: true, times: 1 });
  await runCommand(page, 'Zendesk: Add Members in Bulk…');
  await pickQuickItem(page, /Import a CSV or JSON file/);
  await answerFileDialog(page, addCsv); // code-server's simple file dialog takes a path
  await confirmDialog(page, `Add ${MEMBERS} Members`);
  const searchesBefore = await jobSearchesByTheExtension(ctx);
  await crashWhileSubmitting(ctx, before.active_jobs);
  await screenshot('1-add-after-restart');
  await followToTheEnd(ctx, new RegExp(`^Add ${MEMBERS} members \\(crash-members\\.csv\\)$`), 'added');
  assert.ok(await jobSearchesByTheExtension(ctx) > searchesBefore, 'the resumed extension looked for the job whose answer the crash lost');
  const added = await sandboxState(ctx);
  assert.equal(added.memberships - before.memberships, MEMBERS, 'every member added, none twice');
  const addJobs = [...await jobIds(ctx)].filter((id) => !jobsBefore.has(id));
  assert.equal(addJobs.length, 2, `one job per chunk of 100, none sent again after the crash (${addJobs.length})`);
  await screenshot('2-add-completed');

  // ── a bulk remove of the same memberships, killed the same way ──
  const organizations = await api<{ organizations: Array<{ id: number; name: string }> }>(ctx, `/api/v2/organizations/search?name=${encodeURIComponent(ORGANIZATION)}`);
  const organizationId = organizations.organizations[0].id;
  const memberships = await api<{ organization_memberships: Array<{ id: number }> }>(ctx, `/api/v2/organizations/${organizationId}/organization_memberships?page[size]=100`);
  const more = await api<{ organization_memberships: Array<{ id: number }> }>(ctx, `/api/v2/organizations/${organizationId}/organization_memberships?per_page=100&page=2`);
  const ids = [...memberships.organization_memberships, ...more.organization_memberships].map((membership) => membership.id);
  assert.equal(new Set(ids).size, MEMBERS);
  const removeCsv = path.join(ctx.workspace, 'crash-removals.csv');
  fs.writeFileSync(removeCsv, ['membership_id', ...ids].join('\n'));
  const jobsBeforeRemoval = await jobIds(ctx);
  // Read before the confirmation: read after it, the first job may already be counted, and the
  // kill would wait for the second one — after the held answer had arrived.
  const activeBeforeRemoval = (await sandboxState(ctx)).active_jobs;
  await sandboxControl(ctx, 'jobs/pace', { ms_per_item: 200 });
  await sandboxControl(ctx, 'faults', { path: '/api/v2/organization_memberships/destroy_many', kind: 'delay', delayMs: 8_000, afterHandler: true, times: 1 });
  await runCommand(page, 'Zendesk: Remove Memberships in Bulk…');
  await answerFileDialog(page, removeCsv); // code-server's simple file dialog takes a path
  await confirmDialog(page, `Remove ${MEMBERS} Memberships`);
  const searchesBeforeRemoval = await jobSearchesByTheExtension(ctx);
  await crashWhileSubmitting(ctx, activeBeforeRemoval);
  await screenshot('3-remove-after-restart');
  await followToTheEnd(ctx, new RegExp(`^Remove ${MEMBERS} memberships`), 'removed');
  const removed = await sandboxState(ctx);
  assert.equal(removed.memberships, before.memberships, 'every membership removed');
  assert.ok(await jobSearchesByTheExtension(ctx) > searchesBeforeRemoval, 'and again for the removal');
  const removeJobs = [...await jobIds(ctx)].filter((id) => !jobsBeforeRemoval.has(id));
  assert.equal(removeJobs.length, 2, `one job per chunk, none sent again (${removeJobs.length})`);
  await screenshot('4-remove-completed');
}
