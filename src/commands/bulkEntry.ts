// The entry of dist/bulk.js, the bulk commands (see lazyBulk.ts). Import it only through
// loadBulkCode(), never directly: a static import would bundle it into activation again.
export { createAddMembersBulk } from './addMembersBulk';
export { createRemoveMembershipsBulk } from './removeMembershipsBulk';
export { createMoveMembers } from './moveMembers';
export { createExportHistory, createShowHistory } from './history';
export { createUndo } from './undoOperation';
export { createApplySyncPlan, createSyncMembers } from './syncMembers';
