// Job statuses: show (404 when unknown), show_many (≤100 ids; unknown ids are simply absent) and
// the cursor-only list, sorted by completion date then creation date, newest first.
import type { App } from '../app';
import { parseIdList } from '../body';
import { classicError, forbidden, parameterMissing, recordNotFound } from '../errors';
import { ok, type ApiContext, type ApiResponse } from '../http';
import type { Job } from '../jobs';
import { arraySource, paginate } from '../paging';
import { isStaff } from '../permissions';
import type { Route } from '../router';

const MAX_IDS = 100;

export function jobJson(job: Job, origin: string): Record<string, unknown> {
  return {
    id: job.id,
    url: `${origin}/api/v2/job_statuses/${job.id}.json`,
    job_type: job.jobType,
    status: job.status,
    progress: job.progress,
    total: job.total,
    message: job.message,
    results: job.results,
  };
}

/**
 * Ascending key = descending (completion, creation). unverified: unfinished jobs (no completion
 * date) sort after finished ones, as NULLs do in a MySQL DESC order.
 */
const jobKey = (job: Job): number[] =>
  [job.completedMs === null ? 1 : 0, -(job.completedMs ?? 0), -job.createdMs, -job.seq];

export function jobStatusRoutes(app: App): Route[] {
  const list = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    const jobs = app.jobs.all().sort((a, b) => {
      const ka = jobKey(a);
      const kb = jobKey(b);
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
      return 0;
    });
    const page = paginate(ctx, arraySource(jobs, jobKey), { tag: 'jobs', shape: 'nnnn', mode: 'cursor' });
    if (!page.ok) return page.response;
    return ok({ job_statuses: page.items.map((j) => jobJson(j, ctx.origin)), ...page.fields });
  };

  const showMany = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    const ids = parseIdList(ctx.query.get('ids'));
    if (!ids) return parameterMissing('ids');
    // The 100-id cap is peer-reported (API-NOTES §1.4). unverified: the error body.
    if (ids.length > MAX_IDS) return classicError(400, 'InvalidValue', `Too many ids: ${ids.length} given, at most ${MAX_IDS} are allowed`);
    const jobs = [...new Set(ids)].flatMap((id) => {
      const job = app.jobs.get(id);
      return job ? [jobJson(job, ctx.origin)] : [];
    });
    return ok({ job_statuses: jobs });
  };

  const show = (ctx: ApiContext): ApiResponse => {
    if (!isStaff(ctx.actor)) return forbidden();
    const job = app.jobs.get(ctx.params.jobId);
    return job ? ok({ job_status: jobJson(job, ctx.origin) }) : recordNotFound();
  };

  return [
    { method: 'GET', pattern: '/api/v2/job_statuses', handler: list },
    { method: 'GET', pattern: '/api/v2/job_statuses/show_many', handler: showMany },
    { method: 'GET', pattern: '/api/v2/job_statuses/:jobId', handler: show },
  ];
}
