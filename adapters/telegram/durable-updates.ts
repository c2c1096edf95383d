/**
 * Telegram updates through the durable inbox, so a crash loses none and handles none twice.
 * Telegram forgets an update once a getUpdates call asks for a higher offset; grammY's runner
 * moves its offset as soon as a batch arrives, before anything is handled. Here the fetcher stores
 * each batch in the inbox (one insert) and only then moves the offset; updates are handled from the
 * inbox and marked handled afterwards (or inside the transaction that writes their item). At
 * start-up, and every lease period after, the unfinished rows (of this bot, left by a process that
 * died) are handled first, in update order. The process keeps its claims alive while it runs and
 * prunes handled rows hourly.
 */
import type { UpdateSupplier } from '@grammyjs/runner';
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import { withBackoff, type BackoffPolicy } from '../../src/core/backoff.ts';
import type { Clock, DurableInbox, InboxItem } from '../../src/core/index.ts';

/** How often handled rows older than a day are pruned. */
const PRUNE_EVERY_MS = 3_600_000;
/**
 * getUpdates and storing a batch are retried until they work or the bot stops (nothing may be
 * acknowledged unstored), from 100 ms backing off to 30 s, honouring retry_after.
 */
const FOREVER: BackoffPolicy = { maxRetries: Infinity, deadlineMs: Infinity, baseDelayMs: 100, maxDelayMs: 30_000, maxRetryAfterMs: Infinity };

/** The inbox key of a bot: update ids are per bot, and two bots may share one database. */
export function inboxSource(botId: number): string {
  return `telegram:${botId}`;
}

/** The chat an update belongs to (for the inbox's per-chat order), if any. */
function chatKeyOf(update: Update): string | null {
  const chat = update.message?.chat.id ?? update.edited_message?.chat.id ?? update.callback_query?.message?.chat.id ?? update.callback_query?.from.id ?? update.my_chat_member?.chat.id;
  return chat === undefined ? null : String(chat);
}

/** An update as the inbox stores it. */
export function toInboxItem(update: Update): InboxItem {
  return { updateId: update.update_id, chatKey: chatKeyOf(update), payload: JSON.stringify(update) };
}

/** Errors getUpdates must not retry: the token is revoked (401) or another instance polls (409). */
function isFatal(error: unknown): boolean {
  const code = (error as { error_code?: number } | null)?.error_code;
  return code === 401 || code === 409;
}

/** How long Telegram asked us to wait, on a 429. */
function retryAfterMs(error: unknown): number | undefined {
  const p = (error as { parameters?: { retry_after?: unknown } } | null)?.parameters;
  return typeof p?.retry_after === 'number' ? p.retry_after * 1000 : undefined;
}

/** What the durable supplier needs. */
export interface DurableSupplierOptions {
  api: Api;
  inbox: DurableInbox;
  /** The bot's inbox source (known after getMe). */
  source: () => string;
  clock: Clock;
  log: Logger;
  /** getUpdates parameters besides offset and limit. */
  fetch: { timeout: number; allowed_updates: readonly string[] };
}

/** A supplier for @grammyjs/runner's createSource, plus the offset it has confirmed up to. */
export interface DurableSupplier extends UpdateSupplier<Update> {
  /** The next offset: every update below it is stored in the inbox. */
  readonly offset: number;
}

/**
 * Fetches with getUpdates, stores each batch in the inbox, and only then advances the offset
 * (see file comment). Returns only the updates that were new to the inbox: one Telegram delivers
 * again after a crash, already stored, is handled by recovery instead, never twice. Transient
 * failures (of getUpdates or of the store) are retried with the one backoff, honouring retry_after.
 */
export function createDurableSupplier(o: DurableSupplierOptions): DurableSupplier {
  let offset = 0;
  const retrying = <T>(what: string, signal: AbortSignal, attempt: () => Promise<T>): Promise<T> => withBackoff(attempt, {
    clock: o.clock, policy: FOREVER, signal,
    classify: (error) => isFatal(error) ? { retry: false } : { retry: true, afterMs: retryAfterMs(error) },
    onRetry: (error) => { if (what === 'store') o.log.warn({ err: error }, 'storing received updates failed; retrying before acknowledging them'); },
  });
  return {
    get offset() {
      return offset;
    },
    async supply(batchSize, runnerSignal) {
      // The runner types its signal with an AbortController shim; at run time it is Node's own.
      const signal = runnerSignal as unknown as AbortSignal;
      const limit = Math.max(1, Math.min(batchSize, 100));
      const updates = await retrying('getUpdates', signal, () => o.api.getUpdates({ ...o.fetch, allowed_updates: [...o.fetch.allowed_updates] as never, offset, limit }, runnerSignal));
      if (updates.length === 0) return [];
      const fresh = await retrying('store', signal, () => o.inbox.store(o.source(), updates.map(toInboxItem)));
      // Only now may Telegram forget them: the next getUpdates carries this offset.
      offset = updates[updates.length - 1]!.update_id + 1;
      return updates.filter((u) => fresh.has(u.update_id));
    },
  };
}

/** How long finished updates wait to be marked handled together (one statement for a burst). */
const MARK_BATCH_MS = 20;
const MARK_BATCH_MAX = 200;

/**
 * Marks finished updates handled in batches. An update whose item was written is already settled
 * by that transaction; for the rest a crash inside this short window means one answer is repeated
 * after the restart (a list shown twice), never an item added twice or a message lost.
 */
export class HandledMarker {
  #pending: number[] = [];
  #cancel: (() => void) | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(private readonly inbox: DurableInbox, private readonly source: () => string, private readonly clock: Clock, private readonly log: Logger) {}

  /** Queues an update to be marked handled shortly. */
  mark(updateId: number): void {
    this.#pending.push(updateId);
    if (this.#pending.length >= MARK_BATCH_MAX) void this.flush();
    else this.#cancel ??= this.clock.setTimeout(() => void this.flush(), MARK_BATCH_MS);
  }

  /** Writes what is queued now (also at shutdown). */
  flush(): Promise<void> {
    this.#cancel?.();
    this.#cancel = undefined;
    const ids = this.#pending.splice(0);
    if (ids.length === 0) return this.#flushing;
    this.#flushing = this.#flushing.then(() => this.inbox.markHandled(this.source(), ids))
      .catch((error: unknown) => this.log.warn({ err: error, count: ids.length }, 'could not mark updates handled; they will be handled again after a restart'));
    return this.#flushing;
  }
}

/** Runs the inbox's upkeep: claims renewed about three times per lease, and an hourly prune. */
export function startInboxUpkeep(inbox: DurableInbox, clock: Clock, log: Logger, recover: () => Promise<void>): () => void {
  let stopped = false;
  const timers = new Set<() => void>();
  const every = (ms: number, work: () => Promise<unknown>): void => {
    let cancel: (() => void) | undefined;
    const tick = (): void => {
      if (cancel) timers.delete(cancel);
      if (stopped) return;
      void work().catch((error: unknown) => log.warn({ err: error }, 'inbox upkeep failed')).finally(() => {
        if (stopped) return;
        cancel = clock.setTimeout(tick, ms);
        timers.add(cancel);
      });
    };
    cancel = clock.setTimeout(tick, ms);
    timers.add(cancel);
  };
  every(Math.max(1_000, Math.floor(inbox.leaseMs / 3)), () => inbox.renewClaims());
  // Updates another process left behind when it died (its lease ran out) are taken over.
  every(inbox.leaseMs, recover);
  every(PRUNE_EVERY_MS, () => inbox.prune());
  return () => {
    stopped = true;
    for (const cancel of timers) cancel();
    timers.clear();
  };
}
