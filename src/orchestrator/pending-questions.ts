import type { Clock } from '../core/clock.ts';
import { lruCache, type LruCache } from '../core/lru.ts';

/** A tool call waiting for one more input from the person (which item, what time, …). */
export interface PendingQuestion {
  tool: string;
  input: Record<string, unknown>;
  param: string;
  askedAt: number;
  attempts: number;
}

/**
 * Holds at most one open question per person per chat, for a few minutes. In memory on purpose:
 * after a restart the person simply asks again. The one bounded cache: expired after `ttlMs` on
 * the injected clock, least recently asked dropped past `maxEntries`.
 */
export class PendingQuestions {
  readonly #open: LruCache<string, PendingQuestion>;
  constructor(private readonly clock: Clock, ttlMs = 5 * 60_000, maxEntries = 20_000) {
    this.#open = lruCache({ max: maxEntries, ttlMs, clock });
  }

  set(key: string, q: Omit<PendingQuestion, 'askedAt' | 'attempts'> & { attempts?: number }): void {
    this.#open.set(key, { ...q, attempts: q.attempts ?? 0, askedAt: this.clock.now().getTime() });
  }

  /** The open question, if it has not expired. */
  get(key: string): PendingQuestion | undefined {
    return this.#open.get(key);
  }

  clear(key: string): void {
    this.#open.delete(key);
  }
}
