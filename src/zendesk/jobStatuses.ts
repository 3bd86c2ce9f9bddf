import { ZendeskInputError } from './errors';
import type { ZendeskHttp } from './http';
import type { CallOptions } from './memberships';
import { MAX_PAGE_SIZE, PageOptions, PagedList, pagedList } from './paging';
import type { JobResult, JobStatus } from './types';

export function jobStatusOperations(http: ZendeskHttp) {
  return {
    async showJobStatus(id: string, options: CallOptions = {}): Promise<JobStatus> {
      const { body } = await http.request<{ job_status: JobStatus }>({
        method: 'GET', path: `/api/v2/job_statuses/${requireJobId(id, 'jobId')}`, signal: options.signal,
      });
      return body.job_status;
    },

    /** Up to 100 job statuses in one request; jobs Zendesk no longer knows are absent. */
    async showManyJobStatuses(ids: readonly string[], options: CallOptions = {}): Promise<JobStatus[]> {
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_PAGE_SIZE) {
        throw new ZendeskInputError('ids', `Show many job statuses takes 1 to ${MAX_PAGE_SIZE} ids per request (got ${ids?.length ?? 0}).`);
      }
      const checked = ids.map((id, index) => requireJobId(id, `ids[${index}]`));
      const { body } = await http.request<{ job_statuses: JobStatus[] }>({
        method: 'GET', path: '/api/v2/job_statuses/show_many', query: { ids: checked.join(',') }, signal: options.signal,
      });
      return body.job_statuses;
    },

    /** Recent jobs, newest first (cursor paging only). */
    listJobStatuses(options: PageOptions = {}): PagedList<JobStatus> {
      return pagedList<JobStatus>(http, { path: '/api/v2/job_statuses', itemsKey: 'job_statuses', paging: 'cursor' }, options);
    },
  };
}

function requireJobId(id: unknown, field: string): string {
  // Ids are opaque strings such as 8b726e606741012ffc2d782bcb7848fe or V3-25da…
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(id)) {
    throw new ZendeskInputError(field, `${field} must be a Zendesk job id (letters, digits, "-" or "_"), got ${JSON.stringify(id)}.`);
  }
  return id;
}

/** One job result read loosely: every field may be missing, `error` or `errors`, `success` or `status`. */
export interface JobItemOutcome {
  success: boolean;
  id?: number;
  index?: number;
  action?: string;
  status?: string;
  error?: string;
}

export function interpretJobResult(result: JobResult | null | undefined): JobItemOutcome {
  const entry = (result ?? {}) as JobResult;
  const errorText = [entry.error, entry.errors, typeof entry.details === 'string' ? entry.details : undefined]
    .filter((part): part is string => typeof part === 'string' && part !== '');
  const success = typeof entry.success === 'boolean'
    ? entry.success
    : errorText.length === 0 && (entry.status === undefined || /^(created|updated|deleted|ok|success|completed)$/i.test(String(entry.status)));
  return {
    success,
    id: typeof entry.id === 'number' ? entry.id : undefined,
    index: typeof entry.index === 'number' ? entry.index : undefined,
    action: typeof entry.action === 'string' ? entry.action : undefined,
    status: typeof entry.status === 'string' ? entry.status : undefined,
    error: success ? undefined : errorText.join(': ') || entry.status || 'Failed',
  };
}
