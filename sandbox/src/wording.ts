// The free text of "already a member" and "not found" answers. Nothing documents it (API-NOTES
// §7, §13: the entry for "already a member" inside a membership job is not known), so clients
// must decide by status and error codes and, where they must know, by reading the record back.
// SandboxOptions.wording makes the text vary or disappear so tests can prove they do.
import type { Wording } from './options';

// Deliberately unlike the standard texts: no "already a member", "already exists", "not found".
const ALREADY_MEMBER_VARIANTS = [
  'This user belongs to that organization',
  'Mitgliedschaft existiert bereits',
  'Duplicate organization membership',
  'Cannot add: user is in the organization',
];
const NOT_FOUND_VARIANTS = [
  'No such record',
  'Nicht gefunden',
  'The record does not exist',
  'Unknown id',
];

export class Texts {
  private turn = 0;

  constructor(readonly mode: Wording) {}

  /** The details of a create that met an existing membership; undefined = leave the text out. */
  alreadyMember(userId: number, organizationId: number): string | undefined {
    return this.pick(`User ${userId} is already a member of organization ${organizationId}`, ALREADY_MEMBER_VARIANTS);
  }

  /** A "not found" text whose standard form is `standard` (e.g. "Not found", "User 7 not found"). */
  notFound(standard: string): string | undefined {
    return this.pick(standard, NOT_FOUND_VARIANTS);
  }

  private pick(standard: string, variants: readonly string[]): string | undefined {
    if (this.mode === 'omitted') return undefined;
    if (this.mode === 'standard') return standard;
    return variants[this.turn++ % variants.length];
  }
}
