/**
 * Retries for Bot API calls, on the one backoff helper (src/core/backoff.ts). Two layers, never
 * both for one call: replies (sendMessage, editMessageText, sendDocument) are retried by the
 * TelegramChannel, which knows whether a call answers a person (worth minutes) or comes from the
 * reminder queue (short, the queue retries itself); every other call is retried here, briefly,
 * as an API transformer. The rule that keeps a message from appearing twice where it can be told:
 * a 429 or a connection that was never made certainly sent nothing and is always retried. A 5xx or
 * a connection that broke after the request went out may have delivered a new message; Telegram
 * cannot be asked, so an answer to a person is retried anyway (one possible duplicate beats a lost
 * answer), while other creating calls are reported instead. Edits, callback answers, chat actions
 * and reads are idempotent and retried on all three.
 */
import { GrammyError, HttpError, type ApiCallFn, type Transformer } from 'grammy';
import { withBackoff, type BackoffPolicy, type Clock, type RetryVerdict } from '../../src/core/index.ts';
import { certainlyUnsent } from './errors.ts';

/** Methods that create something new each time they succeed: never repeated blindly on an ambiguous failure. */
export const NON_IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  'sendMessage', 'sendDocument', 'sendPhoto', 'sendVideo', 'sendAudio', 'sendVoice', 'sendAnimation', 'sendSticker',
  'sendMediaGroup', 'sendLocation', 'sendVenue', 'sendContact', 'sendPoll', 'sendDice', 'sendInvoice',
  'forwardMessage', 'forwardMessages', 'copyMessage', 'copyMessages',
]);

/** Methods the TelegramChannel retries with a policy per purpose; the transformer leaves them alone. */
export const CHANNEL_RETRIED_METHODS: ReadonlySet<string> = new Set(['sendMessage', 'editMessageText', 'sendDocument']);

/** How hard the transformer retries the calls it handles. */
export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** A retry_after above this (seconds) is not waited out: the 429 goes back to the caller. */
  maxRetryAfterS: number;
  /** First backoff in ms; doubles each retry (with jitter). */
  networkBackoffMs: number;
}

/**
 * Whether a failed Bot API call is worth another attempt. `ambiguousOk` says a repeat that might
 * duplicate a new message is acceptable (an answer to a person); idempotent calls pass true.
 */
export function telegramVerdict(error: unknown, ambiguousOk: boolean): RetryVerdict {
  if (error instanceof GrammyError) {
    if (error.error_code === 429) return { retry: true, afterMs: (error.parameters.retry_after ?? 1) * 1000 };
    return error.error_code >= 500 && ambiguousOk ? { retry: true } : { retry: false };
  }
  if (error instanceof HttpError) return ambiguousOk || certainlyUnsent(error) ? { retry: true } : { retry: false };
  return { retry: false };
}

/** A Bot API answer `{ ok: false, … }` as a transformer sees it (grammY throws GrammyError only after the transformers). */
interface FailedAnswer { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } }

/** Carries a refused answer through the backoff loop so the last one can be returned as Telegram gave it. */
class RefusedCall extends Error {
  constructor(readonly answer: FailedAnswer) {
    super(answer.description);
  }
}

/**
 * The transformer to install with `bot.api.config.use(...)`; getUpdates is left to the runner's own
 * backoff. The clock is the bot's (the composition root's), so its waits move with the rest of the
 * adapter's time (tests drive it by hand).
 */
export function retryTransformer(options: RetryOptions, clock: Clock): Transformer {
  const policy: BackoffPolicy = {
    maxRetries: options.maxRetries, deadlineMs: 60_000, baseDelayMs: options.networkBackoffMs,
    maxDelayMs: 10_000, maxRetryAfterMs: options.maxRetryAfterS * 1000,
  };
  const transformer = async (prev: ApiCallFn, method: string, payload: unknown, signal?: AbortSignal) => {
    const call = () => (prev as (m: string, p: unknown, s?: AbortSignal) => Promise<{ ok: boolean }>)(method, payload, signal);
    if (method === 'getUpdates' || CHANNEL_RETRIED_METHODS.has(method)) return call();
    const ambiguousOk = !NON_IDEMPOTENT_METHODS.has(method);
    const classify = (error: unknown): RetryVerdict => {
      if (!(error instanceof RefusedCall)) return telegramVerdict(error, ambiguousOk);
      const a = error.answer;
      return telegramVerdict(new GrammyError(a.description, a, method, payload as Record<string, unknown>), ambiguousOk);
    };
    try {
      return await withBackoff(async () => {
        const answer = await call();
        if (!answer.ok) throw new RefusedCall(answer as FailedAnswer);
        return answer;
      }, { clock, policy, signal, classify });
    } catch (error) {
      if (error instanceof RefusedCall) return error.answer;
      throw error;
    }
  };
  return transformer as unknown as Transformer;
}
