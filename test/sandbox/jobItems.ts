// What one item of a membership bulk job does, and the per-item result Zendesk reports for it
// (API-NOTES §3.3): successes carry action/id/status/success, failures success:false + error/details.
import { asId } from './body';
import type { JobResult } from './jobs';
import type { SandboxStore } from './store';

export type BulkItem =
  | { action: 'create'; userId: unknown; orgId: unknown; makeDefault: boolean }
  | { action: 'delete'; id: number };

export function applyBulkItem(store: SandboxStore, item: BulkItem, index: number): JobResult {
  if (item.action === 'delete') {
    if (store.deleteMembership(item.id)) return { action: 'delete', id: item.id, status: 'Deleted', success: true };
    // unverified: the failure wording for a missing membership in destroy_many.
    return { action: 'delete', id: item.id, success: false, error: 'RecordNotFound', details: 'Not found' };
  }
  const userId = asId(item.userId);
  const orgId = asId(item.orgId);
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
