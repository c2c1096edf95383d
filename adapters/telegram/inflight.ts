/**
 * Counts the updates being handled, so shutdown can wait for replies in progress instead of cutting
 * them off, and remembers the highest update id started, so the last getUpdates offset can be
 * confirmed and a restart does not replay what was already answered.
 */
import type { Clock } from '../../src/core/index.ts';

/** In-flight update bookkeeping (see file comment). */
export class InflightUpdates {
  #count = 0;
  #maxUpdateId = -1;
  #waiters: (() => void)[] = [];

  /** Marks an update as started; call the returned function when it is done. */
  begin(updateId: number): () => void {
    this.#count++;
    if (updateId > this.#maxUpdateId) this.#maxUpdateId = updateId;
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

  /** The highest update id ever started, or -1. */
  get maxUpdateId(): number {
    return this.#maxUpdateId;
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
