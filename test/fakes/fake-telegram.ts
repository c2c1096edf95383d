/**
 * FakeTelegramServer: a loopback Telegram Bot API for tests that run the real grammY client
 * (`new Bot(token, { client: { apiRoot: await fake.start() } })`). It does real long polling,
 * keeps a per-chat message store so edits/deletes can be asserted, answers with Telegram-shaped
 * errors (including the exact "message is not modified" 400), and lets a test inject updates
 * and failures. Method handlers live in telegram-methods.ts; files people send (getFile and the
 * `/file/bot<token>/<path>` download route) in telegram-files.ts.
 */
import type http from 'node:http';
import type { Update } from 'grammy/types';
import type { Clock } from '../../src/core/clock.ts';
import { clockSleep, drivable, driveUntil } from './clock-driver.ts';
import { delay, parseBody, pollUntil, readBody, sendJson, startLoopbackServer, type LoopbackServer } from './http-util.ts';
import { TgFileStore } from './telegram-files.ts';
import { handleMethod, type TgMethodContext } from './telegram-methods.ts';
import {
  computeEntities, defaultDescription, TgApiError,
  type TgCall, type TgChat, type TgChatType, type TgFault, type TgStoredMessage, type TgUserInput,
} from './telegram-model.ts';

export type { TgCall, TgChat, TgFault, TgStoredMessage, TgUserInput } from './telegram-model.ts';

/** Options for the fake; all optional. */
export interface FakeTelegramOptions {
  /** If set, requests with another token get 401 Unauthorized (as Telegram does). */
  token?: string;
  /** Overrides for the getMe answer (id 42000, username "claw_test_bot" by default). */
  bot?: { id?: number; first_name?: string; username?: string };
  /**
   * Clock for message `date`s, each call's `at`, the flood window and `delayMs` faults; defaults to
   * the wall clock. With a FakeClock (the bot's), `waitFor`/`waitForCall` move it while they wait.
   */
  clock?: Pick<Clock, 'now'>;
  /** When true, sending to a chat no update mentioned answers 400 "chat not found". */
  strictChats?: boolean;
}

interface PollWaiter { res: http.ServerResponse; wake: () => void }

/** Where and from whom an injected message comes (see sendText / sendDocument). */
interface UserMessageOptions {
  chatId: number;
  chatType?: TgChatType;
  from: TgUserInput;
  title?: string;
  messageThreadId?: number;
  replyToBotMessageId?: number;
}

/** State per chat. Exposed to telegram-methods.ts only. */
export interface TgChatState {
  chat: TgChat;
  nextMessageId: number;
  messages: Map<number, TgStoredMessage>;
  migratedTo?: number;
  blocked: boolean;
  admins: TgUserInput[];
  creatorId?: number;
  flood?: { max: number; windowMs: number; retryAfter: number; sent: number[] };
}

/** Fake Telegram Bot API server (see file comment). */
export class FakeTelegramServer {
  /** Every Bot API call, in arrival order. */
  readonly calls: TgCall[] = [];
  /** The bot user returned by getMe and used as `from` on bot messages. */
  readonly botUser: { id: number; is_bot: true; first_name: string; username: string };
  /** Commands per `scope.type|language_code` as set by setMyCommands. */
  readonly commands = new Map<string, unknown[]>();
  /** Current webhook URL ('' when none), as set by setWebhook/deleteWebhook. */
  webhookUrl = '';
  /** Documents people sent, downloadable by the bot (getFile + /file/bot<token>/<path>). */
  readonly files = new TgFileStore();
  private readonly chats = new Map<number, TgChatState>();
  private readonly queue: Update[] = [];
  private readonly faults = new Map<string, TgFault[]>();
  /** Requests held by a `hang` fault right now. */
  hanging = 0;
  /** Requests being answered right now, not counting held long polls and hangs (the clock driver waits for 0). */
  busy = 0;
  private readonly callbackQueries = new Map<string, { answered: boolean }>();
  private allowedUpdates: string[] = [];
  private nextUpdateId = 100_000;
  private nextQueryId = 1;
  private waiter: PollWaiter | undefined;
  private server: LoopbackServer | undefined;

  constructor(private readonly options: FakeTelegramOptions = {}) {
    this.botUser = { id: options.bot?.id ?? 42_000, is_bot: true, first_name: options.bot?.first_name ?? 'Claw Test', username: options.bot?.username ?? 'claw_test_bot' };
  }

