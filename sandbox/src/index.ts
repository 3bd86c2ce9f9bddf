// The package's entry point: start a sandbox in-process, the record shapes its store holds, and
// small loopback helpers for tests that talk to it.
export { startSandbox } from './server';
export type { Sandbox, SandboxCredential, SandboxJobs, SandboxOptions, FaultSpec, FaultKind, RecordedRequest } from './server';
export type { OAuthClientConfig, ResolvedOAuthClient, IssueOptions, OAuthStats, SandboxOAuth, TokenSet } from './server';
export type { MembershipRecord, OrganizationRecord, UserRecord, UserRole } from './records';
export { basicHeader, call, waitFor } from './testHelpers';
export { orgIdOf, userIdOf } from './ids';
export type { CallOptions, CallResult, Who } from './testHelpers';
