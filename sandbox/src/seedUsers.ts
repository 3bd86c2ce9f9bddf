// Deterministic, lazy user generator. User 0 is the admin and user 1 the agent whose credentials
// the sandbox accepts; every 20th user after them is an agent, the rest are end users.
// Nulls as common as in recorded accounts (API-NOTES §13): one end user in 13 has no email,
// alias/details/notes are mostly null, a third of end users never logged in, most have no photo.
import { isoSeconds, SEED_EPOCH_MS, userIdOf } from './ids';
import type { UserRecord, UserRole } from './records';
import { FIRST_NAMES, LAST_NAMES, LOCALES, TIME_ZONES } from './seedWords';

export interface SeedIdentity {
  adminEmail: string;
  agentEmail: string;
}

export const ADMIN_NAME = 'Sandbox Admin';
export const AGENT_NAME = 'Sandbox Agent';

export function generatedUserRole(index: number): UserRole {
  if (index === 0) return 'admin';
  if (index === 1 || index % 20 === 0) return 'agent';
  return 'end-user';
}

export function generatedUserName(index: number): string {
  if (index === 0) return ADMIN_NAME;
  if (index === 1) return AGENT_NAME;
  const first = FIRST_NAMES[(index * 7) % FIRST_NAMES.length];
  const last = LAST_NAMES[(index * 13 + Math.floor(index / FIRST_NAMES.length)) % LAST_NAMES.length];
  return `${first} ${last}`;
}

/** "Zoë O'Brien" → "zoe.obrien": ASCII, letters only, for email local parts. */
function slug(text: string): string {
  return text.normalize('NFD').replace(/[^A-Za-z ]/g, '').trim().toLowerCase().replace(/ +/g, '.');
}

/** End users without an email (e.g. signed up by phone): one in 13. */
export function generatedUserHasEmail(index: number): boolean {
  return generatedUserRole(index) !== 'end-user' || index % 13 !== 6;
}

export function generatedUserEmail(index: number, identity: SeedIdentity): string | null {
  if (index === 0) return identity.adminEmail;
  if (index === 1) return identity.agentEmail;
  if (!generatedUserHasEmail(index)) return null;
  return `${slug(generatedUserName(index))}.${index}@example.com`;
}

/** The generated index an email belongs to (ignoring case), or -1. */
export function generatedIndexOfEmail(email: string, identity: SeedIdentity, count: number): number {
  const lower = email.trim().toLowerCase();
  if (lower === identity.adminEmail.toLowerCase()) return 0;
  if (lower === identity.agentEmail.toLowerCase()) return 1;
  const m = /\.(\d+)@example\.com$/.exec(lower);
  if (!m) return -1;
  const index = Number(m[1]);
  if (index < 2 || index >= count || generatedUserEmail(index, identity) !== lower) return -1;
  return index;
}

export function generateUser(index: number, identity: SeedIdentity): UserRecord {
  const [timeZone, ianaTimeZone] = TIME_ZONES[index % TIME_ZONES.length];
  const [locale, localeId] = LOCALES[index % LOCALES.length];
  const createdMs = SEED_EPOCH_MS + index * 61_000;
  const role = generatedUserRole(index);
  const endUser = role === 'end-user';
  return {
    id: userIdOf(index),
    name: generatedUserName(index),
    email: generatedUserEmail(index, identity),
    role,
    active: true,
    verified: index % 11 !== 5,
    suspended: false,
    time_zone: timeZone,
    iana_time_zone: ianaTimeZone,
    locale,
    locale_id: localeId,
    phone: index % 3 === 0 ? `+1555${String(1000000 + index).slice(-7)}` : null,
    external_id: index % 5 === 0 ? `crm-${index}` : null,
    tags: endUser ? [] : ['staff'],
    details: index % 40 === 9 ? 'Prefers contact by phone.' : null,
    notes: index % 25 === 4 ? 'Escalate billing questions to the account manager.' : null,
    photo: index % 9 === 4 ? photoOf(index, userIdOf(index)) : null,
    created_at: isoSeconds(createdMs),
    updated_at: isoSeconds(createdMs + (index % 30) * 86_400_000),
    last_login_at: endUser && index % 3 === 1 ? null : isoSeconds(createdMs + (1 + (index % 48)) * 3_600_000),
  };
}

/** A profile picture as Zendesk describes it, an attachment object (the URLs are relative to the sandbox). */
function photoOf(index: number, userId: number): Record<string, unknown> {
  const id = 390_000_000_000 + index;
  const file = `avatar-${index}.png`;
  const thumbnail = { id: id + 1, file_name: `avatar-${index}_thumb.png`, content_url: `/system/photos/${id + 1}/avatar-${index}_thumb.png`,
    content_type: 'image/png', size: 1_024, width: 32, height: 32, inline: false, deleted: false };
  return {
    id, file_name: file, content_url: `/system/photos/${id}/${file}`, mapped_content_url: `/system/photos/${id}/${file}`,
    content_type: 'image/png', size: 4_096 + (userId % 1_000), width: 80, height: 80, inline: false, deleted: false,
    thumbnails: [thumbnail],
  };
}
