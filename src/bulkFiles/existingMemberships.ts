// Which of a set of (user, organization) pairs are already memberships, in few requests.
//
// Zendesk can list memberships per organization or per user (100 per page); a user has few
// memberships, so listing a user costs one request, while an organization costs one request per
// 100 members — a number Zendesk does not tell us in advance. So:
// - when there are no more distinct users than organizations, list each user (one request each);
// - otherwise list each organization, but page through one only while that is cheaper than the
//   alternative: at most as many pages as it has users still in question. If the listing is not
//   finished by then, those users are listed one by one instead. That never costs more than
//   twice the better of the two choices, and usually costs exactly the better one (a bulk add
//   into one small or mid-sized organization is a handful of pages for hundreds of users).
// A listing stops early once every pair it could answer is answered.
import type { OrganizationMembership, PageCursor, ZendeskClient } from '../zendesk';
import { MAX_PAGE_SIZE } from '../zendesk';
import { PlanProgress, eachYielding, filterYielding, forEachLimited } from './planSteps';

export interface Pair {
  userId: number;
  organizationId: number;
}

export interface ExistingMemberships {
  /** The membership linking a pair, or undefined when there is none. */
  of(pair: Pair): OrganizationMembership | undefined;
  /** Every membership seen while answering, by id (membership ids in a remove file may be among them). */
  seen: Map<number, OrganizationMembership>;
}

const keyOf = (userId: number, organizationId: number): string => `${userId}:${organizationId}`;

export async function findExistingMemberships(client: ZendeskClient, pairs: readonly Pair[], progress: PlanProgress, signal?: AbortSignal): Promise<ExistingMemberships> {
  const usersByOrganization = new Map<number, Set<number>>();
  const organizationsByUser = new Map<number, Set<number>>();
  await eachYielding(pairs, ({ userId, organizationId }) => {
    addTo(usersByOrganization, organizationId, userId);
    addTo(organizationsByUser, userId, organizationId);
  });
  const found = new Map<string, OrganizationMembership>();
  const seen = new Map<number, OrganizationMembership>();
  /** Pairs with a known answer (a membership or none). */
  const answered = new Set<string>();
  const notice = (membership: OrganizationMembership): void => {
    seen.set(membership.id, membership);
    const key = keyOf(membership.user_id, membership.organization_id);
    if (usersByOrganization.get(membership.organization_id)?.has(membership.user_id)) {
      found.set(key, membership);
      answered.add(key);
    }
  };

  const listUser = async (userId: number): Promise<void> => {
    let cursor: PageCursor | undefined;
    do {
      const page = await client.listOrganizationMemberships({ userId }).page(cursor, { pageSize: MAX_PAGE_SIZE, signal });
      progress.step();
      page.items.forEach(notice);
      cursor = page.nextCursor;
      if (cursor) progress.expect(1);
    } while (cursor);
    for (const organizationId of organizationsByUser.get(userId) ?? []) answered.add(keyOf(userId, organizationId));
  };

  const userCount = organizationsByUser.size;
  const organizationCount = usersByOrganization.size;
  if (userCount <= organizationCount) {
    progress.expect(userCount);
    await forEachLimited([...organizationsByUser.keys()], listUser, signal);
  } else {
    // Organizations one at a time: each one's outcome shrinks the work left for the next.
    progress.expect(organizationCount);
    for (const [organizationId, userIds] of usersByOrganization) {
      signal?.throwIfAborted();
      const open = (): Promise<number[]> => filterYielding(userIds, (userId) => !answered.has(keyOf(userId, organizationId)));
      if ((await open()).length === 0) {
        progress.step();
        continue;
      }
      let cursor: PageCursor | undefined;
      let pages = 0;
      let finished = false;
      for (;;) {
        const page = await client.listOrganizationMemberships({ organizationId }).page(cursor, { pageSize: MAX_PAGE_SIZE, signal });
        pages++;
        if (pages > 1) progress.expect(1);
        progress.step();
        page.items.forEach(notice);
        cursor = page.nextCursor;
        if (!cursor) {
          finished = true;
          break;
        }
        const stillOpen = (await open()).length;
        if (stillOpen === 0 || pages >= stillOpen) break;
      }
      if (finished) {
        await eachYielding(userIds, (userId) => answered.add(keyOf(userId, organizationId)));
        continue;
      }
      // Listing a user answers all of that user's pairs, so no user is listed twice.
      const rest = await open();
      progress.expect(rest.length);
      await forEachLimited(rest, listUser, signal);
    }
  }
  return { of: ({ userId, organizationId }) => found.get(keyOf(userId, organizationId)), seen };
}

function addTo(index: Map<number, Set<number>>, key: number, value: number): void {
  const set = index.get(key);
  if (set) set.add(value);
  else index.set(key, new Set([value]));
}
