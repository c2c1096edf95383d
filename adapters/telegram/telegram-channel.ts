/**
 * The Channel port over the Bot API: the core (and the reply stream, the scheduler, background
 * tasks) sends, edits and direct-messages structured replies through this without knowing Telegram.
 * Failures come back as PlatformError; an edit that changes nothing is a success; a group that was
 * upgraded to a supergroup is followed (and reported); a person who blocked the bot is reported
 * unreachable instead of being retried. Every send, edit and file is retried with backoff (see
 * retry.ts): an answer to a person for minutes, a direct message from the reminder queue briefly.
 */
import { InputFile, type Api } from 'grammy';
import type { Logger } from 'pino';
import {
  DIRECT_BACKOFF, PlatformError, REPLY_BACKOFF, withBackoff,
  type BackoffPolicy, type Channel, type Clock, type ChannelCapabilities, type ConversationRef, type DirectTarget, type MessageHandle, type Reply,
} from '../../src/core/index.ts';
import type { PlatformEvents } from '../../src/orchestrator/index.ts';
import { isForbidden, isNotModified, migratedTo, toPlatformError } from './errors.ts';
import { renderReply, renderReplyParts, TELEGRAM_MAX_MESSAGE_LENGTH, type RenderedReply } from './render.ts';
import { telegramVerdict } from './retry.ts';

/** What the channel is built from. */
export interface TelegramChannelDeps {
  api: Api;
  events: PlatformEvents;
  logger: Logger;
  editIntervalDmMs: number;
  editIntervalGroupMs: number;
  /** Paces retries: the bot's clock. */
  clock: Clock;
  /** Retries of answers to a person (default REPLY_BACKOFF). */
  replyBackoff?: BackoffPolicy;
  /** Retries of direct messages, whose queue retries on its own (default DIRECT_BACKOFF). */
  directBackoff?: BackoffPolicy;
}

/** Per-send extras the adapter uses when answering a message. */
export interface DeliverOptions {
  /** Reply to this message (groups: shows whom the answer is for); sent anyway if it is gone. */
  replyTo?: number;
  /** The person a direct message is for (marked unreachable on 403). */
  directUserId?: string;
}

/** Numeric ids go to Telegram as numbers, @channel names as strings. */
export function toChatId(chatId: string): number | string {
  return /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
}

const threadOf = (c: ConversationRef) => (c.threadId && /^\d+$/.test(c.threadId) ? { message_thread_id: Number(c.threadId) } : {});

/** Telegram implementation of the Channel port (see file comment). */
export class TelegramChannel implements Channel {
  readonly platform = 'telegram' as const;
  readonly capabilities: ChannelCapabilities;
  readonly #api: Api;
  readonly #events: PlatformEvents;
  readonly #log: Logger;
  readonly #clock: Clock;
  readonly #backoff: { reply: BackoffPolicy; direct: BackoffPolicy };

  constructor(deps: TelegramChannelDeps) {
    this.#api = deps.api;
    this.#clock = deps.clock;
    this.#backoff = { reply: deps.replyBackoff ?? REPLY_BACKOFF, direct: deps.directBackoff ?? DIRECT_BACKOFF };
    this.#events = deps.events;
    this.#log = deps.logger;
    this.capabilities = {
      maxMessageLength: TELEGRAM_MAX_MESSAGE_LENGTH, minEditIntervalDmMs: deps.editIntervalDmMs,
      minEditIntervalGroupMs: deps.editIntervalGroupMs, buttons: true, format: 'html',
    };
  }

  send(conversation: ConversationRef, reply: Reply): Promise<MessageHandle> {
    return this.deliver(conversation, reply);
  }

  sendDirect(target: DirectTarget, reply: Reply): Promise<MessageHandle> {
    const conversation: ConversationRef = { platform: 'telegram', chatId: target.chatId ?? target.userId, kind: 'dm' };
    return this.deliver(conversation, reply, { directUserId: target.userId });
  }

  /**
   * Sends a reply; what does not fit Telegram's 4,096 characters continues in further messages
   * (whole lines, so list items stay whole), with the buttons on the last. Resolves with the last
   * message's handle.
   */
  async deliver(conversation: ConversationRef, reply: Reply, options: DeliverOptions = {}): Promise<MessageHandle> {
    const handle = await this.#deliverText(conversation, reply, options);
    for (const file of reply.files ?? []) await this.#sendFile(handle.conversation, file);
    return handle;
  }

