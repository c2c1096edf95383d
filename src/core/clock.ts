/** A cancel function for a timer started through a Clock. */
export type CancelTimer = () => void;

/**
 * Time, injected. Every time-dependent part takes a Clock so tests move time by hand instead of
 * sleeping.
 */
export interface Clock {
  now(): Date;
  setTimeout(fn: () => void, ms: number): CancelTimer;
}

/** The real clock. Timers are unref'd so they never keep the process alive on their own. */
export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, Math.max(0, Math.min(ms, 2_147_483_647)));
    t.unref?.();
    return () => clearTimeout(t);
  },
};

/**
 * The one sleep: resolves true after `ms` on `clock`, or false at once when `signal` aborts first
 * (shutdown, a cancelled call), so nobody hand-writes a timer promise.
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = (): void => { cancel(); resolve(false); };
    const cancel = clock.setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(true); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * An AbortSignal that aborts after `ms` on `clock`: AbortSignal.timeout would start a real timer,
 * which a test's fake clock cannot move. The timer is left to run out (the system clock's timers
 * are unref'd, so it never keeps the process alive).
 */
export function timeoutSignal(clock: Clock, ms: number): AbortSignal {
  const controller = new AbortController();
  clock.setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms);
  return controller.signal;
}
