import type { User } from '../zendesk';

/**
 * Names for membership rows: the users of a page come with it (sideloaded, or read with one
 * `show_many` for the users not known yet; never one request per row) and are remembered until a
 * refresh forgets them.
 */
export class UserDirectory {
  private readonly users = new Map<number, User>();

  get(id: number): User | undefined {
    return this.users.get(id);
  }

  put(user: User): void {
    this.users.set(user.id, user);
  }

  /** The next page that names these users reads them again (a refresh shows renamed users). */
  forget(ids?: Iterable<number>): void {
    if (ids === undefined) {
      this.users.clear();
      return;
    }
    for (const id of ids) {
      this.users.delete(id);
    }
  }
}
