/**
 * Zendesk's retirement of API tokens (developer.zendesk.com, "Migrating from API tokens to OAuth
 * access tokens"): no new tokens since 2026-10-27, and every token stops working on 2027-04-30.
 * The warning grows as the date nears; after it, API-token sign-in is refused with a clear error.
 * No `vscode` import: unit-tested with any date.
 */
export const API_TOKENS_END = Date.UTC(2027, 3, 30);

export type SunsetLevel = 'info' | 'warning' | 'urgent' | 'ended';

export interface SunsetNotice {
  level: SunsetLevel;
  daysLeft: number;
}

const DAY_MS = 86_400_000;

export function apiTokenSunset(now: number): SunsetNotice {
  const daysLeft = Math.ceil((API_TOKENS_END - now) / DAY_MS);
  if (daysLeft <= 0) {
    return { level: 'ended', daysLeft: 0 };
  }
  return { level: daysLeft <= 30 ? 'urgent' : daysLeft <= 90 ? 'warning' : 'info', daysLeft };
}
