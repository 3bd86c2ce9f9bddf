// Job statuses: show (404 when unknown), show_many (≤100 ids; unknown ids are simply absent) and
// the cursor-only list, sorted by completion date then creation date, newest first. No job_type:
// none of the recorded job statuses had one (API-NOTES §13).
import type { App } from '../app';
import { parseIdList } from '../body';
import { forbidden, MAX_VALUES, parameterMissing, recordNotFound, tooManyValues } from '../errors';
import { ok, type ApiContext, type ApiResponse } from '../http';
import type { Job } from '../jobs';
import { arraySource, paginate } from '../paging';
import { isStaff } from '../permissions';
import type { Route } from '../router';

export function jobJson(job: Job, origin: string): Record<string, unknown> {
  return {
    id: job.id,
    url: `${origin}/api/v2/job_statuses/${job.id}.json`,
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
    // The 100-id cap is peer-reported (API-NOTES §1.4); the body is the recorded TooManyValues (§13).
    if (ids.length > MAX_VALUES) return tooManyValues();
    // unverified: the order. Jobs have no name to sort by (organizations and users come back in
    // name order, §13); the sandbox answers in id order, which is never the order asked for
    // except by chance, so a client cannot come to rely on it.
    const jobs = [...new Set(ids)].flatMap((id) => app.jobs.get(id) ?? []).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return ok({ job_statuses: jobs.map((job) => jobJson(job, ctx.origin)) });
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
