/**
 * Remembers recently seen message ids so a platform's duplicate delivery (a retried webhook, a
 * re-sent update after a reconnect) is handled once. Bounded: the oldest ids are forgotten first.
 */
export class RecentIds {
  readonly #seen = new Set<string>();
  constructor(private readonly capacity = 10_000) {}

  /** True the first time `id` is seen, false afterwards. */
  firstTime(id: string): boolean {
    if (this.#seen.has(id)) return false;
    this.#seen.add(id);
    if (this.#seen.size > this.capacity) this.#seen.delete(this.#seen.values().next().value!);
    return true;
  }
}
