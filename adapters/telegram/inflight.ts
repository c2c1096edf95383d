/**
 * Counts the updates being handled, so shutdown can wait for replies in progress instead of cutting
 * them off. (The offset confirmed at shutdown is the durable supplier's: everything below it is
 * stored, and what was not finished is handled from the inbox at the next start.)
 */
import type { Clock } from '../../src/core/index.ts';

/** In-flight update bookkeeping (see file comment). */
export class InflightUpdates {
  #count = 0;
  #waiters: (() => void)[] = [];

  /** Marks an update as started; call the returned function when it is done. */
  begin(): () => void {
    this.#count++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.#count === 0) for (const wake of this.#waiters.splice(0)) wake();
    };
  }

  /** Updates being handled now. */
  get count(): number {
    return this.#count;
  }

  /**
   * Resolves true once nothing is in flight (and `alsoIdle()` holds), false when `timeoutMs`
   * passes first. `alsoIdle` covers updates fetched but still queued before the handlers.
   */
  async idle(clock: Clock, timeoutMs: number, alsoIdle: () => boolean = () => true): Promise<boolean> {
    const deadline = clock.now().getTime() + timeoutMs;
    while (this.#count > 0 || !alsoIdle()) {
      const left = deadline - clock.now().getTime();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const cancel = clock.setTimeout(() => { this.#waiters = this.#waiters.filter((w) => w !== wake); resolve(); }, Math.min(left, this.#count > 0 ? left : 20));
        const wake = (): void => { cancel(); resolve(); };
        this.#waiters.push(wake);
      });
    }
    return true;
  }
}
