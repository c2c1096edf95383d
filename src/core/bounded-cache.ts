/**
 * A Map with a size cap that drops the least recently used entry. Hot paths (every chat message
 * resolves its user and space; every query needs its prepared statement) read these instead of
 * redoing the work; the cap keeps a long-running bot from growing without limit.
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly max = 10_000) {}

  /** The value, refreshed as most recently used. */
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  /** Stores `value`, evicting the oldest entry when full. */
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }

  /** Forgets one key. */
  delete(key: K): void {
    this.map.delete(key);
  }

  /** Forgets every entry the predicate picks (rare operations only: it walks the whole cache). */
  deleteWhere(pick: (key: K, value: V) => boolean): void {
    for (const [key, value] of [...this.map.entries()]) if (pick(key, value)) this.map.delete(key);
  }

  /** Entry count, for tests. */
  get size(): number {
    return this.map.size;
  }
}
