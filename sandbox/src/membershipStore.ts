// Memberships with the indexes every list needs (account-wide, per org, per user) and
// Zendesk's default-organization rules: a user's first membership becomes the default; deleting
// the default promotes the oldest remaining membership.
import { isoSeconds, membershipIdOf } from './ids';
import type { MembershipRecord } from './records';
import { removeSorted } from './sortedIds';

export class MembershipStore {
  private readonly byId = new Map<number, MembershipRecord>();
  private readonly all: number[] = [];
  private readonly byOrg = new Map<number, number[]>();
  private readonly byUser = new Map<number, number[]>();
  private readonly defaultOf = new Map<number, number>();
  private seq = 0;

  get size(): number {
    return this.all.length;
  }

  get(id: number): MembershipRecord | undefined {
    return this.byId.get(id);
  }

  /** A user's membership of an org; scans the user's own (short) list rather than keeping a pair index. */
  find(userId: number, orgId: number): MembershipRecord | undefined {
    for (const id of this.byUser.get(userId) ?? []) {
      const record = this.byId.get(id);
      if (record && record.organization_id === orgId) return record;
    }
    return undefined;
  }

  /** All membership ids, ascending (== creation order). Do not mutate. */
  allIds(): readonly number[] {
    return this.all;
  }

  idsOfOrg(orgId: number): readonly number[] {
    return this.byOrg.get(orgId) ?? [];
  }

  idsOfUser(userId: number): readonly number[] {
    return this.byUser.get(userId) ?? [];
  }

  defaultOrganizationOf(userId: number): number | null {
    const id = this.defaultOf.get(userId);
    return id === undefined ? null : (this.byId.get(id)?.organization_id ?? null);
  }

  /** Adds a membership; the caller has checked that user and org exist and the pair is new. */
  add(userId: number, orgId: number, makeDefault: boolean, atMs = Date.now()): MembershipRecord {
    const at = isoSeconds(atMs);
    const record: MembershipRecord = {
      id: membershipIdOf(this.seq++),
      user_id: userId,
      organization_id: orgId,
      default: false,
      created_at: at,
      updated_at: at,
    };
    this.byId.set(record.id, record);
    this.all.push(record.id);
    push(this.byOrg, orgId, record.id);
    push(this.byUser, userId, record.id);
    if (makeDefault || !this.defaultOf.has(userId)) this.setDefault(record, atMs);
    return record;
  }

  remove(id: number): MembershipRecord | undefined {
    const record = this.byId.get(id);
    if (!record) return undefined;
    this.byId.delete(id);
    removeSorted(this.all, id);
    removeSorted(this.byOrg.get(record.organization_id) ?? [], id);
    const userIds = this.byUser.get(record.user_id) ?? [];
    removeSorted(userIds, id);
    if (this.defaultOf.get(record.user_id) === id) {
      this.defaultOf.delete(record.user_id);
      // The oldest remaining membership (smallest id) becomes the default.
      const next = userIds.length > 0 ? this.byId.get(userIds[0]) : undefined;
      if (next) this.setDefault(next, Date.now());
    }
    return record;
  }

  setDefault(record: MembershipRecord, atMs = Date.now()): void {
    const previousId = this.defaultOf.get(record.user_id);
    if (previousId === record.id) return;
    const at = isoSeconds(atMs);
    const previous = previousId === undefined ? undefined : this.byId.get(previousId);
    if (previous) {
      previous.default = false;
      previous.updated_at = at;
    }
    record.default = true;
    record.updated_at = at;
    this.defaultOf.set(record.user_id, record.id);
  }
}

function push(index: Map<number, number[]>, key: number, id: number): void {
  const ids = index.get(key);
  if (ids) ids.push(id);
  else index.set(key, [id]);
}
