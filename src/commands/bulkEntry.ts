// The entry of dist/bulk.js: the bulk commands, Export Memberships and the CSV writer (see lazyBulk.ts).
// Import it only through loadBulkCode(), never directly: a static import would bundle it into
// dist/workbench.js again.
export { createAddMembersBulk } from './addMembersBulk';
export { createRemoveMembershipsBulk } from './removeMembershipsBulk';
export { createMoveMembers } from './moveMembers';
export { exportMembershipsCommand } from './exportMemberships';
// The Jobs panel's CSV export (the wiring hands it to the panel: jobs never reaches commands).
export { itemsToCsv } from '../jobs/csvExport';
