import type { Clock } from '../core/clock.ts';

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
 * after a restart the person simply asks again.
 */
export class PendingQuestions {
  readonly #open = new Map<string, PendingQuestion>();
  constructor(private readonly clock: Clock, private readonly ttlMs = 5 * 60_000, private readonly maxEntries = 20_000) {}

  set(key: string, q: Omit<PendingQuestion, 'askedAt' | 'attempts'> & { attempts?: number }): void {
    this.#open.delete(key);
    this.#open.set(key, { ...q, attempts: q.attempts ?? 0, askedAt: this.clock.now().getTime() });
    if (this.#open.size > this.maxEntries) this.#open.delete(this.#open.keys().next().value!);
  }

  /** The open question, if it has not expired. */
  get(key: string): PendingQuestion | undefined {
    const q = this.#open.get(key);
    if (q && this.clock.now().getTime() - q.askedAt > this.ttlMs) {
      this.#open.delete(key);
      return undefined;
    }
    return q;
  }

  clear(key: string): void {
    this.#open.delete(key);
  }
}
