// The entry of dist/bulk.js, the code only bulk work needs (see lazyBulk.ts). Import it only
// through loadBulkCode(), never directly: a static import would bundle it into activation again.
export { createAddMembersBulk } from './commands/addMembersBulk';
export { createRemoveMembershipsBulk } from './commands/removeMembershipsBulk';
export { csvFileName, itemsToCsv } from './jobs/csvExport';
