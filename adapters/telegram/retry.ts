/**
 * Retries for every Bot API call, installed as one grammY API transformer. @grammyjs/auto-retry
 * (the maintained grammY plugin) waits out `retry_after` on 429 and backs off on 5xx; a small
 * wrapper under it backs off on network errors. The rule that keeps a message from appearing twice:
 * a call that creates a message (sendMessage…) is retried only when Telegram certainly did not act
 * on it — a 429, or a connection that was never made. A 5xx or a connection that broke after the
 * request went out may have delivered it, so it is reported instead of repeated. Edits, callback
 * answers, chat actions and reads are idempotent and retried on all three.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { HttpError, type ApiCallFn, type Transformer } from 'grammy';
import { certainlyUnsent } from './errors.ts';

/** Methods that create something new each time they succeed: never repeated on an ambiguous failure. */
export const NON_IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  'sendMessage', 'sendDocument', 'sendPhoto', 'sendVideo', 'sendAudio', 'sendVoice', 'sendAnimation', 'sendSticker',
  'sendMediaGroup', 'sendLocation', 'sendVenue', 'sendContact', 'sendPoll', 'sendDice', 'sendInvoice',
  'forwardMessage', 'forwardMessages', 'copyMessage', 'copyMessages',
]);

/** How hard to retry. */
export interface RetryOptions {
  /** Retries after the first attempt, per kind of failure. */
  maxRetries: number;
  /** A retry_after above this (seconds) is not waited out: the 429 goes back to the caller. */
  maxRetryAfterS: number;
  /** First network backoff in ms; doubles each retry. */
  networkBackoffMs: number;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted while waiting to retry'));
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = (): void => { clearTimeout(timer); reject(new Error('aborted while waiting to retry')); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Repeats a call after a network error when that cannot duplicate anything. getUpdates is left to the runner's own backoff. */
function withNetworkRetry(prev: ApiCallFn, options: RetryOptions): ApiCallFn {
  const call = async (method: string, payload: unknown, signal?: AbortSignal): Promise<unknown> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await (prev as (m: string, p: unknown, s?: AbortSignal) => Promise<unknown>)(method, payload, signal);
      } catch (error) {
        const retryable = error instanceof HttpError && !signal?.aborted && method !== 'getUpdates' && attempt < options.maxRetries
          && (!NON_IDEMPOTENT_METHODS.has(method) || certainlyUnsent(error));
        if (!retryable) throw error;
        await pause(options.networkBackoffMs * 2 ** attempt, signal);
      }
    }
  };
  return call as unknown as ApiCallFn;
}

/** The transformer to install with `bot.api.config.use(...)`. */
export function retryTransformer(options: RetryOptions): Transformer {
  const shared = { maxRetryAttempts: options.maxRetries, maxDelaySeconds: options.maxRetryAfterS, rethrowHttpErrors: true };
  const idempotent = autoRetry({ ...shared, rethrowInternalServerErrors: false });
  const creating = autoRetry({ ...shared, rethrowInternalServerErrors: true });
  const transformer = (prev: ApiCallFn, method: string, payload: unknown, signal?: AbortSignal) => {
    const retry = NON_IDEMPOTENT_METHODS.has(method) ? creating : idempotent;
    return (retry as unknown as (p: ApiCallFn, m: string, pl: unknown, s?: AbortSignal) => Promise<unknown>)(withNetworkRetry(prev, options), method, payload, signal);
  };
  return transformer as unknown as Transformer;
}
