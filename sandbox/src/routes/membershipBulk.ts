// create_many and destroy_many: validate the batch (1-100 items), then queue a job and answer
// 200 {job_status} straight away — or 429 TooManyJobs when too many jobs are queued or running.
import type { App } from '../app';
import { isPlainObject, parseIdList, parseJsonBody } from '../body';
import { classicError, forbidden, MAX_VALUES, parameterMissing, tooManyValues } from '../errors';
import { ok, type ApiContext, type ApiResponse } from '../http';
import type { BulkItem } from '../jobItems';
import { isStaff } from '../permissions';
import type { Route } from '../router';
import { jobJson } from './jobStatuses';

// Internal names (job statuses carry no job_type, API-NOTES §13). unverified: the working
// messages for membership jobs; recorded organization jobs say "Creating organization #31".
const CREATE_JOB = { type: 'create_many organization memberships', progressText: (n: number) => `Creating organization membership #${n}` };
const DELETE_JOB = { type: 'destroy_many organization memberships', progressText: (n: number) => `Deleting organization membership #${n}` };

export function membershipBulkRoutes(app: App): Route[] {
  const submit = (ctx: ApiContext, kind: typeof CREATE_JOB, items: BulkItem[]): ApiResponse => {
    const job = app.jobs.submit(kind.type, items, kind.progressText);
    // unverified: status 429 and this body; the notes say only that the error says "TooManyJobs".
    // Deliberately no Retry-After: the client has to wait for its own jobs to finish.
    if (!job) {
      return classicError(429, 'TooManyJobs', 'Number of allowed background jobs (queued or running) has been exceeded. Wait for some jobs to complete before submitting more.');
    }
    return ok({ job_status: jobJson(job, ctx.origin) });
  };

  const createMany = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    const body = parseJsonBody(ctx);
    if (!body.ok) return body.response;
    const list = isPlainObject(body.value) ? body.value.organization_memberships : undefined;
    if (!Array.isArray(list) || list.length === 0) return parameterMissing('organization_memberships');
    if (list.length > MAX_VALUES) return tooManyValues();
    const items: BulkItem[] = list.map((entry) => {
      const fields = isPlainObject(entry) ? entry : {};
      return { action: 'create', actor: ctx.actor, userId: fields.user_id, orgId: fields.organization_id, makeDefault: fields.default === true };
    });
    return submit(ctx, CREATE_JOB, items);
  };

  const destroyMany = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    const raw = ctx.query.get('ids');
    const ids = parseIdList(raw);
    if (raw === null || raw.trim() === '') return parameterMissing('ids');
    // unverified: a non-numeric id is rejected up front rather than failing per item.
    if (!ids || !ids.every((id) => /^\d{1,16}$/.test(id))) {
      return classicError(400, 'InvalidValue', 'ids must be a comma-separated list of integer ids');
    }
    if (ids.length > MAX_VALUES) return tooManyValues();
    return submit(ctx, DELETE_JOB, ids.map((id) => ({ action: 'delete', actor: ctx.actor, id: Number(id) })));
  };

  return [
    { method: 'POST', pattern: '/api/v2/organization_memberships/create_many', handler: createMany },
    { method: 'DELETE', pattern: '/api/v2/organization_memberships/destroy_many', handler: destroyMany },
  ];
}
