// What one item of a membership bulk job does, and the per-item result Zendesk reports for it
// (API-NOTES §3.3): successes carry action/id/status/success, failures success:false + error/details.
// Each item carries the caller, so a job follows the same role rules as the single writes.
import { asId } from './body';
import { FORBIDDEN_DESCRIPTION } from './errors';
import type { JobResult } from './jobs';
import { canManageMembershipOf } from './permissions';
import type { UserRecord } from './records';
import type { SandboxStore } from './store';

export type BulkItem =
  | { action: 'create'; actor: UserRecord; userId: unknown; orgId: unknown; makeDefault: boolean }
  | { action: 'delete'; actor: UserRecord; id: number };

// unverified: the notes give no per-item text for a permission failure inside a job; this is the
// single write's 403 code and description.
const forbiddenItem = { success: false, error: 'Forbidden', details: FORBIDDEN_DESCRIPTION } as const;

export function applyBulkItem(store: SandboxStore, item: BulkItem, index: number): JobResult {
  if (item.action === 'delete') {
    const membership = store.getMembership(item.id);
    // unverified: the failure wording for a missing membership in destroy_many.
    if (!membership) return { action: 'delete', id: item.id, success: false, error: 'RecordNotFound', details: 'Not found' };
    const member = store.getUser(membership.user_id);
    if (!member || !canManageMembershipOf(item.actor, member)) return { action: 'delete', id: item.id, ...forbiddenItem };
    store.deleteMembership(item.id);
    return { action: 'delete', id: item.id, status: 'Deleted', success: true };
  }
  const userId = asId(item.userId);
  const orgId = asId(item.orgId);
  const member = userId === undefined ? undefined : store.getUser(userId);
  const orgExists = orgId !== undefined && store.getOrganization(orgId) !== undefined;
  // As in the single create: a missing user or organization fails as such before the role rule.
  if (member && orgExists && !canManageMembershipOf(item.actor, member)) {
    return { action: 'create', index, ...forbiddenItem };
  }
  const outcome =
    userId === undefined ? ({ ok: false, reason: 'user-missing' } as const)
      : orgId === undefined ? ({ ok: false, reason: 'org-missing' } as const)
        : store.tryCreateMembership(userId, orgId, item.makeDefault);
  if (outcome.ok) return { action: 'create', id: outcome.membership.id, index, status: 'Created', success: true };
  if (outcome.reason === 'duplicate') {
    return {
      action: 'create', index, id: outcome.existing.id, success: false, error: 'DuplicateValue',
      details: `User ${userId} is already a member of organization ${orgId}`,
    };
  }
  // unverified: the details text for a missing user/organization inside a bulk job.
  const details = outcome.reason === 'user-missing' ? `User ${String(item.userId)} not found` : `Organization ${String(item.orgId)} not found`;
  return { action: 'create', index, success: false, error: 'RecordNotFound', details };
}
