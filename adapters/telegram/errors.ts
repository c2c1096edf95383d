/**
 * grammY's errors as the core's PlatformError, so the stream, the scheduler and the error boundary
 * decide on `permanent` and `retryAfterMs` without knowing Telegram. Also the few Telegram answers
 * the adapter treats specially (not modified, migrated, blocked).
 */
import { GrammyError, HttpError } from 'grammy';
import { PlatformError, UnknownOutcomeError } from '../../src/core/index.ts';

/** Network error codes that prove the request never reached the server, so sending again is safe. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);

/** True for the 400 Telegram gives when an edit changes nothing: the message already shows it. */
export function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400 && /message is not modified/i.test(error.description);
}

/** The supergroup id when Telegram refused because the group was upgraded; else undefined. */
export function migratedTo(error: unknown): number | undefined {
  return error instanceof GrammyError ? error.parameters.migrate_to_chat_id : undefined;
}

/** True when the person blocked the bot, deactivated, or the bot was removed from the chat. */
export function isForbidden(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 403;
}

/** The system error code (ECONNRESET…) under a grammY HttpError, if any. */
function networkCode(error: HttpError): string | undefined {
  const inner = error.error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = inner?.code ?? inner?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when a failed request certainly did not reach Telegram (connection refused, DNS), so a retry cannot duplicate it. */
export function certainlyUnsent(error: unknown): boolean {
  if (!(error instanceof HttpError)) return false;
  const code = networkCode(error);
  return code !== undefined && NEVER_SENT.has(code);
}

/**
 * Maps a failed Bot API call to a PlatformError. 429 carries `retryAfterMs`; 400/401/403/404 are
 * permanent (sending the same again fails the same way). For a new message whose fate is unknown
 * (the connection broke after the request went out, or a 5xx), `ambiguousIsPermanent` marks it
 * permanent so no caller re-sends something the person may already see; code "delivery_unknown".
 */
export function toPlatformError(error: unknown, method: string, ambiguousIsPermanent = false): PlatformError {
  if (error instanceof PlatformError) return error;
  if (error instanceof GrammyError) {
    const code = error.error_code;
    const retryAfter = error.parameters.retry_after;
    const msg = `${method}: ${error.description}`;
    if (code === 429) return new PlatformError(msg, 'telegram', 429, false, (retryAfter ?? 1) * 1000);
    if (code >= 500) return ambiguousIsPermanent ? new PlatformError(msg, 'telegram', 'delivery_unknown', true) : new UnknownOutcomeError(msg, 'telegram', code);
    return new PlatformError(msg, 'telegram', code, code !== 409);
  }
  if (error instanceof HttpError) {
    const unsent = certainlyUnsent(error);
    const code = unsent ? networkCode(error) : ambiguousIsPermanent ? 'delivery_unknown' : networkCode(error) ?? 'network';
    // Not certainly unsent and still retryable: the caller learns that a repeat may show twice.
    if (!unsent && !ambiguousIsPermanent) return new UnknownOutcomeError(`${method}: ${error.message}`, 'telegram', code);
    return new PlatformError(`${method}: ${error.message}`, 'telegram', code, !unsent && ambiguousIsPermanent);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new PlatformError(`${method}: ${message}`, 'telegram', undefined, false);
}