  /** Starts listening on 127.0.0.1 and returns the apiRoot (no trailing slash, as grammY requires). */
  async start(): Promise<string> {
    this.server = await startLoopbackServer((req, res) => this.handle(req, res));
    return this.server.url;
  }

  /** The apiRoot after start(). */
  get url(): string {
    if (!this.server) throw new Error('FakeTelegramServer not started');
    return this.server.url;
  }

  /** TCP connections the bot has opened to this server so far. */
  get connectionsAccepted(): number {
    return this.server?.connectionsAccepted ?? 0;
  }

  /** Releases a held getUpdates and destroys every socket, so the test process can exit at once. */
  async stop(): Promise<void> {
    this.waiter?.wake();
    this.waiter = undefined;
    await this.server?.close();
    this.server = undefined;
  }

  /** Makes the next `times` calls of `method` fail as described (see TgFault). */
  failNext(method: string, fault: TgFault, times = 1): void {
    const list = this.faults.get(method.toLowerCase()) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.faults.set(method.toLowerCase(), list);
  }

  /** Every send to this chat answers 403 "Forbidden: bot was blocked by the user" until unblocked. */
  blockUser(chatId: number, blocked = true): void {
    this.chatState(chatId).blocked = blocked;
  }

  /** Sends to `chatId` beyond `max` per `windowMs` answer 429 with `retryAfter` seconds. */
  setFloodLimit(chatId: number, limit: { max: number; windowMs: number; retryAfter?: number } | undefined): void {
    this.chatState(chatId).flood = limit && { ...limit, retryAfter: limit.retryAfter ?? 1, sent: [] };
  }

  /** Declares the administrators (and optionally the creator) getChatMember/getChatAdministrators report. */
  setAdmins(chatId: number, admins: TgUserInput[], creatorId?: number): void {
    const state = this.chatState(chatId);
    state.admins = admins;
    state.creatorId = creatorId;
  }

  /** Registers a chat (useful with strictChats, or to give a group a title). */
  addChat(chat: TgChat): void {
    const state = this.chatState(chat.id, chat.type);
    state.chat = { ...state.chat, ...chat };
  }

  /** Queues an incoming text message; entities for /commands and @mentions are computed. */
  sendText(opts: UserMessageOptions & { text: string; entities?: unknown[] }): Update {
    const entities = opts.entities ?? computeEntities(opts.text);
    return this.userMessage(opts, { text: opts.text, ...(entities.length > 0 && { entities }) }, { text: opts.text });
  }

  /**
   * Queues an `edited_message`: the person changes the text of their earlier message `messageId` in
   * `chatId` (the stored message keeps the old text in `history`). `from` defaults to the message's
   * author; a test may pass someone else to see that forging it changes nothing.
   */
  editText(opts: { chatId: number; messageId: number; text: string; from?: TgUserInput; entities?: unknown[] }): Update {
    const stored = this.chats.get(opts.chatId)?.messages.get(opts.messageId);
    if (!stored || stored.fromBot) throw new Error(`FakeTelegramServer.editText: chat ${opts.chatId} has no user message ${opts.messageId}`);
    const entities = opts.entities ?? computeEntities(opts.text);
    const { entities: _old, ...raw } = stored.raw;
    const message: Record<string, unknown> = {
      ...raw, text: opts.text, edit_date: this.unixNow(), ...(entities.length > 0 && { entities }),
      ...(opts.from && { from: this.user(opts.from) }),
    };
    stored.history.push(stored.text ?? '');
    stored.text = opts.text;
    stored.edits++;
    stored.raw = { ...message, from: raw.from }; // a forged sender does not become the author
    return this.pushUpdate({ edited_message: message });
  }

  /**
   * Queues an incoming document (a file a person sends, with an optional caption such as "/import");
   * the bytes are held in `files` for getFile and the download route.
   */
  sendDocument(opts: UserMessageOptions & { fileName: string; content: Uint8Array | string; mimeType?: string; caption?: string }): Update {
    const file = this.files.add(opts.content, { file_name: opts.fileName, ...(opts.mimeType !== undefined && { mime_type: opts.mimeType }) });
    const document = this.files.document(file);
    const entities = opts.caption ? computeEntities(opts.caption) : [];
    const caption = opts.caption !== undefined ? { caption: opts.caption } : {};
    return this.userMessage(opts, { document, ...caption, ...(entities.length > 0 && { caption_entities: entities }) }, { document: document as TgStoredMessage['document'], ...caption });
  }

