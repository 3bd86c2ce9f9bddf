// Out-of-process controls for the demo and UI tests, under /__sandbox. They need no auth, are
// never rate limited or faulted, and are not recorded.
import { asId, isPlainObject, parseJsonBody } from '../body';
import { classicError, invalidEndpoint, RecordInvalidError, recordInvalid } from '../errors';
import type { Faults, FaultSpec } from '../faults';
import { created, noContent, ok, type ApiRequest, type ApiResponse } from '../http';
import type { BulkItem } from '../jobItems';
import type { JobQueue } from '../jobs';
import type { SandboxOAuth } from '../oauthGrants';
import type { NewOrganization } from '../organizationDirectory';
import type { RecordedRequest } from '../recording';
import { organizationJson, userJson } from '../serialize';
import type { SandboxStore } from '../store';
import type { NewUser } from '../userDirectory';
import { isTicketStatus } from '../ticketStore';
import { jobJson } from './jobStatuses';
import { handleOAuthControl } from './oauthControl';

export interface ControlDeps {
  faults: Faults;
  requests: RecordedRequest[];
  store: SandboxStore;
  jobs: JobQueue<BulkItem>;
  oauth: SandboxOAuth;
  origin: string;
}

export function handleControl(req: ApiRequest, deps: ControlDeps): ApiResponse {
  if (req.path.startsWith('/__sandbox/oauth/')) return handleOAuthControl(req, deps.oauth);
  const key = `${req.method} ${req.path}`;
  switch (key) {
    case 'POST /__sandbox/faults':
      return injectFault(req, deps.faults);
    case 'GET /__sandbox/faults':
      return ok({ faults: deps.faults.list().map((f) => ({ ...f, path: String(f.path), remaining: finite(f.remaining) })) });
    case 'DELETE /__sandbox/faults':
      deps.faults.clear();
      return noContent();
    case 'GET /__sandbox/requests':
      return ok({ requests: deps.requests });
    case 'DELETE /__sandbox/requests':
      deps.requests.length = 0;
      return noContent();
    case 'POST /__sandbox/tickets':
      return withBody(req, 'ticket', (input) => addTicket(input, deps));
    case 'POST /__sandbox/organizations':
      return withBody(req, 'organization', (input) =>
        created({ organization: organizationJson(deps.store.addOrganization(input as unknown as NewOrganization), deps.origin) }));
    case 'POST /__sandbox/users':
      return withBody(req, 'user', (input) =>
        created({ user: userJson(deps.store.addUser(input as unknown as NewUser), deps.store, deps.origin) }));
    case 'POST /__sandbox/jobs/fail_next':
      return withBody(req, 'fail_next', (input) => {
        const { n, status, after_items: afterItems } = input;
        if (!Number.isInteger(n) || (status !== 'failed' && status !== 'killed')) {
          return classicError(400, 'InvalidValue', 'expected {"n": integer, "status": "failed" | "killed", "after_items"?: integer}');
        }
        deps.jobs.failNext(n as number, status, typeof afterItems === 'number' ? afterItems : undefined);
        return noContent();
      });
    case 'POST /__sandbox/jobs/pace':
      return withBody(req, 'pace', (input) => {
        const ms = input.ms_per_item;
        if (!Number.isInteger(ms) || (ms as number) < 0) {
          return classicError(400, 'InvalidValue', 'expected {"ms_per_item": integer ≥ 0}');
        }
        deps.jobs.setPace(ms as number);
        return noContent();
      });
    case 'POST /__sandbox/jobs/foreign':
      return withBody(req, 'foreign', (input) => queueForeignJobs(input, deps));
    case 'GET /__sandbox/state':
      return ok({
        organizations: deps.store.organizations.count,
        users: deps.store.users.count,
        memberships: deps.store.memberships.size,
        active_jobs: deps.jobs.activeCount,
        tickets: deps.store.tickets.size,
        peak_active_jobs: deps.jobs.peakActive,
      });
    default:
      return invalidEndpoint();
  }
}

/** Accepts either the bare object or one wrapped as {[wrapper]: {...}}. */
function withBody(req: ApiRequest, wrapper: string, use: (input: Record<string, unknown>) => ApiResponse): ApiResponse {
  const body = parseJsonBody(req);
  if (!body.ok) return body.response;
  if (!isPlainObject(body.value)) return classicError(400, 'InvalidValue', 'expected a JSON object body (Content-Type: application/json)');
  const inner = body.value[wrapper];
  try {
    return use(isPlainObject(inner) ? inner : body.value);
  } catch (error) {
    if (error instanceof RecordInvalidError) return recordInvalid(error.details);
    throw error;
  }
}

function injectFault(req: ApiRequest, faults: Faults): ApiResponse {
  return withBody(req, 'fault', (input) => {
    const { pathRegex, ...rest } = input;
    const spec = { ...rest } as unknown as FaultSpec;
    if (typeof pathRegex === 'string') spec.path = new RegExp(pathRegex);
    try {
      return created({ fault: { id: faults.inject(spec) } });
    } catch (error) {
      return classicError(400, 'InvalidFault', (error as Error).message);
    }
  });
}

const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

/**
 * Jobs "another integration" queued on the account (an Update Many Tickets, say): they count
 * against the job limit and show in the job list like ours. `{n?: 1, items?: 10}`; jobs past the
 * limit are not queued (`refused`), as Zendesk would answer that integration TooManyJobs.
 */
function queueForeignJobs(input: Record<string, unknown>, deps: ControlDeps): ApiResponse {
  const n = input.n ?? 1;
  const items = input.items ?? 10;
  if (!Number.isInteger(n) || (n as number) < 1 || !Number.isInteger(items) || (items as number) < 1 || (items as number) > 100) {
    return classicError(400, 'InvalidValue', 'expected {"n"?: integer ≥ 1, "items"?: integer 1-100}');
  }
  const queued: Array<Record<string, unknown>> = [];
  for (let i = 0; i < (n as number); i++) {
    const work = Array.from({ length: items as number }, (_, k) => ({ action: 'foreign' as const, id: 900_000 + k }));
    const job = deps.jobs.submit('update_many tickets', work, (done) => `Updating ticket #${done}`);
    if (job) queued.push(jobJson(job, deps.origin));
  }
  return created({ job_statuses: queued, refused: (n as number) - queued.length });
}

/** A ticket for tests: `{requester_id, organization_id?: id | null, status?: "open", subject?}`. */
function addTicket(input: Record<string, unknown>, deps: ControlDeps): ApiResponse {
  const requesterId = asId(input.requester_id);
  const organizationId = input.organization_id === undefined || input.organization_id === null ? null : asId(input.organization_id);
  const status = input.status ?? 'open';
  if (requesterId === undefined || !deps.store.getUser(requesterId)) return classicError(400, 'InvalidValue', 'requester_id must name a sandbox user');
  if (organizationId === undefined || (organizationId !== null && !deps.store.getOrganization(organizationId))) {
    return classicError(400, 'InvalidValue', 'organization_id must name a sandbox organization, or be null');
  }
  if (!isTicketStatus(status)) return classicError(400, 'InvalidValue', 'status must be new, open, pending, hold, solved or closed');
  const subject = typeof input.subject === 'string' ? input.subject : undefined;
  return created({ ticket: deps.store.tickets.add({ requesterId, organizationId, status, subject }) });
}
