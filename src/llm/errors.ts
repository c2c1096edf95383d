import OpenAI from 'openai';
import { ModelError } from '../core/errors.ts';

/**
 * The person (Stop button, /stop) or shutdown cancelled a model call. Deliberately not a ModelError:
 * a cancelled answer must not fall back to the offline parser and answer anyway.
 */
export class ModelCallCancelled extends Error {
  constructor() {
    super('model call cancelled');
    this.name = 'ModelCallCancelled';
  }
}

/** Why our own abort fired: the person, the overall deadline, or a silent stream. */
export type AbortCause = 'cancelled' | 'deadline' | 'idle';

/**
 * Converts whatever the SDK (or the socket under it) threw into a ModelError at the edge, so the
 * router's fallback sees one error type: timeouts, 408/409/429 and 5xx are retryable, other 4xx
 * (bad key, unknown model, rejected request) are not.
 */
export function toModelError(error: unknown, cause?: AbortCause): ModelError | ModelCallCancelled {
  if (cause === 'cancelled') return new ModelCallCancelled();
  if (cause === 'deadline') return new ModelError('the model did not answer within the time limit', true, 408);
  if (cause === 'idle') return new ModelError('the model stopped sending tokens', true, 408);
  if (error instanceof ModelError || error instanceof ModelCallCancelled) return error;
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new ModelError('the model timed out', true, 408);
  if (error instanceof OpenAI.APIUserAbortError) return new ModelCallCancelled();
  if (error instanceof OpenAI.APIConnectionError) return new ModelError(`cannot reach the model: ${error.message}`, true);
  if (error instanceof OpenAI.APIError) {
    const status = typeof error.status === 'number' ? error.status : undefined;
    const retryable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
    return new ModelError(`the model answered ${status ?? 'an error'}: ${error.message}`, retryable, status);
  }
  const message = error instanceof Error ? error.message : String(error);
  // undici ends a dropped stream with "terminated" / "other side closed"; any other surprise is also
  // treated as a transient failure of the model, never as a crash of the conversation.
  return new ModelError(`the model stream failed: ${message}`, true);
}
