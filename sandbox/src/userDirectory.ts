// All users: generated ones computed on demand, then users added at run time.
import { RecordInvalidError } from './errors';
import { indexOfId, isoSeconds, USER_ID_BASE, USER_ID_STEP, userIdOf } from './ids';
import type { UserRecord, UserRole } from './records';
import { generatedIndexOfEmail, generatedUserEmail, generatedUserName, generatedUserRole, generateUser, type SeedIdentity } from './seedUsers';

export interface NewUser {
  name: string;
  /** Omitted: user.<n>@sandbox.test; null: a user without an email. */
  email?: string | null;
  role?: UserRole;
  external_id?: string | null;
  suspended?: boolean;
}

export class UserDirectory {
  private readonly extras: UserRecord[] = [];
  private readonly extraByEmail = new Map<string, number>();

  constructor(
    private readonly generated: number,
    private readonly identity: SeedIdentity,
  ) {}

  get count(): number {
    return this.generated + this.extras.length;
  }

  idAt(index: number): number {
    return userIdOf(index);
  }

  at(index: number): UserRecord {
    return index < this.generated ? generateUser(index, this.identity) : this.extras[index - this.generated];
  }

  nameAt(index: number): string {
    return index < this.generated ? generatedUserName(index) : this.extras[index - this.generated].name;
  }

  emailAt(index: number): string | null {
    return index < this.generated ? generatedUserEmail(index, this.identity) : this.extras[index - this.generated].email;
  }

  indexOf(id: number): number {
    const index = indexOfId(id, USER_ID_BASE, USER_ID_STEP);
    return index >= 0 && index < this.count ? index : -1;
  }

  get(id: number): UserRecord | undefined {
    const index = this.indexOf(id);
    return index < 0 ? undefined : this.at(index);
  }

  byEmail(email: string): UserRecord | undefined {
    const generated = generatedIndexOfEmail(email, this.identity, this.generated);
    if (generated >= 0) return this.at(generated);
    const extra = this.extraByEmail.get(email.trim().toLowerCase());
    return extra === undefined ? undefined : this.extras[extra];
  }

  add(input: NewUser): UserRecord {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name === '') throw new RecordInvalidError({ name: [{ description: 'Name: cannot be blank', error: 'BlankValue' }] });
    const index = this.count;
    const email = input.email === null ? null : (input.email ?? `user.${index}@sandbox.test`).trim().toLowerCase();
    if (email !== null && this.byEmail(email)) {
      throw new RecordInvalidError({
        email: [{ description: `Email: ${email} is already being used by another user`, error: 'DuplicateValue' }],
      });
    }
    const now = isoSeconds(Date.now());
    const record: UserRecord = {
      ...generateUser(index, this.identity),
      id: userIdOf(index),
      name,
      email,
      role: input.role ?? 'end-user',
      external_id: input.external_id ?? null,
      suspended: input.suspended ?? false,
      details: null,
      notes: null,
      photo: null,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    };
    if (email !== null) this.extraByEmail.set(email, this.extras.length);
    this.extras.push(record);
    return record;
  }

  roleAt(index: number): UserRole {
    return index < this.generated ? generatedUserRole(index) : this.extras[index - this.generated].role;
  }

  /** Indices (ascending, so ids ascend too) of users having one of `roles`. */
  indicesWithRoles(roles: ReadonlySet<string>): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.count; i++) if (roles.has(this.roleAt(i))) out.push(i);
    return out;
  }

  /** Indices of users whose name starts with `prefix` (case-insensitive), by name then id. */
  indicesWithNamePrefix(prefix: string): number[] {
    const p = prefix.toLowerCase();
    const keyed: Array<{ i: number; name: string }> = [];
    for (let i = 0; i < this.count; i++) {
      const name = this.nameAt(i).toLowerCase();
      if (name.startsWith(p)) keyed.push({ i, name });
    }
    keyed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.i - b.i));
    return keyed.map((k) => k.i);
  }
}
