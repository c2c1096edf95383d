/**
 * What the Telegram adapter can be tuned with. Read from the validated configuration by launch.ts
 * (see `telegramSettingsFrom`), defaulted here so tests and the bench only state what they change.
 */

/** Adapter settings; every field has a default (see TELEGRAM_DEFAULTS). */
export interface TelegramSettings {
  /** Public HTTPS URL Telegram posts updates to; unset = long polling. */
  webhookUrl?: string;
  /** Checked against X-Telegram-Bot-Api-Secret-Token on every webhook request; random per start when unset. */
  webhookSecret?: string;
  /** Port the webhook server listens on (0 = any free port, for tests). */
  webhookPort: number;
  /** Interface the webhook server binds to. */
  webhookHost: string;
  /** Minimum time between edits of one streamed message in a private chat. */
  editIntervalDmMs: number;
  /** Minimum time between edits of one streamed message in a group (Telegram limits groups harder). */
  editIntervalGroupMs: number;
  /** Stream private-chat answers as drafts (sendMessageDraft, Bot API 9.5+) and persist them at the end. */
  useDrafts: boolean;
  /** Long-polling timeout in seconds (how long one getUpdates may wait for news). */
  pollTimeoutS: number;
  /** How long stop() lets in-flight replies finish before it cancels streams still running. */
  shutdownGraceMs: number;
  /** How long a group's administrator list is trusted before it is fetched again. */
  adminCacheMs: number;
  /**
   * For calls other than replies (callback answers, chat actions, menus): a 429 asking to wait
   * longer than this is not waited out but reported (PlatformError.retryAfterMs). Replies follow
   * REPLY_BACKOFF / DIRECT_BACKOFF in src/core/backoff.ts instead.
   */
  maxRetryAfterS: number;
  /** Retries of one such call after a 429, 5xx or network error. */
  maxRetries: number;
  /** First wait before retrying such a call; doubles each time (with jitter). */
  networkBackoffMs: number;
  /** Show "typing…" when a reply takes longer than this. */
  typingAfterMs: number;
  /**
   * Updates handled at once across chats. Bounds the load a burst puts on the database (whose
   * transactions queue behind one another); a streaming answer holds one slot while it runs.
   */
  maxConcurrentUpdates: number;
}

/** The defaults: Telegram's documented edit pacing, 30 s long polls, a 10 s shutdown grace. */
export const TELEGRAM_DEFAULTS = {
  webhookPort: 8080,
  webhookHost: '0.0.0.0',
  editIntervalDmMs: 1_000,
  editIntervalGroupMs: 3_000,
  useDrafts: false,
  pollTimeoutS: 30,
  shutdownGraceMs: 10_000,
  adminCacheMs: 60_000,
  maxRetryAfterS: 15,
  maxRetries: 3,
  networkBackoffMs: 500,
  typingAfterMs: 400,
  maxConcurrentUpdates: 200,
} satisfies TelegramSettings;

/** The configuration fields the adapter reads (a subset of the app's Config). */
export interface TelegramConfigFields {
  TELEGRAM_WEBHOOK_URL?: string;
  TELEGRAM_WEBHOOK_SECRET?: string;
  TELEGRAM_WEBHOOK_PORT?: number;
  TELEGRAM_EDIT_INTERVAL_DM_MS?: number;
  TELEGRAM_EDIT_INTERVAL_GROUP_MS?: number;
  TELEGRAM_USE_DRAFTS?: boolean;
}

/** Settings from the validated configuration, defaults for what it leaves out. */
export function telegramSettingsFrom(config: TelegramConfigFields): TelegramSettings {
  return {
    ...TELEGRAM_DEFAULTS,
    ...(config.TELEGRAM_WEBHOOK_URL && { webhookUrl: config.TELEGRAM_WEBHOOK_URL }),
    ...(config.TELEGRAM_WEBHOOK_SECRET && { webhookSecret: config.TELEGRAM_WEBHOOK_SECRET }),
    ...(config.TELEGRAM_WEBHOOK_PORT !== undefined && { webhookPort: config.TELEGRAM_WEBHOOK_PORT }),
    ...(config.TELEGRAM_EDIT_INTERVAL_DM_MS !== undefined && { editIntervalDmMs: config.TELEGRAM_EDIT_INTERVAL_DM_MS }),
    ...(config.TELEGRAM_EDIT_INTERVAL_GROUP_MS !== undefined && { editIntervalGroupMs: config.TELEGRAM_EDIT_INTERVAL_GROUP_MS }),
    ...(config.TELEGRAM_USE_DRAFTS !== undefined && { useDrafts: config.TELEGRAM_USE_DRAFTS }),
  };
}
