/**
 * What happens to one update: normalize it, hand it to the core with an outlet for streaming,
 * show "typing…" when the answer takes a moment, and deliver the reply — as a message (a reply to
 * the asker in groups), as an edit of the card whose button was pressed, or as the callback's
 * toast when the core says it is for the presser only. Every callback query is answered, whatever
 * happened. A document for /import is downloaded first and handed over as the command's attachment.
 */
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import { timeoutSignal, type CancelTimer, type Clock, type ConversationRef, type InboundMessage, type Reply } from '../../src/core/index.ts';
import { slashCommandText, type MessageHandler, type PlatformEvents } from '../../src/orchestrator/index.ts';
import { ChatAdminCache } from './admin-cache.ts';
import { DraftStreamChannel } from './draft-channel.ts';
import { PendingImports, type DocumentFetcher, type TelegramDocument } from './import-file.ts';
import { normalizeUpdate } from './normalize.ts';
import type { TelegramSettings } from './settings.ts';
import type { TelegramChannel } from './telegram-channel.ts';

/** What the update handler is built from. */
export interface UpdateHandlerDeps {
  api: Api;
  handler: MessageHandler;
  events: PlatformEvents;
  channel: TelegramChannel;
  admins: ChatAdminCache;
  /** The bot's own id and username (known after getMe). */
  bot: () => { id: number; username: string };
  clock: Clock;
  log: Logger;
  /** Downloads a document sent for /import. */
  fetchDocument: DocumentFetcher;
  settings: Pick<TelegramSettings, 'useDrafts' | 'typingAfterMs'>;
  /** Raised when shutdown stops waiting: streams still running end with what they have. */
  shutdown: AbortSignal;
}

/** Telegram keeps "typing…" for five seconds; renew a little before. */
const TYPING_RENEW_MS = 4_500;
const CALLBACK_TEXT_MAX = 200;
/** Longest a document download for /import may take. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

/** Builds the function the bot runs for each update (after ordering per chat). */
export function createUpdateHandler(deps: UpdateHandlerDeps): (update: Update) => Promise<void> {
  const { api, channel, clock, log, events } = deps;
  let nextDraftId = 1;
  let draftsUsable = true;
  /** Telegram announces an upgrade in both chats; act once. */
  const migrated = new Set<string>();
  const pendingImports = new PendingImports(clock);

  const answer = async (callbackId: string, text?: string): Promise<void> => {
    const shown = text && text.length > CALLBACK_TEXT_MAX ? `${text.slice(0, CALLBACK_TEXT_MAX - 1)}…` : text;
    await api.answerCallbackQuery(callbackId, shown ? { text: shown } : {}).catch((error: unknown) => log.warn({ err: error }, 'answerCallbackQuery failed'));
  };

  /** Starts "typing…" after a short delay and keeps it up until the returned function is called. */
  const typingWhileSlow = (conversation: ConversationRef): CancelTimer => {
    let cancel: CancelTimer | undefined;
    let stopped = false;
    const tick = (): void => {
      if (stopped) return;
      void channel.typing(conversation).catch(() => {});
      cancel = clock.setTimeout(tick, TYPING_RENEW_MS);
    };
    cancel = clock.setTimeout(tick, deps.settings.typingAfterMs);
    return () => { stopped = true; cancel?.(); };
  };

  const respondToButton = async (message: InboundMessage, callback: { id: string; messageId?: number }, reply: Reply | null): Promise<void> => {
    let toast: string | undefined;
    try {
      if (!reply) return;
      if (reply.ephemeral) toast = reply.text;
      else if (reply.replaceOriginal && callback.messageId !== undefined) await channel.edit({ conversation: message.conversation, messageId: String(callback.messageId) }, reply);
      else await channel.deliver(message.conversation, reply);
    } catch (error) {
      log.warn({ err: error }, 'answering a button press failed');
    } finally {
      await answer(callback.id, toast);
    }
  };

  /** The command with its document attached, or null (after telling the person) when the download failed. */
  const withDocument = async (message: InboundMessage, file: TelegramDocument, replyTo: number | undefined): Promise<InboundMessage | null> => {
    if (message.type !== 'command') return message;
    try {
      const attachment = await deps.fetchDocument(file, AbortSignal.any([deps.shutdown, timeoutSignal(clock, DOWNLOAD_TIMEOUT_MS)]));
      return { ...message, attachment };
    } catch (error) {
      log.warn({ err: error, chatId: message.conversation.chatId }, 'downloading a document for /import failed');
      const lang = message.actor.languageCode?.startsWith('ur') ? 'ur' : 'en';
      await channel.deliver(message.conversation, { text: slashCommandText(lang, 'genericError'), language: lang }, replyTo !== undefined ? { replyTo } : {})
        .catch((e: unknown) => log.warn({ err: e }, 'sending the error failed'));
      return null;
    }
  };

  const inbound = async (received: InboundMessage, replyTo: number | undefined, callback: { id: string; messageId?: number } | undefined, file?: TelegramDocument): Promise<void> => {
    const message = file ? await withDocument(received, file, replyTo) : received;
    if (!message) return;
    const conversation = message.conversation;
    const drafts = deps.settings.useDrafts && draftsUsable && conversation.kind === 'dm' && message.type === 'text'
      ? new DraftStreamChannel(channel, conversation, () => nextDraftId++, log, () => { draftsUsable = false; })
      : undefined;
    // Commands and buttons answer in milliseconds; free text may wait for a model, so it shows typing.
    const stopTyping = message.type === 'text' ? typingWhileSlow(conversation) : () => {};
    let reply: Reply | null = null;
    try {
      reply = await deps.handler.handle(message, { channel: drafts ?? channel, conversation, signal: deps.shutdown });
    } catch (error) {
      log.error({ err: error, type: message.type }, 'the core failed on a message'); // it should not; a button still gets its answer
    } finally {
      stopTyping();
      await drafts?.persist();
    }
    if (callback) return respondToButton(message, callback, reply);
    if (!reply) return;
    await channel.deliver(conversation, reply, replyTo !== undefined ? { replyTo } : {}).catch((error: unknown) => {
      log.warn({ err: error, chatId: conversation.chatId }, 'sending the reply failed');
    });
  };

  return async (update) => {
    const event = await normalizeUpdate(update, {
      bot: deps.bot(), now: clock.now(),
      isAdmin: (chatId, userId) => deps.admins.isAdmin(chatId, userId),
    });
    switch (event.kind) {
      case 'ignore': return;
      case 'answer-only': return answer(event.callbackId);
      case 'blocked':
        log.info({ userId: event.userId }, 'the person blocked the bot');
        return events.markUnreachable('telegram', event.userId);
      case 'migrate':
        if (migrated.has(`${event.oldChatId}>${event.newChatId}`)) return;
        migrated.add(`${event.oldChatId}>${event.newChatId}`);
        deps.admins.forget(Number(event.oldChatId));
        log.info({ from: event.oldChatId, to: event.newChatId }, 'group upgraded to a supergroup; its lists follow');
        return events.migrateChat('telegram', event.oldChatId, event.newChatId);
      case 'document':
        // Only the file a just-sent `/import` asked for; other documents are not for the bot.
        if (!pendingImports.take(event.message)) return;
        return inbound(event.message, event.replyTo, undefined, event.file);
      case 'inbound':
        // An edit of an earlier message says nothing about a file the person may be about to send.
        if (event.message.type === 'button' || !event.message.edit) pendingImports.noteMessage(event.message, event.file !== undefined);
        return inbound(event.message, event.replyTo, event.callback, event.file);
    }
  };
}