  /** A reply file (/export) as a document in the same chat, after the text. */
  async #sendFile(conversation: ConversationRef, file: NonNullable<Reply['files']>[number]): Promise<void> {
    const bytes = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : Buffer.from(file.content);
    try {
      await this.#retrying('reply', () => this.#api.sendDocument(toChatId(conversation.chatId), new InputFile(bytes, file.name), threadOf(conversation)));
    } catch (error) {
      throw toPlatformError(error, 'sendDocument');
    }
  }

  async #deliverText(conversation: ConversationRef, reply: Reply, options: DeliverOptions): Promise<MessageHandle> {
    let handle: MessageHandle | undefined;
    for (const part of renderReplyParts(reply)) handle = await this.#sendOne(handle?.conversation ?? conversation, part, options);
    return handle!;
  }

  async edit(handle: MessageHandle, reply: Reply): Promise<void> {
    const messageId = Number(handle.messageId);
    if (!Number.isSafeInteger(messageId)) throw new PlatformError(`not a Telegram message id: ${handle.messageId}`, 'telegram', 400, true);
    let rendered = renderReply(reply);
    // A card (a list turned to another page) keeps every item: the message shows what fits and the
    // rest follows in new messages. Plain text past the limit is cut (the reply stream splits its own).
    const [first, ...rest] = reply.card && rendered.length > TELEGRAM_MAX_MESSAGE_LENGTH ? renderReplyParts(reply) : [rendered];
    rendered = first!;
    if (rendered.length > TELEGRAM_MAX_MESSAGE_LENGTH) rendered = renderReply(shorten(reply, rendered.length - TELEGRAM_MAX_MESSAGE_LENGTH));
    this.#noteDropped(rendered);
    try {
      // An edit is idempotent: repeating one that went through answers "not modified", a success.
      await this.#retrying('reply', () => this.#api.editMessageText(toChatId(handle.conversation.chatId), messageId, nonEmpty(rendered.html), {
        parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(rendered.keyboard && { reply_markup: rendered.keyboard }),
      }));
    } catch (error) {
      if (!isNotModified(error)) throw toPlatformError(error, 'editMessageText');
    }
    for (const part of rest) await this.#sendOne(handle.conversation, part, {});
  }

  async typing(conversation: ConversationRef): Promise<void> {
    try {
      await this.#api.sendChatAction(toChatId(conversation.chatId), 'typing', threadOf(conversation));
    } catch (error) {
      throw toPlatformError(error, 'sendChatAction');
    }
  }

  /** Shows (or replaces) a draft in a private chat: the streaming preview of Bot API 9.5+. */
  async draft(conversation: ConversationRef, draftId: number, reply: Reply): Promise<void> {
    let rendered = renderReply({ text: reply.text, language: reply.language });
    if (rendered.length > TELEGRAM_MAX_MESSAGE_LENGTH) rendered = renderReply(shorten({ text: reply.text, language: reply.language }, rendered.length - TELEGRAM_MAX_MESSAGE_LENGTH));
    try {
      await this.#api.sendMessageDraft(Number(conversation.chatId), draftId, nonEmpty(rendered.html), { parse_mode: 'HTML', ...threadOf(conversation) });
    } catch (error) {
      throw toPlatformError(error, 'sendMessageDraft');
    }
  }

  async #sendOne(conversation: ConversationRef, rendered: RenderedReply, options: DeliverOptions, migrated = false): Promise<MessageHandle> {
    this.#noteDropped(rendered);
    try {
      const sent = await this.#retrying(options.directUserId === undefined ? 'reply' : 'direct', () => this.#api.sendMessage(toChatId(conversation.chatId), nonEmpty(rendered.html), {
        parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...threadOf(conversation),
        ...(rendered.keyboard && { reply_markup: rendered.keyboard }),
        ...(options.replyTo !== undefined && { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }),
      }));
      return { conversation, messageId: String(sent.message_id) };
    } catch (error) {
      const to = migratedTo(error);
      if (to !== undefined && !migrated) {
        // Telegram refused (nothing was sent): follow the group to its supergroup and say it once there.
        await this.#events.migrateChat('telegram', conversation.chatId, String(to)).catch((e: unknown) => this.#log.error({ err: e }, 'migrating the chat failed'));
        const { replyTo: _gone, ...rest } = options;
        return this.#sendOne({ ...conversation, chatId: String(to) }, rendered, rest, true);
      }
      if (isForbidden(error) && conversation.kind === 'dm') {
        const userId = options.directUserId ?? conversation.chatId;
        this.#log.info({ userId }, 'the person blocked the bot; marked unreachable');
        await this.#events.markUnreachable('telegram', userId).catch((e: unknown) => this.#log.error({ err: e }, 'marking unreachable failed'));
      }
      // A direct message (reminder) whose fate is unknown stays retryable for its durable queue; an
      // answer whose retries ran out is final (it was already retried for minutes).
      throw toPlatformError(error, 'sendMessage', options.directUserId === undefined);
    }
  }

  /**
   * One Bot API call with retries. A reply is retried even when a 5xx or a broken connection leaves
   * it unknown whether Telegram delivered it (one possible duplicate beats an unanswered person);
   * a direct message only when nothing can have been sent, and briefly (its queue retries itself).
   */
  #retrying<T>(purpose: 'reply' | 'direct', call: () => Promise<T>): Promise<T> {
    return withBackoff(call, {
      clock: this.#clock, policy: this.#backoff[purpose], classify: (error) => telegramVerdict(error, purpose === 'reply'),
      onRetry: (error, retry, waitMs) => this.#log.warn({ err: error, retry, waitMs, purpose }, 'a Telegram call failed; retrying'),
    });
  }

  #noteDropped(rendered: RenderedReply): void {
    if (rendered.dropped.length) this.#log.warn({ data: rendered.dropped.map((a) => a.data) }, 'buttons left out: callback data over 64 bytes');
  }
}

/** Telegram refuses empty text; a reply with only buttons still needs something to hang them on. */
function nonEmpty(html: string): string {
  return html.trim() === '' ? '…' : html;
}

/** The reply with its text cut by `over` characters (plus one for the ellipsis), never inside a surrogate pair. */
function shorten(reply: Reply, over: number): Reply {
  let end = Math.max(0, reply.text.length - over - 1);
  const code = reply.text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return { ...reply, text: `${reply.text.slice(0, end)}…` };
}