  /** Queues a callback_query as if `from` pressed an inline button with `data` under message `messageId`. */
  pressButton(opts: { chatId: number; from: TgUserInput; messageId: number; data: string }): Update & { callback_query: { id: string } } {
    const state = this.chatState(opts.chatId);
    const id = `cbq-${this.nextQueryId++}`;
    this.callbackQueries.set(id, { answered: false });
    const message = state.messages.get(opts.messageId)?.raw ?? { message_id: opts.messageId, date: this.unixNow(), chat: { ...state.chat }, from: this.botUser, text: '' };
    const update = this.pushUpdate({ callback_query: { id, from: this.user(opts.from), message, chat_instance: `ci${opts.chatId}`, data: opts.data } });
    return update as Update & { callback_query: { id: string } };
  }

  /** Upgrades a group to a supergroup: service messages in both chats; later sends to the old id fail. */
  migrateGroup(oldChatId: number, newChatId: number): Update[] {
    const old = this.chatState(oldChatId, 'group');
    old.migratedTo = newChatId;
    const next = this.chatState(newChatId, 'supergroup');
    next.chat = { ...next.chat, title: next.chat.title ?? old.chat.title };
    next.admins = old.admins;
    const from = { id: 1, is_bot: false, first_name: 'Group Admin' };
    return [
      this.pushUpdate({ message: { message_id: old.nextMessageId++, date: this.unixNow(), chat: { ...old.chat }, from, migrate_to_chat_id: newChatId } }),
      this.pushUpdate({ message: { message_id: next.nextMessageId++, date: this.unixNow(), chat: { ...next.chat }, from, migrate_from_chat_id: oldChatId } }),
    ];
  }

  /** Queues any update body (update_id is assigned) for cases the helpers do not cover. */
  pushUpdate(body: Record<string, unknown>): Update {
    const update = { update_id: this.nextUpdateId++, ...body } as Update;
    this.queue.push(update);
    this.waiter?.wake();
    return update;
  }

  /** Updates queued but not yet confirmed by a getUpdates offset. */
  get pendingUpdates(): readonly Update[] {
    return this.queue;
  }

  /** Recorded calls of one method (case-insensitive), in order. */
  callsOf(method: string): TgCall[] {
    return this.calls.filter((c) => c.method.toLowerCase() === method.toLowerCase());
  }

  /** Messages in a chat with their final state; bot messages only unless includeUser, deleted ones only if includeDeleted. */
  messagesIn(chatId: number, opts: { includeUser?: boolean; includeDeleted?: boolean } = {}): TgStoredMessage[] {
    const all = [...(this.chats.get(chatId)?.messages.values() ?? [])];
    return all.filter((m) => (opts.includeUser || m.fromBot) && (opts.includeDeleted || !m.deleted));
  }

  /** Resolves with the first recorded call matching `predicate` (already recorded or future); rejects with the call log on timeout. */
  waitFor(predicate: (call: TgCall) => boolean, timeoutMs = 2_000): Promise<TgCall> {
    const clock = drivable(this.options.clock);
    if (clock) return driveUntil(clock, () => this.calls.find(predicate), { timeoutMs, quiet: () => this.busy === 0, label: 'FakeTelegramServer.waitFor', describe: () => this.describeCalls() });
    return pollUntil(() => this.calls.find(predicate), timeoutMs, 'FakeTelegramServer.waitFor', () => this.describeCalls());
  }

  /** Like waitFor, for the `n`-th (1-based) call of `method` matching an optional predicate. */
  waitForCall(method: string, predicate: (call: TgCall) => boolean = () => true, n = 1, timeoutMs = 2_000): Promise<TgCall> {
    const clock = drivable(this.options.clock);
    if (clock) return driveUntil(clock, () => this.callsOf(method).filter(predicate)[n - 1], { timeoutMs, quiet: () => this.busy === 0, label: `FakeTelegramServer.waitForCall(${method}#${n})`, describe: () => this.describeCalls() });
    return pollUntil(() => this.callsOf(method).filter(predicate)[n - 1], timeoutMs, `FakeTelegramServer.waitForCall(${method}#${n})`, () => this.describeCalls());
  }

