import { inBatches } from '../zendesk';
import type { User } from '../zendesk';

/**
 * Names for membership rows: the users of a whole page are fetched with one `show_many`
 * request (never one per row) and remembered until a refresh forgets them.
 */
export class UserDirectory {
  private readonly users = new Map<number, User>();

  get(id: number): User | undefined {
    return this.users.get(id);
  }

  put(user: User): void {
    this.users.set(user.id, user);
  }

  /** The next `ensure` fetches these again (a refresh shows renamed users). */
  forget(ids?: Iterable<number>): void {
    if (ids === undefined) {
      this.users.clear();
      return;
    }
    for (const id of ids) {
      this.users.delete(id);
    }
  }

  async ensure(client: { showManyUsers(ids: readonly number[]): Promise<User[]> }, ids: readonly number[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.users.has(id));
    for (const batch of inBatches(missing)) {
      (await client.showManyUsers(batch)).forEach((user) => this.put(user));
    }
  }
}
