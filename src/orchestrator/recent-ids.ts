import { lruCache, type LruCache } from '../core/lru.ts';

/**
 * Remembers recently seen message ids so a platform's duplicate delivery (a retried webhook, a
 * re-sent update after a reconnect) is handled once. Bounded (the one bounded cache): seeing an id
 * again does not refresh it, so the oldest ids are forgotten first.
 */
export class RecentIds {
  readonly #seen: LruCache<string, true>;
  constructor(capacity = 10_000) {
    this.#seen = lruCache({ max: capacity });
  }

  /** True the first time `id` is seen, false afterwards. */
  firstTime(id: string): boolean {
    if (this.#seen.has(id)) return false;
    this.#seen.set(id, true);
    return true;
  }
}