  /** The last 30 calls, one per line, for timeout messages. */
  describeCalls(): string {
    const lines = this.calls.slice(-30).map((c) => `  ${c.method} ${JSON.stringify(c.params).slice(0, 160)}${c.error ? ` -> ${c.error.error_code} ${c.error.description}` : ''}`);
    return `${this.calls.length} call(s) recorded${lines.length ? ':\n' + lines.join('\n') : ''}`;
  }

  private userMessage(opts: UserMessageOptions, content: Record<string, unknown>, stored: Pick<TgStoredMessage, 'text' | 'caption' | 'document'>): Update {
    const state = this.chatState(opts.chatId, opts.chatType ?? (opts.chatId > 0 ? 'private' : 'supergroup'), opts.from, opts.title);
    if (opts.messageThreadId !== undefined && state.chat.type === 'supergroup') state.chat.is_forum = true;
    const message: Record<string, unknown> = {
      message_id: state.nextMessageId++, date: this.unixNow(), chat: { ...state.chat }, from: this.user(opts.from), ...content,
      ...(opts.messageThreadId !== undefined && { message_thread_id: opts.messageThreadId, is_topic_message: true }),
    };
    if (opts.replyToBotMessageId !== undefined) {
      const replied = state.messages.get(opts.replyToBotMessageId);
      message.reply_to_message = replied?.raw ?? { message_id: opts.replyToBotMessageId, date: this.unixNow(), chat: { ...state.chat }, from: this.botUser, text: '' };
    }
    state.messages.set(message.message_id as number, {
      message_id: message.message_id as number, chatId: opts.chatId, fromBot: false, ...stored, history: [], edits: 0, deleted: false, raw: message,
      ...(opts.messageThreadId !== undefined && { message_thread_id: opts.messageThreadId }),
    });
    return this.pushUpdate({ message });
  }

