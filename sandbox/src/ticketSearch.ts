// The part of Zendesk's search syntax that `GET /api/v2/search/count` understands here (the
// Zendesk Support search reference, docs/notes/search-and-job-list.md): space-separated terms that must all match,
//   type:ticket                      required: the sandbox counts tickets only
//   status:<s> | status<s | status>s | status<=s | status>=s
//                                    s one of new, open, pending, hold, solved, closed, compared
//                                    in that order (status<solved = new, open, pending, hold)
//   requester:<user id | email>      whose request it is
//   organization:<id | name | none>  the ticket's organization (none: no organization)
// Anything else — free text, other keywords, negation, wildcards — is refused with a message
// naming it, never matched loosely: a count the sandbox cannot compute must not look like one.
import { isTicketStatus, TICKET_STATUSES, type TicketRecord, type TicketStatus } from './ticketStore';

export interface TicketQuery {
  matches(ticket: TicketRecord): boolean;
  /** When the query names one requester, only their tickets need looking at. */
  requesterId?: number;
  /** When it names one organization (not none), only its tickets need looking at. */
  organizationId?: number;
}

export interface TicketQueryLookups {
  userIdByEmail(email: string): number | undefined;
  organizationIdByName(name: string): number | undefined;
}

export type ParsedTicketQuery = { ok: true; query: TicketQuery } | { ok: false; message: string };

const TERM = /^(-?)([A-Za-z_]+)(:|<=|>=|<|>)(?:"([^"]*)"|(\S+))$/;

export function parseTicketQuery(text: string, lookups: TicketQueryLookups): ParsedTicketQuery {
  const terms = tokenize(text);
  if (terms.length === 0) return { ok: false, message: 'query is empty' };
  const matchers: Array<(ticket: TicketRecord) => boolean> = [];
  const query: TicketQuery = { matches: (ticket) => matchers.every((matches) => matches(ticket)) };
  let typed = false;
  for (const term of terms) {
    const m = TERM.exec(term);
    if (!m) return refuse(`"${term}" is not a keyword term (the sandbox understands only type:, status:, requester: and organization:)`);
    const [, negated, rawKeyword, operator, quoted, bare] = m;
    const keyword = rawKeyword.toLowerCase();
    const value = (quoted ?? bare ?? '').trim();
    if (negated) return refuse(`negated terms ("${term}") are not supported by the sandbox`);
    if (value === '' || value.includes('*')) return refuse(`"${term}" needs a whole value (no wildcards in the sandbox)`);
    if (keyword !== 'status' && operator !== ':') return refuse(`"${keyword}" takes ":" only`);
    switch (keyword) {
      case 'type':
        if (value.toLowerCase() !== 'ticket') return refuse(`the sandbox counts tickets only (got type:${value})`);
        typed = true;
        break;
      case 'status': {
        const status = value.toLowerCase();
        if (!isTicketStatus(status)) return refuse(`unknown ticket status "${value}" (one of ${TICKET_STATUSES.join(', ')})`);
        matchers.push(compareStatus(operator, status));
        break;
      }
      case 'requester': {
        const userId = /^\d{1,16}$/.test(value) ? Number(value) : value.includes('@') ? lookups.userIdByEmail(value) : undefined;
        if (userId === undefined && !value.includes('@')) return refuse(`requester: takes a user id or an email in the sandbox (got "${value}")`);
        query.requesterId = userId ?? -1; // an unknown email matches nothing
        matchers.push((ticket) => ticket.requester_id === userId);
        break;
      }
      case 'organization': {
        if (value.toLowerCase() === 'none') {
          matchers.push((ticket) => ticket.organization_id === null);
          break;
        }
        const orgId = /^\d{1,16}$/.test(value) ? Number(value) : lookups.organizationIdByName(value);
        query.organizationId = orgId ?? -1;
        matchers.push((ticket) => ticket.organization_id !== null && ticket.organization_id === orgId);
        break;
      }
      default:
        return refuse(`the sandbox does not support searching tickets by "${keyword}"`);
    }
  }
  if (!typed) return refuse('add type:ticket (the sandbox counts tickets only)');
  return { ok: true, query };
}

function compareStatus(operator: string, status: TicketStatus): (ticket: TicketRecord) => boolean {
  const wanted = TICKET_STATUSES.indexOf(status);
  const rank = (ticket: TicketRecord): number => TICKET_STATUSES.indexOf(ticket.status);
  switch (operator) {
    case '<': return (ticket) => rank(ticket) < wanted;
    case '>': return (ticket) => rank(ticket) > wanted;
    case '<=': return (ticket) => rank(ticket) <= wanted;
    case '>=': return (ticket) => rank(ticket) >= wanted;
    default: return (ticket) => rank(ticket) === wanted;
  }
}

/** Splits on spaces outside double quotes. */
function tokenize(text: string): string[] {
  return [...text.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0]);
}

function refuse(message: string): ParsedTicketQuery {
  return { ok: false, message };
}
