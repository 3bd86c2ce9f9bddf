import { ZendeskError, ZendeskInputError, isZendeskError } from './errors';
import type { RequestSpec, WaitNotice, ZendeskHttp } from './http';
import { mayHaveApplied } from './uncertainty';
import { PageOptions, PagedList, pagedList } from './paging';
import type { JobStatus, OrganizationMembership } from './types';
import { requireId, requireIds } from './validate';

export interface CallOptions {
  signal?: AbortSignal;
  /** Told of this call's waits (rate limit, outage), e.g. to say so in a progress notification. */
  onWait?: (notice: WaitNotice) => void;
}

export interface MembershipListParams {
  userId?: number;
  organizationId?: number;
  /** Sideloads; Zendesk documents them for the account-wide and per-user lists. */
  include?: Array<'users' | 'organizations'>;
}

export interface NewMembership {
  userId: number;
  organizationId: number;
  default?: boolean;
}

/** Zendesk's bulk endpoints take at most 100 items per request. */
export const MAX_BULK_ITEMS = 100;

const MEMBERSHIPS = '/api/v2/organization_memberships';

export function membershipOperations(http: ZendeskHttp) {
  const userMemberships = async (userId: number, signal?: AbortSignal): Promise<OrganizationMembership[]> => {
    const memberships: OrganizationMembership[] = [];
    for await (const membership of operations.listOrganizationMemberships({ userId }, { signal })) {
      memberships.push(membership);
    }
    return memberships;
  };
  const findMembership = async (userId: number, organizationId: number, signal?: AbortSignal): Promise<OrganizationMembership | undefined> =>
    (await userMemberships(userId, signal)).find((membership) => membership.organization_id === organizationId);
  /**
   * A write failed in a way that may still have applied it (see `mayHaveApplied`): read back
   * what Zendesk holds now. `applied` returns the call's result when the write is visible there,
   * undefined when it is not; then, or when the read fails too, the write's own error stands.
   */
  const confirmed = async <T>(error: unknown, applied: () => Promise<T | undefined>): Promise<T> => {
    if (!mayHaveApplied(error)) {
      throw error;
    }
    const result = await applied().catch(() => undefined);
    if (result === undefined) {
      throw error;
    }
    return result;
  };

  const operations = {
    listOrganizationMemberships(params: MembershipListParams = {}, options: PageOptions = {}): PagedList<OrganizationMembership> {
      if (params.userId !== undefined && params.organizationId !== undefined) {
        throw new ZendeskInputError('userId', 'List memberships either by user or by organization, not both.');
      }
      const path = params.userId !== undefined
        ? `/api/v2/users/${requireId(params.userId, 'userId')}/organization_memberships`
        : params.organizationId !== undefined
          ? `/api/v2/organizations/${requireId(params.organizationId, 'organizationId')}/organization_memberships`
          : MEMBERSHIPS;
      const include = params.include?.length ? params.include.join(',') : undefined;
      return pagedList<OrganizationMembership>(http, { path, itemsKey: 'organization_memberships', paging: 'dual', query: { include } }, options);
    },

    async showOrganizationMembershipById(id: number, options: CallOptions = {}): Promise<OrganizationMembership> {
      return http.requestKey<OrganizationMembership>({
        method: 'GET', path: `${MEMBERSHIPS}/${requireId(id, 'membershipId')}`, signal: options.signal,
      }, 'organization_membership', 'object');
    },

    /**
     * Creates one membership. Repeating it is detectable (Zendesk answers 422 for an existing
     * pair), so it is retried even after failures that may have reached Zendesk. A 422 says only
     * that the record is invalid — neither its code nor its wording is documented for an
     * existing pair (API-NOTES §7, §13) — so the membership is read back: if it exists, the 422
     * after an uncertain attempt means our first attempt worked (the membership is returned),
     * otherwise it is an AlreadyMemberError; if it does not exist, the 422 stands.
     */
    async createOrganizationMembership(input: NewMembership, options: CallOptions = {}): Promise<OrganizationMembership> {
      const userId = requireId(input.userId, 'userId');
      const organizationId = requireId(input.organizationId, 'organizationId');
      try {
        return await http.requestKey<OrganizationMembership>({
          method: 'POST', path: MEMBERSHIPS, retry: 'keyed', signal: options.signal, onWait: options.onWait,
          body: { organization_membership: membershipBody(userId, organizationId, input.default) },
        }, 'organization_membership', 'object');
      } catch (error) {
        if (!(isZendeskError(error) && error.status === 422)) {
          // A 201 whose body broke, or a 5xx after the write: the membership tells.
          return confirmed(error, () => findMembership(userId, organizationId, options.signal));
        }
        const existing = await findMembership(userId, organizationId, options.signal);
        if (!existing) {
          throw error;
        }
        if (error.afterUncertainAttempt) {
          return existing;
        }
        throw new AlreadyMemberError(error, existing, `User ${userId} is already a member of organization ${organizationId}.`);
      }
    },

    async deleteOrganizationMembership(id: number, options: CallOptions = {}): Promise<void> {
      const path = `${MEMBERSHIPS}/${requireId(id, 'membershipId')}`;
      await deleteIdempotently(http, { method: 'DELETE', path, signal: options.signal, onWait: options.onWait }).catch((error: unknown) =>
        confirmed(error, () => http.request({ method: 'GET', path, signal: options.signal }).then(() => undefined, (readError: unknown) => {
          if (isZendeskError(readError) && readError.status === 404) {
            return true; // gone, as asked
          }
          throw readError;
        })));
    },

    /** Queues a background job for up to 100 memberships; returns its first status. */
    async createManyOrganizationMemberships(items: readonly NewMembership[], options: CallOptions = {}): Promise<JobStatus> {
      if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BULK_ITEMS) {
        throw new ZendeskInputError('items', `Create many takes 1 to ${MAX_BULK_ITEMS} memberships per request (got ${items?.length ?? 0}).`);
      }
      const memberships = items.map((item, index) => membershipBody(
        requireId(item.userId, `items[${index}].userId`), requireId(item.organizationId, `items[${index}].organizationId`), item.default,
      ));
      return http.requestKey<JobStatus>({
        method: 'POST', path: `${MEMBERSHIPS}/create_many`, body: { organization_memberships: memberships }, signal: options.signal,
      }, 'job_status', 'object');
    },

    /**
     * Queues a background job deleting up to 100 memberships (ids sent comma-joined). Like
     * create_many it is repeated only when Zendesk provably did nothing: a repeat would queue a
     * second job.
     */
    async deleteManyOrganizationMemberships(ids: readonly number[], options: CallOptions = {}): Promise<JobStatus> {
      const checked = requireIds(ids, 'ids', MAX_BULK_ITEMS);
      return http.requestKey<JobStatus>({
        method: 'DELETE', path: `${MEMBERSHIPS}/destroy_many`, query: { ids: checked.join(',') }, retry: 'unsafe', signal: options.signal,
      }, 'job_status', 'object');
    },

    /** Makes a membership the user's default; Zendesk answers with all of the user's memberships. */
    async setOrganizationMembershipAsDefault(input: { userId: number; membershipId: number }, options: CallOptions = {}): Promise<OrganizationMembership[]> {
      const userId = requireId(input.userId, 'userId');
      const membershipId = requireId(input.membershipId, 'membershipId');
      return http.requestKey<OrganizationMembership[]>({
        method: 'PUT', path: `/api/v2/users/${userId}/organization_memberships/${membershipId}/make_default`, signal: options.signal, onWait: options.onWait,
      }, 'organization_memberships', 'list').catch((error: unknown) => confirmed(error, async () => {
        const memberships = await userMemberships(userId, options.signal);
        return memberships.some((membership) => membership.id === membershipId && membership.default === true) ? memberships : undefined;
      }));
    },

    /** Removes the user from the organization (Zendesk also unassigns their open tickets there). */
    async unassignOrganization(input: { organizationId: number; userId: number }, options: CallOptions = {}): Promise<void> {
      const userId = requireId(input.userId, 'userId');
      const organizationId = requireId(input.organizationId, 'organizationId');
      await deleteIdempotently(http, {
        method: 'DELETE', path: `/api/v2/users/${userId}/organizations/${organizationId}`, signal: options.signal, onWait: options.onWait,
      }).catch((error: unknown) => confirmed(error, async () => (await findMembership(userId, organizationId, options.signal)) ? undefined : true));
    },

    /** Makes the organization the user's default; Zendesk answers with that one membership. */
    async setOrganizationAsDefault(input: { userId: number; organizationId: number }, options: CallOptions = {}): Promise<OrganizationMembership> {
      const userId = requireId(input.userId, 'userId');
      const organizationId = requireId(input.organizationId, 'organizationId');
      return http.requestKey<OrganizationMembership>({
        method: 'PUT', path: `/api/v2/users/${userId}/organizations/${organizationId}/make_default`, signal: options.signal, onWait: options.onWait,
      }, 'organization_membership', 'object').catch((error: unknown) => confirmed(error, async () => {
        const membership = await findMembership(userId, organizationId, options.signal);
        return membership?.default === true ? membership : undefined;
      }));
    },
  };
  return operations;
}

/**
 * A DELETE retried after an attempt that may have reached Zendesk (a reset, a timeout, a 5xx) can
 * meet 404 because that attempt already deleted: the record is gone, as asked, so that is success.
 */
async function deleteIdempotently(http: ZendeskHttp, spec: RequestSpec): Promise<void> {
  try {
    await http.request(spec);
  } catch (error) {
    if (!(isZendeskError(error) && error.status === 404 && error.code === 'RecordNotFound' && error.afterUncertainAttempt)) {
      throw error;
    }
  }
}

function membershipBody(userId: number, organizationId: number, isDefault: boolean | undefined): Record<string, unknown> {
  return isDefault === undefined
    ? { user_id: userId, organization_id: organizationId }
    : { user_id: userId, organization_id: organizationId, default: isDefault };
}

/** Zendesk's 422 for a create whose membership, read back, exists: the user is already a member. */
export class AlreadyMemberError extends ZendeskError {
  constructor(refusal: ZendeskError, readonly existing: OrganizationMembership, message: string) {
    super({ ...refusal.toInit(), message });
  }
}

export function isAlreadyMemberError(error: unknown): error is AlreadyMemberError {
  return error instanceof AlreadyMemberError;
}
