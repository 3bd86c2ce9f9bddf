// The Zendesk API layer. Nothing under src/zendesk imports `vscode`: it runs and is tested in plain Node.
export { createZendeskClient, DEFAULT_USER_AGENT } from './client';
export type { ZendeskClient, ZendeskClientOptions } from './client';
export { normalizeBaseUrl, baseUrlFromUserInput } from './baseUrl';
export type { Credentials, ApiTokenCredentials, BearerCredentials, CredentialProvider } from './credentials';
export { ZendeskError, ZendeskInputError, isZendeskError, describeDetails } from './errors';
export { DEFAULT_RETRY_POLICY } from './http';
export type { RetryPolicy, WaitNotice, WaitReason } from './http';
export type { ZendeskLogger } from './logger';
export { isAlreadyMemberError, MAX_BULK_ITEMS } from './memberships';
export type { CallOptions, MembershipListParams, NewMembership } from './memberships';
export { interpretJobResult } from './jobStatuses';
export type { JobItemOutcome } from './jobStatuses';
export { MAX_PAGE_SIZE } from './paging';
export type { OrganizationKeys, OrganizationSearch } from './organizations';
export { emailSearchQuery } from './users';
export type { Page, PageCursor, PageOptions, PagedList } from './paging';
export { Redactor } from './redact';
export * from './types';