  private unixNow(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  private user(u: TgUserInput): Record<string, unknown> {
    return { is_bot: false, ...u };
  }

  private chatState(id: number, type?: TgChatType, from?: TgUserInput, title?: string): TgChatState {
    let state = this.chats.get(id);
    if (!state) {
      const t = type ?? (id > 0 ? 'private' : 'supergroup');
      const chat: TgChat = t === 'private'
        ? { id, type: t, first_name: from?.first_name ?? `User ${id}`, ...(from?.username && { username: from.username }) }
        : { id, type: t, title: title ?? `Chat ${id}` };
      state = { chat, nextMessageId: 1, messages: new Map(), blocked: false, admins: [] };
      this.chats.set(id, state);
    }
    return state;
  }

  private methodContext(): TgMethodContext {
    return {
      botUser: this.botUser, commands: this.commands, callbackQueries: this.callbackQueries, files: this.files, now: () => this.unixNow(),
      nowMs: () => this.nowMs(),
      chat: (id, create) => (this.chats.get(id) ?? (create && !this.options.strictChats ? this.chatState(id) : undefined)),
      setWebhook: (url) => { this.webhookUrl = url; },
      webhookUrl: () => this.webhookUrl,
      dropPending: () => { this.queue.length = 0; },
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.busy++;
    try {
      await this.answer(req, res);
    } finally {
      this.busy--;
    }
  }

  /** The time a call is recorded at: the clock's when given. */
  private nowMs(): number {
    return (this.options.clock?.now() ?? new Date()).getTime();
  }

  private async answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const download = /^\/file\/bot([^/]+)\/([^?]+)/.exec(req.url ?? '');
    if (download) {
      if (this.options.token !== undefined && download[1] !== this.options.token) return sendJson(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      return this.files.serve(decodeURIComponent(download[2]!), res);
    }
    const m = /^\/bot([^/]+)\/([A-Za-z0-9_]+)\/?(?:\?.*)?$/.exec(req.url ?? '');
    const body = await readBody(req);
    if (!m) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = m as unknown as [string, string, string];
    const parsed = parseBody(req, body);
    const params = parsed.fields;
    for (const f of parsed.files) {
      for (const [k, v] of Object.entries(params)) if (v === `attach://${f.field}`) params[k] = { attach: f.field, filename: f.filename, size: f.data.length };
    }
    const call: TgCall = { method, params, files: parsed.files.map((f) => ({ field: f.field, filename: f.filename, size: f.data.length, data: f.data })), at: this.nowMs() };
    const fault = this.faults.get(method.toLowerCase())?.shift();
    if (fault && 'hang' in fault) {
      call.error = { error_code: 0, description: 'held unanswered by failNext (hang)' };
      this.calls.push(call);
      this.hanging++;
      this.busy--;
      await new Promise<void>((resolve) => { res.once('close', resolve); });
      this.busy++;
      this.hanging--;
      return;
    }
    if (fault?.delayMs) {
      const clock = drivable(this.options.clock);
      this.busy--;
      await (clock ? clockSleep(clock, fault.delayMs) : delay(fault.delayMs));
      this.busy++;
    }
    this.calls.push(call);
    try {
      if (this.options.token !== undefined && token !== this.options.token) throw new TgApiError(401, 'Unauthorized');
      if (fault && 'drop' in fault) {
        call.error = { error_code: 0, description: 'connection dropped by failNext' };
        res.destroy();
        return;
      }
      if (fault && 'code' in fault) {
        const parameters = { ...(fault.retryAfter !== undefined && { retry_after: fault.retryAfter }), ...(fault.migrateToChatId !== undefined && { migrate_to_chat_id: fault.migrateToChatId }) };
        throw new TgApiError(fault.code, fault.description ?? defaultDescription(fault.code, fault.retryAfter), Object.keys(parameters).length ? parameters : undefined);
      }
      const result = method.toLowerCase() === 'getupdates' ? await this.getUpdates(params, res) : handleMethod(this.methodContext(), method, params);
      if (result === undefined) return; // socket gone or superseded
      call.result = result;
      if (fault && 'acceptThenDrop' in fault) {
        call.error = { error_code: 0, description: 'carried out, then the connection dropped by failNext' };
        res.destroy();
        return;
      }
      sendJson(res, 200, { ok: true, result });
    } catch (err) {
      if (!(err instanceof TgApiError)) throw err;
      call.error = { error_code: err.code, description: err.description };
      sendJson(res, err.code, { ok: false, error_code: err.code, description: err.description, ...(err.parameters && { parameters: err.parameters }) });
    }
  }

  /** Long polling: confirm by offset, answer at once if something is deliverable, else hold up to `timeout` s. */
  private async getUpdates(p: Record<string, unknown>, res: http.ServerResponse): Promise<Update[] | undefined> {
    if (this.webhookUrl) throw new TgApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = Number(p.offset ?? 0);
    if (offset > 0) while (this.queue.length && (this.queue[0] as Update).update_id < offset) this.queue.shift();
    else if (offset < 0) this.queue.splice(0, Math.max(0, this.queue.length + offset));
    if (Array.isArray(p.allowed_updates)) this.allowedUpdates = p.allowed_updates as string[];
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100)));
    const take = (): Update[] => {
      const allowed = this.allowedUpdates.length ? this.allowedUpdates : null;
      const ok = (u: Update): boolean => { const kind = Object.keys(u).find((k) => k !== 'update_id') ?? ''; return allowed ? allowed.includes(kind) : !['chat_member', 'message_reaction', 'message_reaction_count'].includes(kind); };
      for (let i = this.queue.length - 1; i >= 0; i--) if (!ok(this.queue[i] as Update)) this.queue.splice(i, 1);
      return this.queue.slice(0, limit);
    };
    const now = take();
    const timeoutS = Math.min(50, Math.max(0, Number(p.timeout ?? 0)));
    if (now.length > 0 || timeoutS === 0) return now;
    if (this.waiter) {
      const old = this.waiter;
      this.waiter = undefined;
      old.wake();
      sendJson(old.res, 409, { ok: false, error_code: 409, description: defaultDescription(409) });
    }
    this.busy--;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => waiter.wake(), timeoutS * 1000);
      const waiter: PollWaiter = { res, wake: () => { clearTimeout(timer); res.off('close', onClose); if (this.waiter === waiter) this.waiter = undefined; resolve(); } };
      const onClose = (): void => waiter.wake();
      res.on('close', onClose);
      this.waiter = waiter;
    });
    this.busy++;
    if (res.headersSent || res.destroyed || !this.server) return undefined;
    return take();
  }
}
