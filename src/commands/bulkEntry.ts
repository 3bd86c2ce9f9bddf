// The entry of dist/bulk.js: everything about bulk operations (the job engine and its controller,
// the Jobs panel, Zendesk's job queue, the bulk commands, Show Jobs, Resume Jobs) and Export
// Memberships (see lazyBulk.ts). Import it only through loadBulkCode(), never directly: a static
// import would bundle it into dist/workbench.js again.
export { createAddMembersBulk } from './addMembersBulk';
export { createRemoveMembershipsBulk } from './removeMembershipsBulk';
export { createMoveMembers } from './moveMembers';
export { createExportHistory, createShowHistory } from './history';
export { createUndo } from './undoOperation';
export { createApplySyncPlan, createSyncMembers } from './syncMembers';
export { exportMembershipsCommand } from './exportMemberships';
export { createShowJobs } from './showJobs';
export { createResumeJobs } from './resumeJobs';
export { JobsController } from '../jobs/controller';
export { JobsPanel } from '../jobs/panel';
export { changedOrganizations } from '../jobs/summaries';
export { ZendeskQueue, ourJobIds } from '../jobs/zendeskQueue';
