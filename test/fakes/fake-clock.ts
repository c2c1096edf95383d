/**
 * FakeClock: a hand-driven `Clock` (src/core/clock.ts) so tests of reminders, timeouts and
 * debouncing move time explicitly instead of sleeping. `advance()` runs due timers in time order
 * (ties in scheduling order), letting promise chains settle between them, so timers scheduled by
 * timers — or by async code a timer started — fire within the same advance when they fall due.
 */
import type { CancelTimer, Clock } from '../../src/core/clock.ts';

interface Timer { id: number; at: number; fn: () => void }

/** A manual clock implementing Clock (see file comment). */
export class FakeClock implements Clock {
  private time: number;
  private timers: Timer[] = [];
  private nextId = 1;

  /** Starts at `start` (default 2025-01-01T09:00:00Z, a Wednesday). */
  constructor(start: Date | number | string = '2025-01-01T09:00:00.000Z') {
    this.time = new Date(start).getTime();
    if (Number.isNaN(this.time)) throw new Error(`FakeClock: invalid start ${String(start)}`);
  }

  /** The current fake time (a fresh Date each call, so callers cannot mutate the clock). */
  now(): Date {
    return new Date(this.time);
  }

  /** Schedules `fn` after `ms` fake milliseconds (negative/NaN → 0); returns a cancel function. */
  setTimeout(fn: () => void, ms: number): CancelTimer {
    const id = this.nextId++;
    const delayMs = Number.isFinite(ms) && ms > 0 ? ms : 0;
    this.timers.push({ id, at: this.time + delayMs, fn });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way, in order, with the
   * clock set to each timer's due time while it runs. Awaits a macrotask turn before and after each
   * timer so async continuations run. A throwing timer makes advance reject (time stays at that timer).
   * Stops after `maxTimers` to turn an accidental infinite re-scheduling loop into an error.
   */
  async advance(ms: number, maxTimers = 10_000): Promise<void> {
    if (!(ms >= 0)) throw new Error(`FakeClock.advance: ms must be >= 0, got ${ms}`);
    const target = this.time + ms;
    await settle();
    for (let fired = 0; ; fired++) {
      const next = this.nextDue(target);
      if (!next) break;
      if (fired >= maxTimers) throw new Error(`FakeClock.advance: more than ${maxTimers} timers fired; is something rescheduling itself with 0 ms?`);
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at;
      next.fn();
      await settle();
    }
    this.time = target;
    await settle();
  }

  /** Advances to the given instant (which must not be in the past), firing timers on the way. */
  async advanceTo(date: Date | number | string): Promise<void> {
    const at = new Date(date).getTime();
    if (at < this.time) throw new Error(`FakeClock.advanceTo: ${new Date(at).toISOString()} is before now ${this.now().toISOString()}`);
    await this.advance(at - this.time);
  }

  /** Fires timers until none remain, at most `maxTimers` rounds (a self-rescheduling timer makes it throw). */
  async runAll(maxTimers = 10_000): Promise<void> {
    for (let round = 0; this.timers.length > 0; round++) {
      if (round >= maxTimers) throw new Error(`FakeClock.runAll: timers still pending after ${maxTimers} rounds; is something periodic?`);
      const next = this.nextDue(Number.POSITIVE_INFINITY) as Timer;
      await this.advance(next.at - this.time, maxTimers);
    }
  }

  /**
   * Sets the wall time without firing timers — like a system clock change. Pending timers keep
   * their remaining delay (Node timers are monotonic), so they are shifted by the same jump.
   */
  set(date: Date | number | string): void {
    const t = new Date(date).getTime();
    if (Number.isNaN(t)) throw new Error(`FakeClock.set: invalid date ${String(date)}`);
    const delta = t - this.time;
    for (const timer of this.timers) timer.at += delta;
    this.time = t;
  }

  /** How many timers are scheduled and not yet fired or cancelled. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** When the next timer is due, if any. */
  nextTimerAt(): Date | undefined {
    const next = this.nextDue(Number.POSITIVE_INFINITY);
    return next && new Date(next.at);
  }

  private nextDue(limit: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) if (t.at <= limit && (!best || t.at < best.at || (t.at === best.at && t.id < best.id))) best = t;
    return best;
  }
}

/** One macrotask turn: every queued microtask (and promise chain reaching it) runs first. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
