/**
 * Who administers each group, fetched once per chat with getChatAdministrators and trusted for a
 * short while. The core lets chat admins delete others' shared items, so every group message needs
 * the answer; one call per chat per minute keeps that off Telegram's rate limits.
 */
import type { Api } from 'grammy';
import type { Logger } from 'pino';
import { lruCache, type Clock, type LruCache } from '../../src/core/index.ts';

/** The administrators of one group. */
type Admins = ReadonlySet<number>;

/** A failed look-up is trusted this long at most, so a passing Telegram hiccup is soon retried. */
const FAILED_LOOKUP_TTL_MS = 10_000;

/** Short-lived cache of group administrators (see file comment). */
export class ChatAdminCache {
  /** The one bounded cache: each entry expires on the injected clock, least recently used chats go first past 10,000. */
  readonly #entries: LruCache<number, Admins>;
  /** Look-ups in progress, so concurrent messages from one group share one call. */
  readonly #loading = new Map<number, Promise<Admins>>();
  readonly #now: () => number;

  constructor(
    private readonly api: Api,
    clock: Pick<Clock, 'now'>,
    private readonly ttlMs: number,
    private readonly log: Logger,
  ) {
    this.#entries = lruCache({ max: 10_000, ttlMs, clock });
    this.#now = () => clock.now().getTime();
  }

  /** True when the user is the group's creator or an administrator. Errs on "no" when Telegram cannot say. */
  async isAdmin(chatId: number, userId: number): Promise<boolean> {
    const admins = await this.#admins(chatId);
    return admins.has(userId);
  }

  /** Forgets a chat (it migrated, or the bot's admin view is known to be stale). */
  forget(chatId: number): void {
    this.#entries.delete(chatId);
  }

  async #admins(chatId: number): Promise<Admins> {
    const cached = this.#entries.get(chatId);
    if (cached) return cached;
    let loading = this.#loading.get(chatId);
    if (!loading) {
      loading = this.#load(chatId).finally(() => this.#loading.delete(chatId));
      this.#loading.set(chatId, loading);
    }
    return loading;
  }

  async #load(chatId: number): Promise<Admins> {
    const askedAt = this.#now(); // an answer is trusted for ttlMs from when it was asked for
    let admins: Admins;
    let ttl = this.ttlMs;
    try {
      const members = await this.api.getChatAdministrators(chatId);
      admins = new Set(members.map((m) => m.user.id));
    } catch (error) {
      this.log.warn({ err: error, chatId }, 'could not read the group administrators; treating the sender as a member');
      admins = new Set();
      ttl = Math.min(this.ttlMs, FAILED_LOOKUP_TTL_MS);
    }
    this.#entries.set(chatId, admins, { ttl, start: askedAt });
    return admins;
  }
}
