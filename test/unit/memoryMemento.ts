import type { MementoLike } from '../../src/jobs/globalStateStore';

/** globalState as the extension host keeps it: JSON copies per key, writes counted. One instance shared by two stores is two windows of one profile. */
export class MemoryMemento implements MementoLike {
  readonly values = new Map<string, string>();
  readonly writes: Array<{ key: string; bytes: number }> = [];
  get<T>(key: string, defaultValue: T): T {
    const text = this.values.get(key);
    return text === undefined ? defaultValue : JSON.parse(text) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, JSON.stringify(value));
    }
    this.writes.push({ key, bytes: value === undefined ? 0 : JSON.stringify(value).length });
  }
}
