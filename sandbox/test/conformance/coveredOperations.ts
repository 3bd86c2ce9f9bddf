// The operations of Zendesk's OpenAPI spec that the extension's API client calls (src/zendesk)
// or signs in with (the OAuth token endpoint), plus the documented variants the sandbox serves. The spec copy is pruned to exactly these, and
// the suite fails if any of them was never checked against a real sandbox response.

export const COVERED_OPERATIONS = [
  // Organization memberships (API-NOTES §1.1)
  'ListOrganizationMemberships',
  'ListUserOrganizationMemberships',
  'ListOrganizationMembershipsByOrganization',
  'CreateOrganizationMembership',
  'CreateUserOrganizationMembership',
  'ShowOrganizationMembershipById',
  'DeleteOrganizationMembership',
  'CreateManyOrganizationMemberships',
  'DeleteManyOrganizationMemberships',
  'SetOrganizationMembershipAsDefault',
  'UnassignOrganization',
  'SetOrganizationAsDefault',
  // Organizations (§1.2)
  'ListOrganizations',
  'ShowOrganization',
  'AutocompleteOrganizations',
  'SearchOrganizations',
  'ShowManyOrganizations',
  'OrganizationRelated',
  // Users (§1.3)
  'ListUsers',
  'ShowUser',
  'ShowManyUsers',
  'ShowCurrentUser',
  'AutocompleteUsers',
  'SearchUsers',
  // Search counts (docs/notes/search-and-job-list.md): a user's unsolved tickets in an organization, before a removal
  'CountSearchResults',
  // Job statuses (§1.4)
  'ShowJobStatus',
  'ShowManyJobStatuses',
  'ListJobStatuses',
  // OAuth (§6): the token endpoint the extension signs in with
  'CreateTokenForGrantType',
] as const;

export type CoveredOperation = (typeof COVERED_OPERATIONS)[number];

/** Operations whose list responses page (cursor and/or offset), per API-NOTES §4. */
export const PAGED_LIST_OPERATIONS: readonly CoveredOperation[] = [
  'ListOrganizationMemberships',
  'ListUserOrganizationMemberships',
  'ListOrganizationMembershipsByOrganization',
  'ListOrganizations',
  'AutocompleteOrganizations',
  'ListUsers',
  'SearchUsers',
  'ListJobStatuses',
];

/** Operations addressing one record by a path id, which answer 404 RecordNotFound when it is unknown. */
export const RECORD_LOOKUP_OPERATIONS: readonly CoveredOperation[] = [
  'ListUserOrganizationMemberships',
  'ListOrganizationMembershipsByOrganization',
  'CreateUserOrganizationMembership',
  'ShowOrganizationMembershipById',
  'DeleteOrganizationMembership',
  'SetOrganizationMembershipAsDefault',
  'UnassignOrganization',
  'SetOrganizationAsDefault',
  'ShowOrganization',
  'OrganizationRelated',
  'ShowUser',
  'ShowJobStatus',
];
