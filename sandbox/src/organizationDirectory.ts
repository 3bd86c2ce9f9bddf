// All organizations: the generated ones (computed on demand, never materialised) followed by
// organizations added at run time. Index i always maps to id orgIdOf(i), so ids sort like indices.
import { RecordInvalidError } from './errors';
import { indexOfId, isoSeconds, ORG_ID_BASE, ORG_ID_STEP, orgIdOf } from './ids';
import type { OrganizationRecord } from './records';
import {
  generatedIndexOfExternalId, generatedIndexOfName, generatedIndicesWithPrefix, generatedOrgName, generateOrganization,
} from './seedOrganizations';

export interface NewOrganization {
  name: string;
  external_id?: string | null;
  details?: string | null;
  notes?: string | null;
  domain_names?: string[];
  tags?: string[];
  shared_tickets?: boolean;
  shared_comments?: boolean;
  organization_fields?: Record<string, string | number>;
}

export class OrganizationDirectory {
  private readonly extras: OrganizationRecord[] = [];
  private readonly extraByName = new Map<string, number>();
  private readonly extraByExternalId = new Map<string, number>();
  private computed = 0;

  constructor(private readonly generated: number) {}

  /** How many generated records have been computed so far: proves a page costs only its own items. */
  get generatedRecordsComputed(): number {
    return this.computed;
  }

  get count(): number {
    return this.generated + this.extras.length;
  }

  idAt(index: number): number {
    return orgIdOf(index);
  }

  at(index: number): OrganizationRecord {
    if (index >= this.generated) return this.extras[index - this.generated];
    this.computed++;
    return generateOrganization(index);
  }

  nameAt(index: number): string {
    return index < this.generated ? generatedOrgName(index) : this.extras[index - this.generated].name;
  }

  indexOf(id: number): number {
    const index = indexOfId(id, ORG_ID_BASE, ORG_ID_STEP);
    return index >= 0 && index < this.count ? index : -1;
  }

  get(id: number): OrganizationRecord | undefined {
    const index = this.indexOf(id);
    return index < 0 ? undefined : this.at(index);
  }

  byExternalId(externalId: string): OrganizationRecord | undefined {
    const generated = generatedIndexOfExternalId(externalId);
    if (generated >= 0 && generated < this.generated) return this.at(generated);
    const extra = this.extraByExternalId.get(externalId.trim().toLowerCase());
    return extra === undefined ? undefined : this.extras[extra];
  }

  /** The organization named `name` exactly, ignoring case and surrounding whitespace. */
  byName(name: string): OrganizationRecord | undefined {
    const trimmed = name.trim();
    const generated = generatedIndexOfName(trimmed);
    if (generated >= 0 && generated < this.generated) return this.at(generated);
    const extra = this.extraByName.get(trimmed.toLowerCase());
    return extra === undefined ? undefined : this.extras[extra];
  }

  private nameTaken(name: string): boolean {
    return this.byName(name) !== undefined;
  }

  add(input: NewOrganization): OrganizationRecord {
    // Zendesk trims surrounding whitespace before its uniqueness check (API-NOTES §3.2).
    // unverified: the check ignores case.
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name === '') throw new RecordInvalidError({ name: [{ description: 'Name cannot be blank', error: 'BlankValue' }] });
    if (this.nameTaken(name)) {
      throw new RecordInvalidError({ name: [{ description: `Name: ${name} has already been taken`, error: 'DuplicateValue' }] });
    }
    const externalId = input.external_id ?? null;
    if (externalId !== null && this.byExternalId(externalId)) {
      throw new RecordInvalidError({
        external_id: [{ description: `External: ${externalId} has already been taken`, error: 'DuplicateValue' }],
      });
    }
    const now = isoSeconds(Date.now());
    const record: OrganizationRecord = {
      id: orgIdOf(this.count),
      name,
      external_id: externalId,
      details: input.details ?? null,
      notes: input.notes ?? null,
      domain_names: input.domain_names ?? [],
      group_id: null,
      shared_tickets: input.shared_tickets ?? false,
      shared_comments: input.shared_comments ?? false,
      tags: input.tags ?? [],
      organization_fields: input.organization_fields ?? {},
      created_at: now,
      updated_at: now,
    };
    this.extraByName.set(name.toLowerCase(), this.extras.length);
    if (externalId !== null) this.extraByExternalId.set(externalId.trim().toLowerCase(), this.extras.length);
    this.extras.push(record);
    return record;
  }

  /** Indices of organizations whose name starts with `prefix` (case-insensitive), by name then id. */
  indicesWithNamePrefix(prefix: string): number[] {
    const p = prefix.toLowerCase();
    const indices = generatedIndicesWithPrefix(p, this.generated);
    this.extras.forEach((org, k) => {
      if (org.name.toLowerCase().startsWith(p)) indices.push(this.generated + k);
    });
    const keyed = indices.map((i) => ({ i, name: this.nameAt(i).toLowerCase() }));
    keyed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.i - b.i));
    return keyed.map((k) => k.i);
  }
}
