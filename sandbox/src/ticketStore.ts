// Tickets, only as far as memberships touch them: who requested each, in which organization, and
// its status. Enough to answer `organizations/{id}/related` (tickets_count) and
// `search/count?query=type:ticket …` (search.ts), and to do what Zendesk does when a membership
// goes: "schedules a job to unassign all working tickets currently assigned to the user and
// organization combination. The organization_id of the unassigned tickets is set to null"
// (API-NOTES §1.1). unverified: "assigned to the user" read as "requested by the user" (the
// memberships are end users'); the job is done at once here, not scheduled.
import { isoSeconds, SEED_EPOCH_MS } from './ids';

/** Zendesk's ticket statuses in the order `status<solved` compares them (docs/notes/search-and-job-list.md). */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export interface TicketRecord {
  id: number;
  subject: string;
  requester_id: number;
  organization_id: number | null;
  status: TicketStatus;
  created_at: string;
  updated_at: string;
}

export interface NewTicket {
  requesterId: number;
  organizationId: number | null;
  status: TicketStatus;
  subject?: string;
  atMs?: number;
}

export const isTicketStatus = (value: unknown): value is TicketStatus => (TICKET_STATUSES as readonly unknown[]).includes(value);

/** "Working" tickets: not solved or closed (what an unassign takes out of the organization). */
export const isUnsolved = (status: TicketStatus): boolean => TICKET_STATUSES.indexOf(status) < TICKET_STATUSES.indexOf('solved');

export class TicketStore {
  private readonly byId = new Map<number, TicketRecord>();
  private readonly byRequester = new Map<number, number[]>();
  private readonly byOrganization = new Map<number, Set<number>>();
  private nextId = 1; // ticket ids are small and sequential per account, as Zendesk numbers them

  get size(): number {
    return this.byId.size;
  }

  add(input: NewTicket): TicketRecord {
    const at = isoSeconds(input.atMs ?? Date.now());
    const id = this.nextId++;
    const ticket: TicketRecord = {
      id,
      subject: input.subject ?? `Request #${id}`,
      requester_id: input.requesterId,
      organization_id: input.organizationId,
      status: input.status,
      created_at: at,
      updated_at: at,
    };
    this.byId.set(id, ticket);
    const own = this.byRequester.get(ticket.requester_id);
    if (own) own.push(id);
    else this.byRequester.set(ticket.requester_id, [id]);
    this.index(ticket);
    return ticket;
  }

  ofRequester(userId: number): TicketRecord[] {
    return (this.byRequester.get(userId) ?? []).map((id) => this.byId.get(id) as TicketRecord);
  }

  ofOrganization(orgId: number): TicketRecord[] {
    return [...this.byOrganization.get(orgId) ?? []].map((id) => this.byId.get(id) as TicketRecord);
  }

  countOfOrganization(orgId: number): number {
    return this.byOrganization.get(orgId)?.size ?? 0;
  }

  /** Every ticket, for queries that name neither a requester nor an organization. */
  all(): IterableIterator<TicketRecord> {
    return this.byId.values();
  }

  /** The user's working tickets in the organization lose it (organization_id null); how many did. */
  unassign(userId: number, orgId: number, atMs = Date.now()): number {
    let count = 0;
    for (const ticket of this.ofRequester(userId)) {
      if (ticket.organization_id === orgId && isUnsolved(ticket.status)) {
        this.byOrganization.get(orgId)?.delete(ticket.id);
        ticket.organization_id = null;
        ticket.updated_at = isoSeconds(atMs);
        count++;
      }
    }
    return count;
  }

  private index(ticket: TicketRecord): void {
    if (ticket.organization_id === null) return;
    const set = this.byOrganization.get(ticket.organization_id);
    if (set) set.add(ticket.id);
    else this.byOrganization.set(ticket.organization_id, new Set([ticket.id]));
  }
}

/**
 * Deterministic tickets for the seeded memberships: the k-th membership's user has k % 4 tickets
 * in that organization (0–3), their statuses cycling through all six, so about two in three are
 * unsolved. Dated after the seed epoch, one minute apart.
 */
export function seedTickets(tickets: TicketStore, memberships: ReadonlyArray<{ user_id: number; organization_id: number }>): void {
  let status = 0;
  memberships.forEach((membership, k) => {
    for (let n = 0; n < k % 4; n++) {
      tickets.add({
        requesterId: membership.user_id,
        organizationId: membership.organization_id,
        status: TICKET_STATUSES[status++ % TICKET_STATUSES.length],
        atMs: SEED_EPOCH_MS + 60 * 86_400_000 + tickets.size * 60_000,
      });
    }
  });
}
