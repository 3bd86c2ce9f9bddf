// Sync Members from File: the rows of a membership file as the desired members of each
// organization it names. Unlike a bulk add, a sync refuses the whole file over any problem: a
// skipped row would become a removal. Read-only: nothing here changes Zendesk. No `vscode`.
import * as l10n from '@vscode/l10n';
import type { ZendeskClient } from '../zendesk';
import { organizationLabel, userLabel } from './plan';
import { PlanProgress, type PlanOptions, eachYielding } from './planSteps';
import { resolveReferences } from './resolveReferences';
import type { MembershipRow, OrganizationRef, UserRef } from './rows';

export interface DesiredMember {
  userId: number;
  organizationId: number;
  /** The row asks for this organization to be the user's default (false and blank change nothing). */
  makeDefault: boolean;
  userLabel: string;
  /** The file line (absent for a saved plan's desired state). */
  line?: number;
  /** Asked as the default: the user's default organization when planned (null: none), for History and Undo. */
  previousDefaultId?: number | null;
  previousDefaultName?: string;
}

/** What the organizations should hold: for each organization named, its members by user id. */
export interface DesiredState {
  /** Organization id → name, in the order the file first names them. */
  organizations: Map<number, string>;
  members: Map<number, Map<number, DesiredMember>>;
}

/** Bad input: the line it is on (when it comes from one) and what is wrong, in words. */
export interface SyncProblem {
  line?: number;
  message: string;
}

export interface DesiredOptions extends PlanOptions {
  /** Sync from an organization's row: rows may name only this organization. */
  scope?: { id: number; name: string };
}

/**
 * The desired state of the rows, or the problems that refuse the file: users or organizations
 * Zendesk does not have, a user twice in one organization, a user's default asked for in two
 * organizations, rows for an organization other than the scope.
 */
export async function desiredStateOf(client: ZendeskClient, rows: readonly MembershipRow[], options: DesiredOptions = {}): Promise<{ desired: DesiredState; problems: SyncProblem[] }> {
  const progress = new PlanProgress(options.onProgress);
  const users = new Map<string, UserRef>();
  const organizations = new Map<string, OrganizationRef>();
  await eachYielding(rows, (row) => {
    if (row.user) users.set(JSON.stringify(row.user), row.user);
    if (row.organization) organizations.set(JSON.stringify(row.organization), row.organization);
  });
  const refs = await resolveReferences(client, { users: [...users.values()], organizations: [...organizations.values()] }, progress, options.signal);
  const desired: DesiredState = { organizations: new Map(), members: new Map() };
  const problems: SyncProblem[] = [];
  if (options.scope) {
    desired.organizations.set(options.scope.id, options.scope.name);
    desired.members.set(options.scope.id, new Map());
  }
  /** User id → the line making some organization their default, and its name. */
  const defaults = new Map<number, { line: number; organization: string }>();
  await eachYielding(rows, (row) => {
    const user = refs.user(row.user);
    const organization = refs.organization(row.organization);
    if (!user) problems.push({ line: row.line, message: l10n.t('no such user in Zendesk: {0}', row.user?.id ?? row.user?.email ?? '') });
    if (!organization) problems.push({ line: row.line, message: l10n.t('no such organization in Zendesk: {0}', row.organization?.id ?? row.organization?.externalId ?? row.organization?.name ?? '') });
    if (!user || !organization) return;
    const orgName = organizationLabel(organization.id, organization);
    if (options.scope && organization.id !== options.scope.id) {
      problems.push({ line: row.line, message: l10n.t('{0} is not {1}, the organization being synced', orgName, options.scope.name) });
      return;
    }
    if (!desired.organizations.has(organization.id)) {
      desired.organizations.set(organization.id, orgName);
      desired.members.set(organization.id, new Map());
    }
    const members = desired.members.get(organization.id) as Map<number, DesiredMember>;
    const label = userLabel(user.id, user);
    const earlier = members.get(user.id);
    if (earlier) {
      problems.push({
        line: row.line,
        message: earlier.makeDefault === (row.makeDefault === true)
          ? l10n.t('{0} is already listed for {1} on line {2}', label, orgName, earlier.line ?? 0)
          : l10n.t('{0} is already listed for {1} on line {2}, with a different default', label, orgName, earlier.line ?? 0),
      });
      return;
    }
    if (row.makeDefault) {
      const other = defaults.get(user.id);
      if (other) {
        problems.push({ line: row.line, message: l10n.t('{0} can have one default organization: line {1} already makes it {2}', label, other.line, other.organization) });
        return;
      }
      defaults.set(user.id, { line: row.line, organization: orgName });
    }
    const previousName = user.organization_id ? refs.organizations.get(user.organization_id)?.name : undefined;
    const previous = row.makeDefault && user.organization_id !== undefined
      ? { previousDefaultId: user.organization_id, ...(previousName ? { previousDefaultName: previousName } : {}) } : {};
    members.set(user.id, { userId: user.id, organizationId: organization.id, makeDefault: row.makeDefault === true, userLabel: label, line: row.line, ...previous });
  });
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { desired, problems };
}

/** "line 7: …" or the message alone. The message may quote the file: whoever shows it shows it as outside text. */
export function describeSyncProblem(problem: SyncProblem): string {
  return problem.line === undefined ? problem.message : l10n.t('line {0}: {1}', problem.line, problem.message);
}
