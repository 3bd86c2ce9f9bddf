// What one item of a membership bulk job does, and the per-item result Zendesk reports for it.
// Shapes (API-NOTES §3.3, §13):
// - create_many success: {"id": <new membership>, "status": "Created"}, no index (as the 1,369
//   recorded organization/user create entries);
// - destroy_many success: the spec's {"action": "delete", "id": …, "status": "Deleted",
//   "success": true} (the recorded update entries have this form; the spec's destroy_many example
//   is exactly it);
// - failure: {"index": <position in the request>, "error": "<Code>", "id"?: …, "details": "<text>"}
//   with no success and no action (as the recorded failures).
// unverified: the codes and texts of membership failures (DuplicateValue, RecordNotFound,
// Forbidden), and which id a failed create carries (the existing membership for a duplicate,
// none otherwise). Each item carries the caller, so a job follows the same role rules as the
// single writes.
import { asId } from './body';
import { FORBIDDEN_DESCRIPTION } from './errors';
import type { JobResult } from './jobs';
import { canManageMembershipOf } from './permissions';
import type { UserRecord } from './records';
import type { SandboxStore } from './store';
import type { Texts } from './wording';

export type BulkItem =
  | { action: 'create'; actor: UserRecord; userId: unknown; orgId: unknown; makeDefault: boolean }
  | { action: 'delete'; actor: UserRecord; id: number }
  /** A job another integration queued (POST /__sandbox/jobs/foreign): it changes nothing here. */
  | { action: 'foreign'; id: number };

function failure(index: number, error: string, details: string | undefined, id?: number): JobResult {
  return { index, error, ...(id === undefined ? {} : { id }), ...(details === undefined ? {} : { details }) };
}

export function applyBulkItem(store: SandboxStore, texts: Texts, item: BulkItem, index: number): JobResult {
  if (item.action === 'foreign') {
    // The recorded update entry's shape (API-NOTES §13), as an Update Many Tickets job reports.
    return { action: 'update', id: item.id, status: 'Updated', success: true };
  }
  if (item.action === 'delete') {
    const membership = store.getMembership(item.id);
    if (!membership) return failure(index, 'RecordNotFound', texts.notFound('Not found'), item.id);
    const member = store.getUser(membership.user_id);
    if (!member || !canManageMembershipOf(item.actor, member)) return failure(index, 'Forbidden', FORBIDDEN_DESCRIPTION, item.id);
    store.deleteMembership(item.id);
    return { action: 'delete', id: item.id, status: 'Deleted', success: true };
  }
  const userId = asId(item.userId);
  const orgId = asId(item.orgId);
  const member = userId === undefined ? undefined : store.getUser(userId);
  const orgExists = orgId !== undefined && store.getOrganization(orgId) !== undefined;
  // As in the single create: a missing user or organization fails as such before the role rule.
  if (member && orgExists && !canManageMembershipOf(item.actor, member)) {
    return failure(index, 'Forbidden', FORBIDDEN_DESCRIPTION);
  }
  const outcome =
    userId === undefined ? ({ ok: false, reason: 'user-missing' } as const)
      : orgId === undefined ? ({ ok: false, reason: 'org-missing' } as const)
        : store.tryCreateMembership(userId, orgId, item.makeDefault);
  if (outcome.ok) return { id: outcome.membership.id, status: 'Created' };
  if (outcome.reason === 'duplicate') {
    return failure(index, 'DuplicateValue', texts.alreadyMember(userId as number, orgId as number), outcome.existing.id);
  }
  const details = outcome.reason === 'user-missing' ? `User ${String(item.userId)} not found` : `Organization ${String(item.orgId)} not found`;
  return failure(index, 'RecordNotFound', texts.notFound(details));
}
