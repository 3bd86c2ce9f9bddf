// Deterministic initial memberships: every generated user except the admin (0) and agent (1)
// gets a home organization (their default) and every third user a second one; the "big org"
// (org 0) then gets users 0..bigOrgMembers-1. Home/second orgs avoid org 0 when it is the big
// org, so its member count is exactly bigOrgMembers.
import { orgIdOf, SEED_EPOCH_MS, userIdOf } from './ids';
import type { MembershipStore } from './membershipStore';

export interface MembershipSeed {
  orgs: number;
  users: number;
  bigOrgMembers: number;
}

export function seedMemberships(store: MembershipStore, seed: MembershipSeed): void {
  const { orgs, users, bigOrgMembers } = seed;
  if (orgs === 0) return;
  let step = 0;
  const at = (): number => SEED_EPOCH_MS + 30 * 86_400_000 + step++ * 53_000;
  const low = bigOrgMembers > 0 ? 1 : 0;
  const range = orgs - low;
  if (range > 0) {
    for (let i = 2; i < users; i++) {
      const home = (i * 7919) % range;
      store.add(userIdOf(i), orgIdOf(low + home), false, at());
      if (i % 3 === 0 && range > 1) {
        const second = (home + 1 + ((i * 31) % (range - 1))) % range;
        store.add(userIdOf(i), orgIdOf(low + second), false, at());
      }
    }
  }
  for (let i = 0; i < Math.min(bigOrgMembers, users); i++) store.add(userIdOf(i), orgIdOf(0), false, at());
}
