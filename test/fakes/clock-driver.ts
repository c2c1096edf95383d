/**
 * Waiting for a condition in a test whose code runs on a FakeClock while real loopback I/O (the
 * fake Bot API, the fake OpenAI server) happens underneath. Between checks it lets the event loop
 * run real I/O for a moment, and moves the fake time forward in small steps only while nothing is
 * busy, so a reply's recorded fake time lags its send by at most one step. The bound is fake time
 * (and a step count as a guard), so a test that waits for something that never comes fails with
 * what it saw instead of hanging. This is one of the few places a real timer is allowed in tests
 * (see test/architecture/no-real-sleeps.test.ts): a few real turns of the event loop for the I/O.
 */
import type { Clock } from '../../src/core/clock.ts';
import { FakeClock } from './fake-clock.ts';

/** How `driveUntil` waits. */
export interface DriveOptions {
  /** Fake ms to wait before failing (default 10 000). */
  timeoutMs?: number;
  /** Largest single step of fake time (default 50 ms); it bounds how late a call is recorded. */
  stepMs?: number;
  /** False while real work is in flight (e.g. a request the fake is answering): time then waits. */
  quiet?: () => boolean;
  /** Named in the timeout error. */
  label?: string;
  /** What the test saw, appended to the timeout error. */
  describe?: () => string;
}

/** A value a probe found: anything but undefined, null or false. */
type Found<T> = Exclude<T, undefined | null | false>;

/** How many real turns time may be held back for busy work before it moves anyway. */
const MAX_BUSY_TURNS = 500;

/** Real turns of the event loop (timers, I/O poll, immediates): loopback requests make progress. */
export async function realTurn(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Resolves with the first value `probe` finds, advancing `clock` in steps while it waits (see file
 * comment); rejects after `timeoutMs` of fake time with `describe()`.
 */
export async function driveUntil<T>(clock: FakeClock, probe: () => T, options: DriveOptions = {}): Promise<Found<T>> {
  const { timeoutMs = 10_000, stepMs = 50, quiet = () => true } = options;
  const started = clock.now().getTime();
  const found = (): Found<T> | undefined => {
    const value = probe();
    return value === undefined || value === null || value === false ? undefined : (value as Found<T>);
  };
  for (let busyTurns = 0; ;) {
    const before = found();
    if (before !== undefined) return before;
    await realTurn();
    const after = found();
    if (after !== undefined) return after;
    if (!quiet() && busyTurns++ < MAX_BUSY_TURNS) continue;
    busyTurns = 0;
    const now = clock.now().getTime();
    if (now - started >= timeoutMs) {
      throw new Error(`${options.label ?? 'driveUntil'} timed out after ${timeoutMs} fake ms.${options.describe ? `\n${options.describe()}` : ''}`);
    }
    const next = clock.nextTimerAt()?.getTime();
    await clock.advance(next === undefined ? stepMs : Math.max(0, Math.min(stepMs, next - now)));
  }
}

/** Resolves after `ms` on `clock`: a test's "this takes a while" that costs no real time on a FakeClock. */
export function clockSleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => { clock.setTimeout(resolve, ms); });
}

/** The FakeClock behind a fake's clock option, when it is one (then waits drive it). */
export function drivable(clock: Pick<Clock, 'now'> | undefined): FakeClock | undefined {
  return clock instanceof FakeClock ? clock : undefined;
}

/**
 * Resolves (or rejects) as `work` does, moving `clock` while it runs: for calls that wait on the
 * fake time themselves (a retry's backoff, a graceful stop's grace period).
 */
export async function driveWhile<T>(clock: FakeClock, work: Promise<T>, options: DriveOptions = {}): Promise<T> {
  let settled = false;
  const tracked = work.finally(() => { settled = true; });
  tracked.catch(() => undefined); // the caller gets the rejection below, not an unhandled one
  await driveUntil(clock, () => settled, { label: 'driveWhile', ...options });
  return tracked;
}
