// Every command the extension contributes, by name. The ids are used wherever a row, a button or
// a message runs a command, so no part spells one out; a unit test checks that this list,
// package.json's `contributes.commands` and menus, and the commands registered are the same set.
// No `vscode` import: every part may use it.

export const CommandIds = {
  signIn: 'zendesk.signIn',
  signOut: 'zendesk.signOut',
  refresh: 'zendesk.refresh',
  refreshNode: 'zendesk.refreshNode',
  loadMore: 'zendesk.loadMore',
  retryLoad: 'zendesk.retryLoad',
  goToOrganization: 'zendesk.goToOrganization',
  addMember: 'zendesk.addMember',
  removeMembership: 'zendesk.removeMembership',
  setDefaultMembership: 'zendesk.setDefaultMembership',
  unassignUser: 'zendesk.unassignUser',
  setUserDefaultOrganization: 'zendesk.setUserDefaultOrganization',
  showMembership: 'zendesk.showMembership',
  showUserMemberships: 'zendesk.showUserMemberships',
  openInZendesk: 'zendesk.openInZendesk',
  copyId: 'zendesk.copyId',
  unpinOrganization: 'zendesk.unpinOrganization',
  showJobs: 'zendesk.showJobs',
  resumeJobs: 'zendesk.resumeJobs',
  addMembersBulk: 'zendesk.addMembersBulk',
  removeMembershipsBulk: 'zendesk.removeMembershipsBulk',
  exportMemberships: 'zendesk.exportMemberships',
  moveMembers: 'zendesk.moveMembers',
  showHistory: 'zendesk.showHistory',
  exportHistory: 'zendesk.exportHistory',
  undoOperation: 'zendesk.undoOperation',
  syncMembers: 'zendesk.syncMembers',
  applySyncPlan: 'zendesk.applySyncPlan',
  filterOrganizations: 'zendesk.filterOrganizations',
  clearFilter: 'zendesk.clearFilter',
  findMember: 'zendesk.findMember',
  findUser: 'zendesk.findUser',
  unpinUser: 'zendesk.unpinUser',
  refreshPeople: 'zendesk.refreshPeople',
  loadMorePeople: 'zendesk.loadMorePeople',
} as const;

export type CommandId = typeof CommandIds[keyof typeof CommandIds];

/** The views and the webview panel package.json contributes (activation registers them before the code behind them is loaded). */
export const ViewIds = {
  organizations: 'zendesk.organizations',
  people: 'zendesk.people',
  jobsPanel: 'zendesk.jobs',
} as const;
