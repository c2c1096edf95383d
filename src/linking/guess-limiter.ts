import type { Clock } from '../core/clock.ts';

/**
 * Counts wrong /link codes per person, so codes cannot be guessed: after `maxFailures` within
 * `windowMs` further attempts are refused until the oldest failure leaves the window. Kept in
 * memory (the bot is one process); a code space of 31^8 makes guessing hopeless at this rate anyway.
 */
export class GuessLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(private readonly clock: Pick<Clock, 'now'>, private readonly maxFailures = 5, private readonly windowMs = 15 * 60_000) {}

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  waitMs(key: string): number {
    const now = this.clock.now().getTime();
    const recent = (this.#failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length) this.#failures.set(key, recent);
    else this.#failures.delete(key);
    return recent.length >= this.maxFailures ? recent[0]! + this.windowMs - now : 0;
  }

  /** Records a wrong, expired or reused code. */
  fail(key: string): void {
    const list = this.#failures.get(key) ?? [];
    list.push(this.clock.now().getTime());
    this.#failures.set(key, list);
    if (this.#failures.size > 50_000) this.#failures.delete(this.#failures.keys().next().value!);
  }

  /** Forgets `key`'s failures after a success. */
  reset(key: string): void {
    this.#failures.delete(key);
  }
}
