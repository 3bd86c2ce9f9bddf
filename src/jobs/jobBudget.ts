import type { MementoLike } from './globalStateStore';

/**
 * One budget of jobs in flight per Zendesk account, shared by every window of the profile.
 *
 * Windows share globalState, but it has no compare-and-set, and another window's write arrives
 * late (or, written at the same moment, replaces ours). So no window takes a slot another might
 * take at once; instead each active window publishes, under `zendesk.jobBudget`, an entry per
 * account: the jobs it has in flight (`held`), whether it has more to send (`wants`), its
 * setting (`cap`), and the `view` it saw — every live window of the account and whether it
 * wants. Every window computes the same split from the same view: the wanting windows share
 * the cap (the smallest any live window has set) evenly, in id order; a window that wants
 * nothing gets no share.
 *
 * A window may start a job only when every other wanting window has published the same view
 * (they all know the current split), and only while
 *
 *   held(me) + 1 + Σ over the others of max(held(other), share(other)) ≤ cap.
 *
 * Why that never exceeds the cap: once a window has published a view, it starts jobs only
 * within that rule, so its jobs stay at or under its share, or — if it held more before the
 * split changed — only go down. Either way each other window's jobs are at most
 * max(its published held, its share), which the rule reserves for it. A view that changes
 * (a window starts or stops wanting, one closes, one stops renewing for `expiryMs`) holds
 * every wanting window back until all have published it again. A write lost to a concurrent
 * one is written again at the next publish (every poll and every lease renewal), so the views
 * converge. A window that has not renewed its entry for `staleMs` (an operation's lease: it
 * is closed or frozen, and its operations are being taken over) is left out of the view, so
 * nobody waits for it; its jobs still count (as `held`) until `expiryMs`, long enough for the
 * window taking its operations over to count them itself.
 */
export class JobBudget {
  constructor(
    private readonly memento: MementoLike | undefined,
    private readonly windowId: string,
    private readonly now: () => number,
    private readonly staleMs: number,
    private readonly expiryMs: number,
    private readonly renewMs: number,
  ) {}

  /**
   * How many more jobs this window may start on `origin` now, having `held` in flight and a
   * setting of `cap`. Publishes this window's entry first when it changed.
   */
  async allowance(origin: string, held: number, cap: number): Promise<number> {
    if (!this.memento) {
      return Math.max(0, cap - held); // one window only (tests of a single engine, the benchmark)
    }
    const { view, others } = await this.publishEntry(origin, held, true, cap);
    const live = others.filter(([, entry]) => this.now() - entry.renewedAt <= this.staleMs);
    if (!live.every(([, entry]) => !entry.wants || sameView(entry.view, view))) {
      return 0; // a wanting window has not seen the current split yet
    }
    const effectiveCap = Math.min(cap, ...live.map(([, entry]) => entry.cap));
    const shares = splitShares(view, effectiveCap);
    const reserved = others.reduce((sum, [id, entry]) => sum + Math.max(entry.held, shares.get(id) ?? 0), 0);
    return Math.max(0, effectiveCap - reserved - held);
  }

  /** Keeps this window's entry current while it has jobs on `origin` (from polls and lease renewals); removes it when it has none. */
  async publish(origin: string, held: number, wants: boolean, cap: number): Promise<void> {
    if (this.memento) {
      await this.publishEntry(origin, held, wants, cap);
    }
  }

  /** This window closes: its entries go, so other windows need not wait for them to expire. */
  async release(): Promise<void> {
    if (!this.memento) {
      return;
    }
    const table = this.table();
    let changed = false;
    for (const entries of Object.values(table)) {
      changed = delete entries[this.windowId] || changed;
    }
    if (changed) {
      await this.memento.update(KEY, prune(table));
    }
  }

  private async publishEntry(origin: string, held: number, wants: boolean, cap: number): Promise<{ view: string[]; others: Array<[string, BudgetEntry]> }> {
    const memento = this.memento as MementoLike;
    const table = this.table();
    const now = this.now();
    const entries = table[origin] ?? {};
    const others = Object.entries(entries).filter(([id, entry]) => id !== this.windowId && now - entry.renewedAt <= this.expiryMs);
    const live = others.filter(([, entry]) => now - entry.renewedAt <= this.staleMs);
    const active = held > 0 || wants;
    const view = active ? viewOf([...live, [this.windowId, { wants } as BudgetEntry]]) : viewOf(live);
    const mine = entries[this.windowId];
    if (!active) {
      if (mine) {
        delete entries[this.windowId];
        table[origin] = entries;
        await memento.update(KEY, prune(table));
      }
      return { view, others };
    }
    const fresh = mine && mine.held === held && mine.wants === wants && mine.cap === cap && sameView(mine.view, view) && now - mine.renewedAt < this.renewMs;
    if (!fresh) {
      table[origin] = { ...Object.fromEntries(others), [this.windowId]: { held, wants, cap, view, renewedAt: now } };
      await memento.update(KEY, prune(table));
    }
    return { view, others };
  }

  private table(): BudgetTable {
    const stored = this.memento?.get<unknown>(KEY, {});
    return stored !== null && typeof stored === 'object' && !Array.isArray(stored) ? JSON.parse(JSON.stringify(stored)) as BudgetTable : {};
  }
}

interface BudgetEntry {
  held: number;
  wants: boolean;
  cap: number;
  /** Every live window of the account as this window saw it, `id` or `id*` (wants), sorted. */
  view: string[];
  renewedAt: number;
}

type BudgetTable = Record<string, Record<string, BudgetEntry>>;

const KEY = 'zendesk.jobBudget';

function viewOf(entries: Array<[string, Pick<BudgetEntry, 'wants'>]>): string[] {
  return entries.map(([id, entry]) => (entry.wants ? `${id}*` : id)).sort();
}

function sameView(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return Array.isArray(a) && a.length === b.length && a.every((value, index) => value === b[index]);
}

/** The cap split evenly among the wanting windows of a view, the first ones (by id) taking what does not divide. */
export function splitShares(view: readonly string[], cap: number): Map<string, number> {
  const wanting = view.filter((id) => id.endsWith('*')).map((id) => id.slice(0, -1));
  const shares = new Map<string, number>();
  wanting.forEach((id, index) => shares.set(id, Math.floor(cap / wanting.length) + (index < cap % wanting.length ? 1 : 0)));
  return shares;
}

function prune(table: BudgetTable): BudgetTable {
  return Object.fromEntries(Object.entries(table).filter(([, entries]) => Object.keys(entries).length > 0));
}
