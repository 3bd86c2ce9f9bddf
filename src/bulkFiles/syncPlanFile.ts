// A sync plan saved to a file, to be applied later (Apply Sync Plan…): the account it was made for,
// each organization with the fingerprint of its memberships when planned, the desired members (so
// a stale plan can be made again from what was wanted) and the changes. Read back as untrusted
// input: every field is checked, and a problem names the item. No `vscode`.
import * as l10n from '@vscode/l10n';
import type { DesiredState } from './syncDesired';
import type { SyncChange, SyncOrganization, SyncPlan } from './syncPlan';

export const SYNC_PLAN_FORMAT = 'zendesk-sync-plan';

/** [userId, organizationId, default (1) or not (0), user label] */
type SavedMember = [number, number, 0 | 1, string];

export interface SavedSyncPlan {
  format: typeof SYNC_PLAN_FORMAT;
  version: 1;
  /** The Zendesk account (origin) it was planned against. */
  origin: string;
  createdAt: string;
  organizations: Array<Pick<SyncOrganization, 'id' | 'name' | 'fingerprint' | 'before'>>;
  desired: SavedMember[];
  changes: SyncChange[];
}

export function savedPlanOf(origin: string, desired: DesiredState, plan: SyncPlan, now = new Date()): SavedSyncPlan {
  const members: SavedMember[] = [];
  for (const organizationMembers of desired.members.values()) {
    for (const member of organizationMembers.values()) members.push([member.userId, member.organizationId, member.makeDefault ? 1 : 0, member.userLabel]);
  }
  return {
    format: SYNC_PLAN_FORMAT, version: 1, origin, createdAt: now.toISOString(),
    organizations: plan.organizations.map(({ id, name, fingerprint, before }) => ({ id, name, fingerprint, before })),
    desired: members,
    changes: plan.changes,
  };
}

/** One JSON object per line for the long lists, so the file stays readable and diffable. */
export function savedPlanText(saved: SavedSyncPlan): string {
  const list = (values: unknown[]) => (values.length ? `[\n    ${values.map((value) => JSON.stringify(value)).join(',\n    ')}\n  ]` : '[]');
  const head = JSON.stringify({ format: saved.format, version: saved.version, origin: saved.origin, createdAt: saved.createdAt }, null, 2).slice(0, -2);
  return `${head},\n  "organizations": ${list(saved.organizations)},\n  "desired": ${list(saved.desired)},\n  "changes": ${list(saved.changes)}\n}\n`;
}

/** The desired state a saved plan was made from (to plan again when organizations changed). */
export function desiredOfSaved(saved: SavedSyncPlan): DesiredState {
  const desired: DesiredState = { organizations: new Map(), members: new Map() };
  saved.organizations.forEach((organization) => {
    desired.organizations.set(organization.id, organization.name);
    desired.members.set(organization.id, new Map());
  });
  for (const [userId, organizationId, makeDefault, userLabel] of saved.desired) {
    desired.members.get(organizationId)?.set(userId, { userId, organizationId, makeDefault: makeDefault === 1, userLabel });
  }
  return desired;
}

/** The plan in `text`, or why it is not one (naming the item at fault). */
export function readSavedPlan(text: string): { saved: SavedSyncPlan } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { problem: l10n.t('This is not a sync plan: it is not JSON ({0}).', error instanceof Error ? error.message : String(error)) };
  }
  if (!isRecord(value) || value.format !== SYNC_PLAN_FORMAT) {
    return { problem: l10n.t('This is not a sync plan: it has no "format": "{0}".', SYNC_PLAN_FORMAT) };
  }
  if (value.version !== 1) return { problem: l10n.t('This sync plan has version {0}; this extension reads version 1.', String(value.version)) };
  if (typeof value.origin !== 'string' || typeof value.createdAt !== 'string') return { problem: l10n.t('This sync plan names no account ("origin").') };
  const lists = ['organizations', 'desired', 'changes'] as const;
  const missing = lists.find((key) => !Array.isArray(value[key]));
  if (missing) return { problem: l10n.t('This sync plan has no "{0}" list.', missing) };
  const organizations = value.organizations as unknown[];
  const badOrganization = organizations.findIndex((entry) => !(isRecord(entry) && isId(entry.id) && typeof entry.name === 'string' && typeof entry.fingerprint === 'string' && isCount(entry.before)));
  if (badOrganization >= 0) return { problem: l10n.t('organizations, item {0}: expected an id, a name, a fingerprint and a count', badOrganization + 1) };
  const known = new Set(organizations.map((entry) => (entry as { id: number }).id));
  const badMember = (value.desired as unknown[]).findIndex((entry) => !(Array.isArray(entry) && entry.length === 4 && isId(entry[0]) && known.has(entry[1]) && (entry[2] === 0 || entry[2] === 1) && typeof entry[3] === 'string'));
  if (badMember >= 0) return { problem: l10n.t('desired, item {0}: expected [user id, one of the plan\'s organization ids, 0 or 1, label]', badMember + 1) };
  const badChange = (value.changes as unknown[]).findIndex((entry) => !isChange(entry, known));
  if (badChange >= 0) return { problem: l10n.t('changes, item {0}: not an addition, removal or default change of one of the plan\'s organizations', badChange + 1) };
  return { saved: value as unknown as SavedSyncPlan };
}

function isChange(entry: unknown, organizations: ReadonlySet<unknown>): boolean {
  if (!isRecord(entry) || !isId(entry.userId) || !organizations.has(entry.organizationId) || typeof entry.userLabel !== 'string' || typeof entry.organizationLabel !== 'string') return false;
  if (entry.makeDefault !== undefined && typeof entry.makeDefault !== 'boolean') return false;
  if (entry.wasDefault !== undefined && typeof entry.wasDefault !== 'boolean') return false;
  // What Undo restores later: an organization id, or null (no default), or nothing (not known).
  if (entry.previousDefaultId !== undefined && entry.previousDefaultId !== null && !isId(entry.previousDefaultId)) return false;
  if (entry.previousDefaultName !== undefined && typeof entry.previousDefaultName !== 'string') return false;
  if (entry.action === 'add') return entry.membershipId === undefined;
  return (entry.action === 'remove' || entry.action === 'makeDefault') && isId(entry.membershipId);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
