import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { PlatformError, UnknownOutcomeError } from '../../src/core/errors.ts';

/**
 * Discord error codes that will fail the same way on every retry: the user closed DMs or blocked
 * the bot, the channel/message/interaction is gone, the bot lost access or permissions, or the
 * payload itself is invalid. Retrying these only burns the rate limit.
 */
const PERMANENT_CODES = new Set([
  10003, // Unknown Channel
  10004, // Unknown Guild
  10008, // Unknown Message
  10013, // Unknown User
  10015, // Unknown Webhook
  10062, // Unknown interaction (the 3-second deadline passed)
  40060, // Interaction has already been acknowledged
  50001, // Missing Access
  50005, // Cannot edit a message authored by another user
  50006, // Cannot send an empty message
  50007, // Cannot send messages to this user
  50013, // Missing Permissions
  50035, // Invalid Form Body
  50083, // Thread is archived
]);

/** Discord's "Cannot send messages to this user": DMs closed, bot blocked, or no shared server. */
export const DMS_CLOSED = 50007;

/**
 * Turns whatever discord.js threw into the core's PlatformError, so the reply stream and the
 * delivery loop decide retry-or-give-up without knowing discord.js: permanent for the codes above
 * and for 4xx answers other than 408/429, a `retryAfterMs` for rate limits, transient otherwise.
 */
export function toPlatformError(error: unknown): PlatformError {
  if (error instanceof PlatformError) return error;
  if (error instanceof RateLimitError) {
    return new PlatformError(`rate limited on ${error.route}`, 'discord', 429, false, Math.max(0, Math.ceil(error.retryAfter)));
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const permanent = PERMANENT_CODES.has(code) || (error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429);
    const retryAfterMs = error.status === 429 ? retryAfterOf(error.rawError) : undefined;
    return new PlatformError(`${error.status} ${code}: ${error.message}`, 'discord', code || error.status, permanent, retryAfterMs);
  }
  if (error instanceof HTTPError) {
    const permanent = error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
    if (error.status >= 500) return new UnknownOutcomeError(`HTTP ${error.status}: ${error.message}`, 'discord', error.status);
    return new PlatformError(`HTTP ${error.status}: ${error.message}`, 'discord', error.status, permanent);
  }
  // A network failure (connection reset, timeout) after the request went out: it may have been posted.
  const message = error instanceof Error ? error.message : String(error);
  return new UnknownOutcomeError(message, 'discord', undefined);
}

/** The Discord error code carried by a thrown value, if it is a Discord API error. */
export function discordCode(error: unknown): number | undefined {
  if (error instanceof PlatformError) return typeof error.code === 'number' ? error.code : undefined;
  if (error instanceof DiscordAPIError) return typeof error.code === 'number' ? error.code : Number(error.code);
  return undefined;
}

function retryAfterOf(raw: unknown): number | undefined {
  const seconds = (raw as { retry_after?: unknown } | null)?.retry_after;
  return typeof seconds === 'number' && Number.isFinite(seconds) ? Math.ceil(seconds * 1000) : undefined;
}
