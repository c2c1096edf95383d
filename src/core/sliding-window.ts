/**
 * The one rate-limit primitive: per key, at most `limit` events in any `windowMs`. Every limit in
 * the bot is this, configured differently:
 * - the per-sender limit (orchestrator): 20 messages in any minute, extra messages booked into the
 *   first later slot the window allows (`reserve`), refused only when `maxWaiting` already wait;
 * - the /link guess limit (linking): 5 wrong codes in 15 minutes (`record` a failure, `waitMs`
 *   before trying);
 * - the outbound platform queue (scheduler/rate-limiter.ts): the platform-wide rate and each
 *   chat's minimum interval (`waitMs` to order its queue, `record` when a send starts).
 *
 * Why ours rather than bottleneck, limiter, p-throttle or rate-limiter-flexible (all on npm): they
 * read Date.now and start real timers, and none accepts an injected clock, so tests would have to
 * sleep; none answers "how long until this key may go" without also running the job, which the
 * outbound queue needs to stay fair across chats. This file holds only the arithmetic; waiting is
 * the caller's, on the Clock.
 *
 * Event times live in the one bounded cache (lru-cache, see lru.ts): a key is forgotten when its
 * last event leaves the window (TTL on the injected clock), and past `maxKeys` the least recently
 * used key goes first, so memory follows the active keys only.
 */
import type { Clock } from './clock.ts';
import { lruCache, type LruCache } from './lru.ts';

/** A booked turn: go after `waitMs` (0 = now), or `full` when too many already wait. */
export type Turn = { waitMs: number } | 'full';

/** How one sliding-window limit is shaped. */
export interface SlidingWindowOptions {
  /** Events allowed in any window; Infinity for no limit. */
  limit: number;
  /** Window length in ms; 0 or less for no limit. */
  windowMs: number;
  /** Keys remembered at once (least recently used forgotten first). Default 50,000. */
  maxKeys?: number;
}

/** Keyed sliding-window limiter on the injected clock (see file comment). */
export class SlidingWindowLimiter {
  readonly #events: LruCache<string, number[]>;
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #unlimited: boolean;

  constructor(private readonly clock: Pick<Clock, 'now'>, options: SlidingWindowOptions) {
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#unlimited = !(options.limit < Infinity) || !(options.windowMs > 0);
    if (!this.#unlimited && !(options.limit >= 1)) throw new RangeError(`SlidingWindowLimiter: limit must be at least 1, got ${options.limit}`);
    this.#events = lruCache({ max: options.maxKeys ?? 50_000, clock });
  }

  /** Milliseconds until `key` may have one more event (0: now). Books nothing. */
  waitMs(key: string): number {
    if (this.#unlimited) return 0;
    const now = this.clock.now().getTime();
    return this.#nextFree(this.#live(key, now), now) - now;
  }

  /** Records an event for `key` at the current time (a send that started, a wrong guess). */
  record(key: string): void {
    if (this.#unlimited) return;
    const now = this.clock.now().getTime();
    const events = this.#live(key, now);
    let i = events.length;
    while (i > 0 && events[i - 1]! > now) i--;
    events.splice(i, 0, now);
    this.#store(key, events, now);
  }

  /**
   * Books `key`'s first free slot, now or later, and says how long to wait for it; `full` (nothing
   * booked) when `maxWaiting` booked slots are already in the future.
   */
  reserve(key: string, maxWaiting = Infinity): Turn {
    if (this.#unlimited) return { waitMs: 0 };
    const now = this.clock.now().getTime();
    const events = this.#live(key, now);
    const at = this.#nextFree(events, now);
    if (at > now) {
      let waiting = 0;
      for (let i = events.length - 1; i >= 0 && events[i]! > now; i--) waiting++;
      if (waiting >= maxWaiting) return 'full';
    }
    events.push(at);
    this.#store(key, events, now);
    return { waitMs: at - now };
  }

  /** Forgets `key`'s events (a correct /link code clears the failures). */
  reset(key: string): void {
    this.#events.delete(key);
  }

  /** The key's events still inside the window, oldest first (a fresh array for a new key). */
  #live(key: string, now: number): number[] {
    const events = this.#events.get(key);
    if (!events) return [];
    let drop = 0;
    while (drop < events.length && events[drop]! <= now - this.#windowMs) drop++;
    if (drop) events.splice(0, drop);
    return events;
  }

  /** When one more event fits: once the limit-th latest event (booked ones included) leaves the window. */
  #nextFree(events: number[], now: number): number {
    if (events.length < this.#limit) return now;
    return Math.max(now, events[events.length - this.#limit]! + this.#windowMs);
  }

  /** Keeps the events until the latest one leaves the window. */
  #store(key: string, events: number[], now: number): void {
    const ttl = Math.max(1, events[events.length - 1]! + this.#windowMs - now);
    this.#events.set(key, events, { ttl });
  }
}
