import { ZendeskInputError, describeDetails } from './errors';
import type { ZendeskHttp } from './http';
import type { CallOptions } from './memberships';
import { MAX_PAGE_SIZE, PageOptions, PagedList, pagedList } from './paging';
import type { JobResult, JobStatus } from './types';

export function jobStatusOperations(http: ZendeskHttp) {
  return {
    async showJobStatus(id: string, options: CallOptions = {}): Promise<JobStatus> {
      return http.requestKey<JobStatus>({
        method: 'GET', path: `/api/v2/job_statuses/${requireJobId(id, 'jobId')}`, signal: options.signal,
      }, 'job_status', 'object');
    },

    /** Up to 100 job statuses in one request; jobs Zendesk no longer knows are absent. */
    async showManyJobStatuses(ids: readonly string[], options: CallOptions = {}): Promise<JobStatus[]> {
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_PAGE_SIZE) {
        throw new ZendeskInputError('ids', `Show many job statuses takes 1 to ${MAX_PAGE_SIZE} ids per request (got ${ids?.length ?? 0}).`);
      }
      const checked = ids.map((id, index) => requireJobId(id, `ids[${index}]`));
      return http.requestKey<JobStatus[]>({
        method: 'GET', path: '/api/v2/job_statuses/show_many', query: { ids: checked.join(',') }, signal: options.signal,
      }, 'job_statuses', 'list');
    },

    /** Recent jobs, newest first (cursor paging only). */
    listJobStatuses(options: PageOptions = {}): PagedList<JobStatus> {
      return pagedList<JobStatus>(http, { path: '/api/v2/job_statuses', itemsKey: 'job_statuses', paging: 'cursor' }, options);
    },
  };
}

function requireJobId(id: unknown, field: string): string {
  // Ids are opaque strings such as 8b726e606741012ffc2d782bcb7848fe or V3-25da… (API-NOTES §1.4).
  if (typeof id !== 'string' || !/^[A-Za-z0-9-]{1,128}$/.test(id)) {
    throw new ZendeskInputError(field, `${field} must be a Zendesk job id (letters, digits or "-"), got ${JSON.stringify(id)}.`);
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

const NO_RESULT_REPORTED = 'Zendesk reported no result for this item';

const SUCCESS_STATUS = /^(created|updated|deleted|ok|success|completed)$/i;
const FAILURE_STATUS = /^(failed|error)$/i;

/**
 * Reads one `results[]` entry. Any sign of failure wins over `success: true` — an error, errors
 * or details of any shape, or a Failed/Error status — because a failed write must never be counted
 * as done. An entry that is not an object reports nothing, so it is not a success either.
 */
export function interpretJobResult(result: JobResult | null | undefined): JobItemOutcome {
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    return { success: false, error: NO_RESULT_REPORTED };
  }
  const status = typeof result.status === 'string' ? result.status : undefined;
  const problems = [result.error, result.errors, result.details].filter(isPresent);
  const failed = problems.length > 0 || result.success === false || (status !== undefined && FAILURE_STATUS.test(status));
  const success = !failed && (result.success === true || status === undefined || SUCCESS_STATUS.test(status));
  return {
    success,
    id: typeof result.id === 'number' ? result.id : undefined,
    index: typeof result.index === 'number' ? result.index : undefined,
    action: typeof result.action === 'string' ? result.action : undefined,
    status,
    error: success ? undefined : problems.map(describeProblem).join(': ') || status || 'Failed',
  };
}

/** `false`, empty text, `[]` and `{}` say "no error"; anything else says there was one. */
function isPresent(value: unknown): boolean {
  if (value === null || value === undefined || value === false) {
    return false;
  }
  if (typeof value === 'string') {
    return value.trim() !== '';
  }
  if (typeof value === 'object') {
    return Object.keys(value).length > 0;
  }
  return true;
}

function describeProblem(value: unknown): string {
  if (typeof value !== 'object' || value === null) {
    return String(value);
  }
  const readable = describeDetails(value).join(' ');
  if (readable) {
    return readable;
  }
  const json = JSON.stringify(value);
  return json.length > 200 ? `${json.slice(0, 199)}…` : json;
}
