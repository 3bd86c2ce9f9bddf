import type { TreeNode } from './nodes';

/**
 * Which rows the view has been given. A reveal asked for before VS Code has listed a new row (a
 * row just pinned) finds nothing to select, so a command waits for the listing first.
 */
export class ListedRows {
  private readonly served = new WeakSet<TreeNode>();
  private readonly waiters = new Set<() => void>();

  /** The view is given these rows (returned as they are). */
  add<T extends TreeNode>(rows: T[]): T[] {
    rows.forEach((row) => this.served.add(row));
    this.waiters.forEach((waiter) => waiter());
    return rows;
  }

  /** Resolves once the view has been given `node` (at once if it has been before). */
  whenListed(node: TreeNode): Promise<void> {
    return new Promise((resolve) => {
      const waiter = (): void => {
        if (this.served.has(node)) {
          this.waiters.delete(waiter);
          resolve();
        }
      };
      this.waiters.add(waiter);
      waiter();
    });
  }
}
