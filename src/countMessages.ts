// Every message that counts something, with a literal message for one and one for many, chosen by
// the count (vscode.l10n has no plural rules, so this is VS Code's own way: translators get both
// sentences whole). No `vscode` import: @vscode/l10n is configured with VS Code's bundle at
// activation, and a unit test renders each of these with a count of 1 (test/unit/countMessages.test.ts).
import * as l10n from '@vscode/l10n';

/** English has one form for 1 and another for every other count (0 included). */
const one = (count: number): boolean => count === 1;

/**
 * Message templates, like l10n.t: outside text passed in must already be literal() (the lint rule
 * local/outside-text checks every call).
 * @literalTemplate
 */
export const countMessages = {
  /** Bulk preview: what will be sent, in how many jobs. */
  willBeAdded(memberships: number, jobs: number): string {
    if (one(memberships)) return l10n.t('1 membership will be added in 1 Zendesk job.');
    return one(jobs)
      ? l10n.t('{0} memberships will be added in 1 Zendesk job.', memberships)
      : l10n.t('{0} memberships will be added in {1} Zendesk jobs.', memberships, jobs);
  },
  willBeRemoved(memberships: number, jobs: number): string {
    if (one(memberships)) return l10n.t("1 membership will be removed in 1 Zendesk job. Zendesk also unassigns the user's open tickets in that organization; this cannot be undone.");
    return one(jobs)
      ? l10n.t("{0} memberships will be removed in 1 Zendesk job. Zendesk also unassigns each user's open tickets in those organizations; this cannot be undone.", memberships)
      : l10n.t("{0} memberships will be removed in {1} Zendesk jobs. Zendesk also unassigns each user's open tickets in those organizations; this cannot be undone.", memberships, jobs);
  },
  invalidLinesSkipped: (lines: number): string => (one(lines) ? l10n.t('1 invalid line will be skipped:') : l10n.t('{0} invalid lines will be skipped:', lines)),
  checkingRows: (rows: number): string => (one(rows) ? l10n.t('Checking 1 row with Zendesk…') : l10n.t('Checking {0} rows with Zendesk…', rows)),

  /** An add operation's title (also in the Jobs panel), the preview's button, and its start. */
  addTitle: (members: number, from: string): string => (one(members) ? l10n.t('Add 1 member ({0})', from) : l10n.t('Add {0} members ({1})', members, from)),
  addButton: (members: number): string => (one(members) ? l10n.t('Add 1 Member') : l10n.t('Add {0} Members', members)),
  addingStarted(members: number, jobs: number): string {
    if (one(members)) return l10n.t('Adding 1 member in 1 Zendesk job.');
    return one(jobs) ? l10n.t('Adding {0} members in 1 Zendesk job.', members) : l10n.t('Adding {0} members in {1} Zendesk jobs.', members, jobs);
  },
  /** Add Members in Bulk when existing members change their default too (make_default calls). */
  willBeMadeDefault: (members: number): string => (one(members)
    ? l10n.t('1 existing member will get this organization as their default (one request).')
    : l10n.t('{0} existing members will get the organization of their row as their default (one request each).', members)),
  changesTitle: (changes: number, from: string): string => (one(changes) ? l10n.t('Apply 1 change ({0})', from) : l10n.t('Apply {0} changes ({1})', changes, from)),
  changesStarted: (changes: number): string => (one(changes) ? l10n.t('Applying 1 change.') : l10n.t('Applying {0} changes.', changes)),
  changesButton: (changes: number): string => (one(changes) ? l10n.t('Apply 1 Change') : l10n.t('Apply {0} Changes', changes)),
  /** Move Members. */
  membershipCount: (memberships: number): string => (one(memberships) ? l10n.t('1 membership') : l10n.t('{0} memberships', memberships)),
  moveTitle: (members: number, target: string, from: string): string => (one(members)
    ? l10n.t('Move 1 member to {0} ({1})', target, from) : l10n.t('Move {0} members to {1} ({2})', members, target, from)),
  moveButton: (members: number): string => (one(members) ? l10n.t('Move 1 Member') : l10n.t('Move {0} Members', members)),
  moveDetail: (members: number, target: string): string => (one(members)
    ? l10n.t('1 member will be added to {0}, then removed from their organization once the addition succeeded (if it fails, they stay where they are). Zendesk also unassigns their open tickets in the organization they leave.', target)
    : l10n.t('{0} members will be added to {1}, each removed from their organization once their addition succeeded (if it fails, they stay where they are). Zendesk also unassigns their open tickets in the organizations they leave.', members, target)),
  moveDefaults: (members: number): string => (one(members)
    ? l10n.t('1 of them keeps their default organization: the new membership becomes the default.')
    : l10n.t('{0} of them keep their default organization: the new membership becomes the default.', members)),
  movingStarted: (members: number): string => (one(members) ? l10n.t('Moving 1 member.') : l10n.t('Moving {0} members.', members)),
  /** Sync Members from File: the question before removing many members of an organization. */
  bigRemovalPrompt: (removed: number, members: number, organization: string): string => (one(members)
    ? l10n.t("This removes the only member of {0}. Type the organization's name to confirm.", organization)
    : l10n.t("This removes {0} of the {1} members of {2}. Type the organization's name to confirm.", removed, members, organization)),
  /** Sync Members from File when the file names several organizations. */
  syncTitle: (organizations: number, from: string): string => (one(organizations)
    ? l10n.t('Sync the members of 1 organization from {0}', from) : l10n.t('Sync the members of {0} organizations from {1}', organizations, from)),
  removeTitle: (memberships: number, from: string): string => (one(memberships) ? l10n.t('Remove 1 membership ({0})', from) : l10n.t('Remove {0} memberships ({1})', memberships, from)),
  removeButton: (memberships: number): string => (one(memberships) ? l10n.t('Remove 1 Membership') : l10n.t('Remove {0} Memberships', memberships)),
  removingStarted(memberships: number, jobs: number): string {
    if (one(memberships)) return l10n.t('Removing 1 membership in 1 Zendesk job.');
    return one(jobs) ? l10n.t('Removing {0} memberships in 1 Zendesk job.', memberships) : l10n.t('Removing {0} memberships in {1} Zendesk jobs.', memberships, jobs);
  },
  removeSelected: (memberships: number): string => (one(memberships) ? l10n.t('Remove the selected membership') : l10n.t('Remove the {0} selected memberships', memberships)),

  /** "Added 242 of 250 members" (the noun follows the total). */
  addedOf: (added: number, total: number): string => (one(total) ? l10n.t('Added {0} of 1 member', added) : l10n.t('Added {0} of {1} members', added, total)),
  /** A move, sync or undo: every item is one change (an addition, a removal, a default). */
  appliedOf: (applied: number, total: number): string => (one(total) ? l10n.t('Applied {0} of 1 change', applied) : l10n.t('Applied {0} of {1} changes', applied, total)),
  removedOf: (removed: number, total: number): string => (one(total) ? l10n.t('Removed {0} of 1 membership', removed) : l10n.t('Removed {0} of {1} memberships', removed, total)),
  cancelledItems: (items: number): string => (one(items)
    ? l10n.t('Cancelled 1 item not yet sent to Zendesk. Jobs Zendesk has already accepted cannot be cancelled; they run to the end.')
    : l10n.t('Cancelled {0} items not yet sent to Zendesk. Jobs Zendesk has already accepted cannot be cancelled; they run to the end.', items)),
  /** The status bar item's tooltip while bulk operations run. */
  runningTooltip(operations: number, jobs: number): string {
    if (one(operations)) {
      return one(jobs)
        ? l10n.t('1 bulk operation running, 1 Zendesk job in flight. Click to show the jobs.')
        : l10n.t('1 bulk operation running, {0} Zendesk jobs in flight. Click to show the jobs.', jobs);
    }
    return one(jobs)
      ? l10n.t('{0} bulk operations running, 1 Zendesk job in flight. Click to show the jobs.', operations)
      : l10n.t('{0} bulk operations running, {1} Zendesk jobs in flight. Click to show the jobs.', operations, jobs);
  },
  /** The Jobs panel's table caption (the numbers formatted for the UI language; `total` decides the form). */
  itemsCaption(first: string, last: string, total: number, totalText: string, failed: number, failedText: string): string {
    if (one(total)) return failed > 0 ? l10n.t('1 item, failed') : l10n.t('1 item');
    return failed > 0
      ? l10n.t('Items {0}–{1} of {2}, {3} failed listed first', first, last, totalText, failedText)
      : l10n.t('Items {0}–{1} of {2}', first, last, totalText);
  },
  /** A bulk file over the row limit. */
  tooManyRows: (limit: number, file: string): string => (one(limit)
    ? l10n.t('{0} has more than 1 row; files of up to 1 row can be imported. Split it into smaller files.', file)
    : l10n.t('{0} has more than {1} rows; files of up to {1} rows can be imported. Split it into smaller files.', file, limit)),
  /** Export Memberships: the progress so far, and the end. */
  membershipsWritten: (memberships: number): string => (one(memberships) ? l10n.t('1 membership written') : l10n.t('{0} memberships written', memberships)),
  exportedMemberships: (memberships: number, file: string): string => (one(memberships)
    ? l10n.t('Exported 1 membership to {0}.', file) : l10n.t('Exported {0} memberships to {1}.', memberships, file)),
  exportedRows: (rows: number, file: string): string => (one(rows) ? l10n.t('Exported 1 row to {0}.', file) : l10n.t('Exported {0} rows to {1}.', rows, file)),

  /** API tokens' end (30 April 2027), counted in days. */
  sunsetDate: (days: number): string => (one(days) ? l10n.t('30 April 2027 (in 1 day)') : l10n.t('30 April 2027 (in {0} days)', days)),
  apiTokenViewMessage: (hosts: string, days: number): string => (one(days)
    ? l10n.t('{0}: signed in with an API token, which Zendesk stops accepting on 30 April 2027 (in 1 day). Sign in with OAuth.', hosts)
    : l10n.t('{0}: signed in with an API token, which Zendesk stops accepting on 30 April 2027 (in {1} days). Sign in with OAuth.', hosts, days)),
  apiTokenReminder: (days: number, host: string): string => (one(days)
    ? l10n.t('Zendesk stops accepting API tokens in 1 day (30 April 2027). Sign in to {0} with OAuth before then.', host)
    : l10n.t('Zendesk stops accepting API tokens in {0} days (30 April 2027). Sign in to {1} with OAuth before then.', days, host)),

  /** An organization row's member count (Zendesk's users_count), the number formatted for the UI language. */
  memberCount: (members: number, shown: string): string => (one(members) ? l10n.t('1 member') : l10n.t('{0} members', shown)),

  /** A removal's confirmation: the user's unsolved tickets in the organization that lose it. */
  ticketsLoseOrganization(tickets: number, user: string, organization: string): string {
    if (tickets === 0) return l10n.t('No unsolved ticket of {0} is in {1}, so no ticket loses its organization.', user, organization);
    return one(tickets)
      ? l10n.t("Zendesk also unassigns {0}'s 1 unsolved ticket in {1}: its organization is set to none.", user, organization)
      : l10n.t("Zendesk also unassigns {0}'s {1} unsolved tickets in {2}: their organization is set to none.", user, tickets, organization);
  },
  /** A bulk removal's preview, every pair counted. */
  bulkTicketsLoseOrganization: (tickets: number): string => (one(tickets)
    ? l10n.t('1 unsolved ticket will lose its organization (Zendesk sets it to none).')
    : l10n.t('{0} unsolved tickets will lose their organization (Zendesk sets it to none).', tickets)),
  /** …only the first pairs counted (a request each). */
  atLeastTicketsLoseOrganization: (tickets: number, counted: number, pairs: number): string => (one(tickets)
    ? l10n.t('At least 1 unsolved ticket will lose its organization (counted for {0} of {1} pairs of user and organization).', counted, pairs)
    : l10n.t('At least {0} unsolved tickets will lose their organization (counted for {1} of {2} pairs of user and organization).', tickets, counted, pairs)),
  pairsNotCounted: (pairs: number, reason: string): string => (one(pairs)
    ? l10n.t('1 user and organization could not be counted: {0}.', reason)
    : l10n.t('{0} users and organizations could not be counted: {1}.', pairs, reason)),
};
