import type { Clock } from '../core/clock.ts';

const WINDOW_MS = 60_000;

/**
 * A sender's turn: handle now, handle after `waitMs` (the message waits its turn instead of being
 * dropped), or `full` when so many already wait that this one is refused (and the person told).
 */
export type RateTurn = { waitMs: number } | 'full';

/**
 * Limits each sender to `perMinute` messages in any sliding minute, so one chat cannot flood the
 * bot, without ever dropping a message in silence: a message over the limit is given the first slot
 * the window allows and waits for it; only when `maxWaiting` already wait is it refused, and the
 * caller answers that refusal every time. Slots are timestamps (past and booked) per sender, read
 * from the injected Clock — which is why it is ours rather than a library (the ones on npm read
 * Date.now and cannot be driven by a test clock).
 */
export class UserRateLimiter {
  readonly #slots = new Map<string, number[]>();
  constructor(
    private readonly perMinute: number,
    private readonly clock: Clock,
    private readonly maxWaiting = perMinute,
    private readonly maxKeys = 50_000,
  ) {}

  /** Books the sender's next slot; see RateTurn. */
  reserve(key: string): RateTurn {
    const now = this.clock.now().getTime();
    let slots = this.#slots.get(key);
    if (!slots) {
      if (this.#slots.size >= this.maxKeys) this.#evictIdle(now);
      slots = [];
      this.#slots.set(key, slots);
    }
    while (slots.length && slots[0]! <= now - WINDOW_MS) slots.shift();
    if (slots.length < this.perMinute) {
      slots.push(now);
      return { waitMs: 0 };
    }
    const waiting = slots.filter((s) => s > now).length;
    if (waiting >= this.maxWaiting) return 'full';
    // Booked slots are in time order, so the window allows one more a minute after the
    // perMinute-th latest one.
    const at = Math.max(now, slots[slots.length - this.perMinute]! + WINDOW_MS);
    slots.push(at);
    return { waitMs: at - now };
  }

  #evictIdle(now: number): void {
    for (const [k, v] of this.#slots) if (!v.length || v[v.length - 1]! <= now - WINDOW_MS) this.#slots.delete(k);
    if (this.#slots.size >= this.maxKeys) this.#slots.delete(this.#slots.keys().next().value!);
  }
}
