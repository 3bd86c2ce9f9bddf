// Id and timestamp schemes shared by the generators and the store.
// Ids are large like Zendesk's (12 digits, far below 2^53) and deliberately not contiguous,
// so a client that assumes `id + 1` or small integers fails here as it would live.

export const ORG_ID_BASE = 360_000_000_000;
export const ORG_ID_STEP = 13;
export const USER_ID_BASE = 372_000_000_000;
export const USER_ID_STEP = 17;
export const MEMBERSHIP_ID_BASE = 380_000_000_000;
export const MEMBERSHIP_ID_STEP = 11;

export const orgIdOf = (index: number): number => ORG_ID_BASE + index * ORG_ID_STEP;
export const userIdOf = (index: number): number => USER_ID_BASE + index * USER_ID_STEP;
export const membershipIdOf = (seq: number): number => MEMBERSHIP_ID_BASE + seq * MEMBERSHIP_ID_STEP;

/** Inverse of an id scheme: the index, or -1 when the number is not an id of that kind. */
export function indexOfId(id: number, base: number, step: number): number {
  if (!Number.isSafeInteger(id) || id < base || (id - base) % step !== 0) return -1;
  return (id - base) / step;
}

/** Parses a path/query id strictly: digits only, safe integer. */
export function parseId(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,16}$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

const dayStrings = new Map<number, string>();
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Zendesk timestamps are ISO-8601 UTC with second precision: "2012-04-03T12:34:01Z".
 * Formatted by hand with a per-day cache: seeding formats hundreds of thousands of them.
 */
export function isoSeconds(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const day = Math.floor(seconds / 86_400);
  let date = dayStrings.get(day);
  if (date === undefined) {
    date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (dayStrings.size > 50_000) dayStrings.clear();
    dayStrings.set(day, date);
  }
  const rest = seconds - day * 86_400;
  return `${date}T${pad2(Math.floor(rest / 3600))}:${pad2(Math.floor((rest % 3600) / 60))}:${pad2(rest % 60)}Z`;
}

/** Job messages use "Completed at 2018-03-08 10:07:04 +0000". */
export function jobTimestamp(ms: number): string {
  return isoSeconds(ms).replace('T', ' ').replace('Z', ' +0000');
}

/** Generated records are dated deterministically from this instant onwards. */
export const SEED_EPOCH_MS = Date.UTC(2019, 0, 1);
