// Deterministic, lazy organization generator: org N is computed from N alone, so a sandbox with a
// million organizations costs nothing until a page is asked for. Names are "<First> <Second>"
// combinations, then the same combinations with a suffix ("… Group", …, then "… 2", "… 3").
// details, notes and external_id are mostly null, as in recorded accounts (API-NOTES §13: 99 of
// 100 organizations on one page had details null): details on one in 50, notes on one in 10,
// an external id on one in 4.
import { isoSeconds, orgIdOf, SEED_EPOCH_MS } from './ids';
import type { OrganizationRecord } from './records';
import { CITIES, ORG_FIRST_WORDS, ORG_SECOND_WORDS, ORG_SUFFIXES, STREET_NAMES, TIERS } from './seedWords';

const NA = ORG_FIRST_WORDS.length;
const NB = ORG_SECOND_WORDS.length;
const COMBOS = NA * NB;
const NS = ORG_SUFFIXES.length;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
// A multiplier coprime with COMBOS scatters consecutive indices over the combinations, so
// neighbouring orgs do not all share a first word.
const SCATTER = ((): number => {
  let p = Math.floor(COMBOS * 0.618);
  while (gcd(p, COMBOS) !== 1) p++;
  return p;
})();
const UNSCATTER = ((): number => {
  for (let x = 1; x < COMBOS; x++) if ((SCATTER * x) % COMBOS === 1) return x;
  throw new Error('no modular inverse');
})();

const firstIndex = new Map(ORG_FIRST_WORDS.map((w, i) => [w.toLowerCase(), i]));
const secondIndex = new Map(ORG_SECOND_WORDS.map((w, i) => [w.toLowerCase(), i]));
const suffixRound = new Map(ORG_SUFFIXES.map((w, i) => [w.toLowerCase(), i + 1]));
const comboBaseLower = Array.from({ length: COMBOS }, (_, c) => comboBase(c).toLowerCase());

function comboBase(combo: number): string {
  return `${ORG_FIRST_WORDS[Math.floor(combo / NB)]} ${ORG_SECOND_WORDS[combo % NB]}`;
}

function suffixOf(round: number): string {
  if (round === 0) return '';
  return round <= NS ? ORG_SUFFIXES[round - 1] : String(round - NS + 1);
}

function partsOf(index: number): { combo: number; round: number } {
  return { combo: ((index % COMBOS) * SCATTER) % COMBOS, round: Math.floor(index / COMBOS) };
}

function indexOf(combo: number, round: number): number {
  return round * COMBOS + ((combo * UNSCATTER) % COMBOS);
}

export function generatedOrgName(index: number): string {
  const { combo, round } = partsOf(index);
  const suffix = suffixOf(round);
  return suffix ? `${comboBase(combo)} ${suffix}` : comboBase(combo);
}

/** The generated index whose name equals `name` (case-insensitive), or -1. */
export function generatedIndexOfName(name: string): number {
  const tokens = name.trim().toLowerCase().split(' ');
  if (tokens.length < 2) return -1;
  const a = firstIndex.get(tokens[0]);
  const b = secondIndex.get(tokens[1]);
  if (a === undefined || b === undefined) return -1;
  const rest = tokens.slice(2).join(' ');
  let round = 0;
  if (rest !== '') {
    const named = suffixRound.get(rest);
    if (named !== undefined) round = named;
    else if (/^[1-9]\d*$/.test(rest) && Number(rest) >= 2) round = Number(rest) + NS - 1;
    else return -1;
  }
  return indexOf(a * NB + b, round);
}

/** Generated indices below `count` whose name starts with `prefix` (case-insensitive). */
export function generatedIndicesWithPrefix(prefix: string, count: number): number[] {
  const p = prefix.toLowerCase();
  const rounds = Math.ceil(count / COMBOS);
  const out: number[] = [];
  const push = (combo: number, round: number): void => {
    const i = indexOf(combo, round);
    if (i < count) out.push(i);
  };
  // Work per combination rather than per org: at most one combination can match past its base.
  for (let combo = 0; combo < COMBOS; combo++) {
    const base = comboBaseLower[combo];
    if (base.startsWith(p)) {
      for (let r = 0; r < rounds; r++) push(combo, r);
    } else if (p.startsWith(`${base} `)) {
      const rest = p.slice(base.length + 1);
      for (let r = 1; r < rounds; r++) if (suffixOf(r).toLowerCase().startsWith(rest)) push(combo, r);
    }
  }
  return out;
}

/** Organizations with an external id: one in 4 (indices 1, 5, 9, …). */
export function generatedOrgHasExternalId(index: number): boolean {
  return index % 4 === 1;
}

export function generatedOrgExternalId(index: number): string | null {
  return generatedOrgHasExternalId(index) ? `ORG-${String(index).padStart(6, '0')}` : null;
}

/** Inverse of generatedOrgExternalId (case-insensitive, like Zendesk's external ids), or -1. */
export function generatedIndexOfExternalId(externalId: string): number {
  const m = /^org-(\d{6,})$/i.exec(externalId.trim());
  if (!m || (m[1].length > 6 && m[1].startsWith('0'))) return -1;
  const index = Number(m[1]);
  return generatedOrgHasExternalId(index) ? index : -1;
}

export function generateOrganization(index: number): OrganizationRecord {
  const { combo, round } = partsOf(index);
  const first = ORG_FIRST_WORDS[Math.floor(combo / NB)];
  const second = ORG_SECOND_WORDS[combo % NB];
  const slug = `${first}-${second}${round > 0 ? `-${round}` : ''}`.toLowerCase();
  const tier = TIERS[index % TIERS.length];
  const createdMs = SEED_EPOCH_MS + index * 97_000;
  return {
    id: orgIdOf(index),
    name: generatedOrgName(index),
    external_id: generatedOrgExternalId(index),
    details: index % 50 === 7 ? `${100 + ((index * 37) % 900)} ${STREET_NAMES[index % STREET_NAMES.length]} Street, ${CITIES[(index * 3) % CITIES.length]}` : null,
    notes: index % 10 === 3 ? `${tier[0].toUpperCase()}${tier.slice(1)} tier customer since ${isoSeconds(createdMs).slice(0, 4)}.` : null,
    domain_names: index % 2 === 0 ? [`${slug}.example.com`] : [`${slug}.test`, `mail.${slug}.test`],
    group_id: null,
    shared_tickets: index % 3 === 0,
    shared_comments: index % 6 === 0,
    tags: [second.toLowerCase(), tier],
    organization_fields: {},
    created_at: isoSeconds(createdMs),
    updated_at: isoSeconds(createdMs + (index % 90) * 86_400_000),
  };
}
