// How many unsolved tickets a removal takes out of their organization, counted before the user
// confirms: Zendesk unassigns the "working" tickets of the user/organization pair (API-NOTES §1.1;
// docs/notes/search-and-job-list.md), and `search/count` tells how many there are without listing them. When the count cannot
// be had, the confirmation says so instead of guessing.
import * as vscode from 'vscode';
import { isZendeskError, unsolvedTicketsQuery } from '../zendesk';
import type { ZendeskClient } from '../zendesk';
import { type LiteralText, literal } from '../outsideText';
import { countMessages } from '../countMessages';

export type TicketImpact = { counted: true; tickets: number } | { counted: false; reason: LiteralText };

/** Bulk previews count at most this many distinct user/organization pairs (one request each)… */
export const MAX_COUNTED_PAIRS = 50;
/** …at most this many at once. */
const CONCURRENT_COUNTS = 4;

export interface BulkTicketImpact {
  /** Tickets counted, over the pairs that could be counted. */
  tickets: number;
  pairs: number;
  counted: number;
  /** Pairs whose count failed (the first reason is kept). */
  failed: number;
  reason?: LiteralText;
}

/** The user's unsolved tickets in the organization; an abort ends it, any other failure becomes a reason. */
export async function ticketImpact(client: ZendeskClient, userId: number, organizationId: number, signal: AbortSignal): Promise<TicketImpact> {
  try {
    return { counted: true, tickets: await client.countSearchResults(unsolvedTicketsQuery(userId, organizationId), { signal }) };
  } catch (error) {
    if (signal.aborted) {
      throw error;
    }
    return { counted: false, reason: describeCountFailure(error) };
  }
}

/** The total for a bulk removal: one count per distinct pair, for the first `MAX_COUNTED_PAIRS` pairs. */
export async function bulkTicketImpact(client: ZendeskClient, items: ReadonlyArray<{ userId: number; organizationId: number }>, signal: AbortSignal): Promise<BulkTicketImpact> {
  const pairs = [...new Map(items.map((item) => [`${item.userId}:${item.organizationId}`, item])).values()];
  const toCount = pairs.slice(0, MAX_COUNTED_PAIRS);
  const impact: BulkTicketImpact = { tickets: 0, pairs: pairs.length, counted: 0, failed: 0 };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < toCount.length) {
      const pair = toCount[next++];
      const one = await ticketImpact(client, pair.userId, pair.organizationId, signal);
      if (one.counted) {
        impact.tickets += one.tickets;
        impact.counted++;
      } else {
        impact.failed++;
        impact.reason ??= one.reason;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_COUNTS, toCount.length) }, worker));
  return impact;
}

/** The sentence of a single removal's confirmation. @literalText */
export function describeTicketImpact(impact: TicketImpact, userName: string, organizationName: string): string {
  if (!impact.counted) {
    return vscode.l10n.t(
      "Zendesk also unassigns {0}'s unsolved tickets in {1} (their organization is set to none), but how many could not be counted: {2}.",
      literal(userName), literal(organizationName), impact.reason,
    );
  }
  return countMessages.ticketsLoseOrganization(impact.tickets, literal(userName), literal(organizationName));
}

/** The line a bulk removal's preview adds. @literalText */
export function describeBulkTicketImpact(impact: BulkTicketImpact): string {
  if (impact.counted === 0 && impact.failed > 0) {
    return vscode.l10n.t('How many unsolved tickets lose their organization could not be counted: {0}.', impact.reason ?? literal(''));
  }
  const lines = [impact.counted < impact.pairs
    ? countMessages.atLeastTicketsLoseOrganization(impact.tickets, impact.counted, impact.pairs)
    : countMessages.bulkTicketsLoseOrganization(impact.tickets)];
  if (impact.failed > 0) {
    lines.push(countMessages.pairsNotCounted(impact.failed, impact.reason ?? literal('')));
  }
  return lines.join(' ');
}

/** Why a count failed, short and shown literally (the status says most; the text may come from Zendesk). */
function describeCountFailure(error: unknown): LiteralText {
  return literal(failureText(error), 200);
}

function failureText(error: unknown): string {
  if (isZendeskError(error)) {
    switch (error.status) {
      case 403: return vscode.l10n.t('your Zendesk role may not search tickets');
      case 429: return vscode.l10n.t('Zendesk is rate limiting searches');
      case 0: return vscode.l10n.t("Zendesk couldn't be reached");
      default: return vscode.l10n.t('Zendesk answered {0}', error.status);
    }
  }
  return error instanceof Error ? error.message : String(error);
}
