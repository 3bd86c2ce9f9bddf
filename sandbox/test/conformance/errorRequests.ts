// Requests that provoke the documented error answers: 404 RecordNotFound for an unknown id
// (API-NOTES §7) and 400 InvalidPaginationDepth past offset page 100 (§4).
import type { CoveredOperation } from './coveredOperations';
import { SandboxFixtures, UNKNOWN_ID, UNKNOWN_JOB_ID } from './fixtures';
import type { Method } from './sandboxHttp';

export interface PlannedRequest {
  method: Method;
  path: string;
  body?: unknown;
}

/** For each record-lookup operation: a request naming one record that does not exist. */
export function notFoundRequest(operationId: CoveredOperation, fixtures: SandboxFixtures): PlannedRequest {
  const userId = fixtures.userWithMemberships(1);
  const orgId = fixtures.orgId(0);
  switch (operationId) {
    case 'ListUserOrganizationMemberships':
      return { method: 'GET', path: `/api/v2/users/${UNKNOWN_ID}/organization_memberships` };
    case 'ListOrganizationMembershipsByOrganization':
      return { method: 'GET', path: `/api/v2/organizations/${UNKNOWN_ID}/organization_memberships` };
    case 'CreateUserOrganizationMembership':
      return { method: 'POST', path: `/api/v2/users/${UNKNOWN_ID}/organization_memberships`, body: { organization_membership: { organization_id: orgId } } };
    case 'ShowOrganizationMembershipById':
      return { method: 'GET', path: `/api/v2/organization_memberships/${UNKNOWN_ID}` };
    case 'DeleteOrganizationMembership':
      return { method: 'DELETE', path: `/api/v2/organization_memberships/${UNKNOWN_ID}` };
    case 'SetOrganizationMembershipAsDefault':
      return { method: 'PUT', path: `/api/v2/users/${userId}/organization_memberships/${UNKNOWN_ID}/make_default` };
    case 'UnassignOrganization':
      return { method: 'DELETE', path: `/api/v2/users/${userId}/organizations/${UNKNOWN_ID}` };
    case 'SetOrganizationAsDefault':
      return { method: 'PUT', path: `/api/v2/users/${userId}/organizations/${UNKNOWN_ID}/make_default` };
    case 'ShowOrganization':
      return { method: 'GET', path: `/api/v2/organizations/${UNKNOWN_ID}` };
    case 'OrganizationRelated':
      return { method: 'GET', path: `/api/v2/organizations/${UNKNOWN_ID}/related` };
    case 'ShowUser':
      return { method: 'GET', path: `/api/v2/users/${UNKNOWN_ID}` };
    case 'ShowJobStatus':
      return { method: 'GET', path: `/api/v2/job_statuses/${UNKNOWN_JOB_ID}` };
    default:
      throw new Error(`no 404 request planned for ${operationId}`);
  }
}

/** For each offset-paged list: a request for page 101, one past Zendesk's offset depth limit. */
export function tooDeepRequest(operationId: CoveredOperation, fixtures: SandboxFixtures): PlannedRequest {
  const tooDeep = 'page=101&per_page=1';
  switch (operationId) {
    case 'ListOrganizationMemberships':
      return { method: 'GET', path: `/api/v2/organization_memberships?${tooDeep}` };
    case 'ListUserOrganizationMemberships':
      return { method: 'GET', path: `/api/v2/users/${fixtures.userWithMemberships(1)}/organization_memberships?${tooDeep}` };
    case 'ListOrganizationMembershipsByOrganization':
      return { method: 'GET', path: `/api/v2/organizations/${fixtures.orgId(0)}/organization_memberships?${tooDeep}` };
    case 'ListOrganizations':
      return { method: 'GET', path: `/api/v2/organizations?${tooDeep}` };
    case 'AutocompleteOrganizations':
      return { method: 'GET', path: `/api/v2/organizations/autocomplete?name=a&${tooDeep}` };
    case 'ListUsers':
      return { method: 'GET', path: `/api/v2/users?${tooDeep}` };
    case 'SearchUsers':
      return { method: 'GET', path: `/api/v2/users/search?query=example.com&${tooDeep}` };
    default:
      throw new Error(`no too-deep request planned for ${operationId}`);
  }
}
