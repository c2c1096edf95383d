/**
 * Who administers each group, fetched once per chat with getChatAdministrators and trusted for a
 * short while. The core lets chat admins delete others' shared items, so every group message needs
 * the answer; one call per chat per minute keeps that off Telegram's rate limits.
 */
import type { Api } from 'grammy';
import type { Logger } from 'pino';
import type { Clock } from '../../src/core/index.ts';

interface Entry {
  admins: ReadonlySet<number>;
  until: number;
}

/** Short-lived cache of group administrators (see file comment). */
export class ChatAdminCache {
  readonly #entries = new Map<number, Entry>();
  readonly #loading = new Map<number, Promise<Entry>>();

  constructor(
    private readonly api: Api,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly ttlMs: number,
    private readonly log: Logger,
  ) {}

  /** True when the user is the group's creator or an administrator. Errs on "no" when Telegram cannot say. */
  async isAdmin(chatId: number, userId: number): Promise<boolean> {
    const entry = await this.#entry(chatId);
    return entry.admins.has(userId);
  }

  /** Forgets a chat (it migrated, or the bot's admin view is known to be stale). */
  forget(chatId: number): void {
    this.#entries.delete(chatId);
  }

  async #entry(chatId: number): Promise<Entry> {
    const now = this.clock.now().getTime();
    const cached = this.#entries.get(chatId);
    if (cached && cached.until > now) return cached;
    let loading = this.#loading.get(chatId);
    if (!loading) {
      loading = this.#load(chatId, now).finally(() => this.#loading.delete(chatId));
      this.#loading.set(chatId, loading);
    }
    return loading;
  }

  async #load(chatId: number, now: number): Promise<Entry> {
    let entry: Entry;
    try {
      const members = await this.api.getChatAdministrators(chatId);
      entry = { admins: new Set(members.map((m) => m.user.id)), until: now + this.ttlMs };
    } catch (error) {
      this.log.warn({ err: error, chatId }, 'could not read the group administrators; treating the sender as a member');
      entry = { admins: new Set(), until: now + Math.min(this.ttlMs, 10_000) };
    }
    if (this.#entries.size > 10_000) this.#entries.clear();
    this.#entries.set(chatId, entry);
    return entry;
  }
}
