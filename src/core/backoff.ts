/**
 * The one retry loop for calls to a platform: waits out a `retry_after` the platform named, backs
 * off exponentially with jitter on other transient failures, and stops at an overall deadline, so
 * one 500, a dropped connection or a long 429 delays an answer instead of losing it. Waits run on
 * the injected Clock (tests move time by hand). What is worth retrying is the caller's decision
 * (`classify`): only it knows whether a repeat could show a message twice.
 */
import { sleep, type Clock } from './clock.ts';
import { PlatformError } from './errors.ts';

/** How hard one call is retried. */
export interface BackoffPolicy {
  /** Retries after the first attempt, whatever the failure. */
  maxRetries: number;
  /** No wait is started that would end later than this many ms after the first attempt began. */
  deadlineMs: number;
  /** First backoff for a failure without `retry_after`; doubles each retry. */
  baseDelayMs: number;
  /** Longest single backoff (before jitter). */
  maxDelayMs: number;
  /** A `retry_after` longer than this is not waited out here: the error goes back to the caller. */
  maxRetryAfterMs: number;
}

/** Whether a failure is worth another attempt, and after how long when the platform said so. */
export type RetryVerdict = { retry: false } | { retry: true; afterMs?: number };

/** What `withBackoff` needs besides the call. */
export interface BackoffOptions {
  clock: Clock;
  policy: BackoffPolicy;
  /** Decides per failure; default `platformErrorVerdict`. */
  classify?: (error: unknown, attempt: number) => RetryVerdict;
  /** Stops waiting (the last error is thrown) when aborted. */
  signal?: AbortSignal;
  /** 0 ≤ x < 1; injectable so tests can pin the jitter. */
  random?: () => number;
  /** Told before each wait (for logs). */
  onRetry?: (error: unknown, attempt: number, waitMs: number) => void;
}

/**
 * A reply to a person (send, edit, file, the streamed answer's final edit): worth minutes, because
 * the alternative is that they are never answered.
 */
export const REPLY_BACKOFF: BackoffPolicy = { maxRetries: 6, deadlineMs: 180_000, baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 150_000 };

/**
 * A direct message from a durable queue (reminders): short and bounded, because the queue retries
 * on its own schedule and a long wait here would only hold its worker (and double its retries).
 */
export const DIRECT_BACKOFF: BackoffPolicy = { maxRetries: 2, deadlineMs: 10_000, baseDelayMs: 500, maxDelayMs: 2_000, maxRetryAfterMs: 5_000 };

/**
 * The default verdict for errors already mapped to PlatformError: permanent ones are final, a
 * platform-given wait is honoured, other platform failures are retried with backoff. Anything else
 * (a bug, not the platform) is not retried.
 */
export function platformErrorVerdict(error: unknown): RetryVerdict {
  if (!(error instanceof PlatformError) || error.permanent) return { retry: false };
  return error.retryAfterMs !== undefined ? { retry: true, afterMs: error.retryAfterMs } : { retry: true };
}

/** The backoff before retry number `retry` (1-based): half fixed, half random ("equal jitter"). */
export function backoffDelay(policy: BackoffPolicy, retry: number, random: () => number = Math.random): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(full / 2 + (full / 2) * random());
}

/** Runs `op` until it succeeds, the verdict says stop, retries run out or the deadline would pass. */
export async function withBackoff<T>(op: (attempt: number) => Promise<T>, options: BackoffOptions): Promise<T> {
  const { clock, policy } = options;
  const classify = options.classify ?? platformErrorVerdict;
  const started = clock.now().getTime();
  for (let attempt = 0; ; attempt++) {
    try {
      return await op(attempt);
    } catch (error) {
      if (attempt >= policy.maxRetries || options.signal?.aborted) throw error;
      const verdict = classify(error, attempt);
      if (!verdict.retry) throw error;
      if (verdict.afterMs !== undefined && verdict.afterMs > policy.maxRetryAfterMs) throw error;
      const wait = verdict.afterMs ?? backoffDelay(policy, attempt + 1, options.random);
      if (clock.now().getTime() + wait - started > policy.deadlineMs) throw error;
      options.onRetry?.(error, attempt + 1, wait);
      if (!(await sleep(clock, wait, options.signal))) throw error;
    }
  }
}
