// Test data picked from the sandbox store directly, so each test knows which records exist
// without depending on another test's API calls.
import type { Sandbox } from '../../src/server';

/** No generated record has this id (ids are 12-digit). */
export const UNKNOWN_ID = 999_999_999;
/** A well-formed job id that no job has. */
export const UNKNOWN_JOB_ID = '0123456789abcdef0123456789abcdef';

export class SandboxFixtures {
  private readonly usedPairs = new Set<string>();

  constructor(private readonly sandbox: Sandbox) {}

  orgId(index: number): number {
    return this.sandbox.store.organizations.idAt(index);
  }

  /** Ids of generated end users (the admin is index 0, the agent index 1). */
  endUserIds(): number[] {
    const users = this.sandbox.store.users;
    const ids: number[] = [];
    for (let i = 0; i < users.count; i++) if (users.at(i).role === 'end-user') ids.push(users.idAt(i));
    return ids;
  }

  /** A user with at least `count` memberships. */
  userWithMemberships(count: number): number {
    const found = this.endUserIds().find((id) => this.sandbox.store.memberships.idsOfUser(id).length >= count);
    if (found === undefined) throw new Error(`no user has ${count} memberships`);
    return found;
  }

  /** An end user (`forUser` if given) and an organization that are not yet members, never handed out twice. */
  freshPair(forUser?: number): { userId: number; orgId: number } {
    const { store } = this.sandbox;
    for (const userId of forUser === undefined ? this.endUserIds() : [forUser]) {
      for (let i = 0; i < store.organizations.count; i++) {
        const orgId = store.organizations.idAt(i);
        const key = `${userId}:${orgId}`;
        if (!this.usedPairs.has(key) && !store.findMembership(userId, orgId)) {
          this.usedPairs.add(key);
          return { userId, orgId };
        }
      }
    }
    throw new Error('no free user/organization pair left');
  }

  /** A membership created straight in the store (not through the API under test). */
  membership(options: { default?: boolean; userId?: number } = {}): { id: number; userId: number; orgId: number } {
    const { userId, orgId } = this.freshPair(options.userId);
    const record = this.sandbox.store.createMembership(userId, orgId, { default: options.default });
    return { id: record.id, userId, orgId };
  }
}
