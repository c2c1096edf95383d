import type { Clock } from '../core/clock.ts';

/** The verdict for one message: allowed, or refused (with whether to tell the person this time). */
export type RateVerdict = { allowed: true } | { allowed: false; notify: boolean };

/**
 * Limits each sender to `perMinute` messages in any sliding minute, so one chat cannot flood the
 * bot. It keeps a small ring of timestamps per sender and reads time from the injected Clock, which
 * is why it is ours rather than a library (the ones on npm read Date.now and cannot be driven by a
 * test clock). The refusal notice is sent once per burst, not once per message.
 */
export class UserRateLimiter {
  readonly #hits = new Map<string, { times: number[]; notified: boolean }>();
  constructor(private readonly perMinute: number, private readonly clock: Clock, private readonly maxKeys = 50_000) {}

  check(key: string): RateVerdict {
    const now = this.clock.now().getTime();
    let entry = this.#hits.get(key);
    if (!entry) {
      entry = { times: [], notified: false };
      if (this.#hits.size >= this.maxKeys) this.#evictIdle(now);
      this.#hits.set(key, entry);
    }
    while (entry.times.length && entry.times[0]! <= now - 60_000) entry.times.shift();
    if (entry.times.length < this.perMinute) {
      entry.times.push(now);
      entry.notified = false;
      return { allowed: true };
    }
    const notify = !entry.notified;
    entry.notified = true;
    return { allowed: false, notify };
  }

  #evictIdle(now: number): void {
    for (const [k, v] of this.#hits) if (!v.times.length || v.times[v.times.length - 1]! <= now - 60_000) this.#hits.delete(k);
    if (this.#hits.size >= this.maxKeys) this.#hits.delete(this.#hits.keys().next().value!);
  }
}
