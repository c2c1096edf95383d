/**
 * The Bot API method handlers behind FakeTelegramServer: each validates like Telegram does (chat
 * exists, text non-empty and parseable, message exists and belongs to the bot, edit actually
 * changes something, callback query answered once) and updates the per-chat message store.
 * Unknown methods are recorded by the server and answered `true`.
 */
import type { TgChatState } from './fake-telegram.ts';
import type { TgFileStore } from './telegram-files.ts';
import { checkParseMode } from './telegram-markup.ts';
import { chatFullInfo, NOT_MODIFIED, num, TgApiError, visibleLength, type TgStoredMessage, type TgUserInput } from './telegram-model.ts';

/** What the handlers may touch on the server. */
export interface TgMethodContext {
  botUser: { id: number; is_bot: true; first_name: string; username: string };
  commands: Map<string, unknown[]>;
  callbackQueries: Map<string, { answered: boolean }>;
  /** Files people sent, for getFile. */
  files: TgFileStore;
  /** Unix seconds. */
  now(): number;
  nowMs(): number;
  /** The chat with this id; with `create`, unknown chats are created unless strictChats. */
  chat(id: number, create?: boolean): TgChatState | undefined;
  setWebhook(url: string): void;
  webhookUrl(): string;
  dropPending(): void;
}

type Params = Record<string, unknown>;

/** Runs one Bot API method and returns its `result`, or throws TgApiError. */
export function handleMethod(ctx: TgMethodContext, method: string, p: Params): unknown {
  switch (method.toLowerCase()) {
    case 'getme':
      return { ...ctx.botUser, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false };
    case 'logout': case 'close': return true;
    case 'deletewebhook':
      ctx.setWebhook('');
      if (p.drop_pending_updates === true) ctx.dropPending();
      return true;
    case 'setwebhook':
      ctx.setWebhook(String(p.url ?? ''));
      return true;
    case 'getwebhookinfo':
      return { url: ctx.webhookUrl(), has_custom_certificate: false, pending_update_count: 0 };
    case 'setmycommands':
      ctx.commands.set(commandsKey(p), (p.commands as unknown[]) ?? []);
      return true;
    case 'getmycommands':
      return ctx.commands.get(commandsKey(p)) ?? [];
    case 'deletemycommands':
      ctx.commands.delete(commandsKey(p));
      return true;
    case 'getfile': return ctx.files.getFile(p.file_id);
    case 'sendmessage': return sendMessage(ctx, p);
    case 'senddocument': return sendDocument(ctx, p);
    case 'editmessagetext': return editMessage(ctx, p, 'text');
    case 'editmessagecaption': return editMessage(ctx, p, 'caption');
    case 'editmessagereplymarkup': return editMessage(ctx, p, 'markup');
    case 'deletemessage': {
      const msg = findMessage(ctx, p, 'Bad Request: message to delete not found');
      msg.deleted = true;
      return true;
    }
    case 'answercallbackquery': {
      const q = ctx.callbackQueries.get(String(p.callback_query_id));
      if (!q || q.answered) throw new TgApiError(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
      q.answered = true;
      return true;
    }
    case 'sendchataction':
      targetChat(ctx, p);
      return true;
    case 'sendmessagedraft':
      targetChat(ctx, p);
      if (typeof p.text !== 'string' || p.text === '') throw new TgApiError(400, 'Bad Request: text must be non-empty');
      return true;
    case 'getchat':
      return chatFullInfo(knownChat(ctx, p.chat_id).chat);
    case 'getchatadministrators': {
      const state = knownChat(ctx, p.chat_id);
      if (state.chat.type === 'private') throw new TgApiError(400, 'Bad Request: there are no administrators in the private chat');
      return state.admins.map((u) => member(state, u));
    }
    case 'getchatmember': {
      const state = knownChat(ctx, p.chat_id);
      const id = num(p.user_id);
      if (id === ctx.botUser.id) return member(state, ctx.botUser);
      const u = state.admins.find((a) => a.id === id) ?? { id: id ?? 0, first_name: `User ${id}` };
      return member(state, u);
    }
    default:
      return true;
  }
}

function commandsKey(p: Params): string {
  const scope = (p.scope as { type?: string } | undefined)?.type ?? 'default';
  return `${scope}|${typeof p.language_code === 'string' ? p.language_code : ''}`;
}

function member(state: TgChatState, u: TgUserInput | { id: number }): Record<string, unknown> {
  const user = { is_bot: false, ...u };
  if (state.creatorId === u.id) return { status: 'creator', user, is_anonymous: false };
  if (!state.admins.some((a) => a.id === u.id)) return { status: 'member', user };
  return { status: 'administrator', user, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: true, can_manage_video_chats: false, can_restrict_members: true, can_promote_members: false, can_change_info: true, can_invite_users: true, can_post_stories: false, can_edit_stories: false, can_delete_stories: false, can_pin_messages: true };
}

function knownChat(ctx: TgMethodContext, chatId: unknown): TgChatState {
  const id = num(chatId);
  if (id === undefined) throw new TgApiError(400, 'Bad Request: chat_id is empty');
  const state = ctx.chat(id, true);
  if (!state) throw new TgApiError(400, 'Bad Request: chat not found');
  return state;
}

/** A chat the bot may send to: exists, not migrated, not blocked, under its flood limit. */
function targetChat(ctx: TgMethodContext, p: Params): TgChatState {
  const state = knownChat(ctx, p.chat_id);
  if (state.migratedTo !== undefined) throw new TgApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: state.migratedTo });
  if (state.blocked) throw new TgApiError(403, 'Forbidden: bot was blocked by the user');
  if (state.flood) {
    const f = state.flood;
    const now = ctx.nowMs();
    f.sent = f.sent.filter((t) => now - t < f.windowMs);
    if (f.sent.length >= f.max) throw new TgApiError(429, `Too Many Requests: retry after ${f.retryAfter}`, { retry_after: f.retryAfter });
    f.sent.push(now);
  }
  return state;
}

function checkMarkup(markup: unknown): void {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (markup === undefined || !Array.isArray(rows)) return;
  // Telegram's inline keyboard limits: at most 8 buttons a row and 100 in all.
  const all = (rows as unknown[][]).reduce((n, row) => n + (Array.isArray(row) ? row.length : 0), 0);
  if (all > 100 || (rows as unknown[][]).some((row) => Array.isArray(row) && row.length > 8)) throw new TgApiError(400, 'Bad Request: reply markup is too long');
  for (const row of rows as { text?: string; callback_data?: string }[][]) {
    for (const b of row) {
      if (typeof b.callback_data === 'string' && (Buffer.byteLength(b.callback_data) > 64 || b.callback_data === '')) throw new TgApiError(400, 'Bad Request: BUTTON_DATA_INVALID');
      if (!b.text) throw new TgApiError(400, 'Bad Request: text buttons are unallowed in the inline keyboard');
    }
  }
}

function checkText(text: unknown, parseMode: unknown, limit: number, what: 'text' | 'caption'): void {
  if (what === 'text' && (typeof text !== 'string' || text.trim() === '')) throw new TgApiError(400, 'Bad Request: message text is empty');
  if (typeof text !== 'string') return;
  const bad = checkParseMode(text, parseMode);
  if (bad) throw new TgApiError(400, bad);
  if (visibleLength(text, parseMode) > limit) throw new TgApiError(400, what === 'text' ? 'Bad Request: message is too long' : 'Bad Request: message caption is too long');
}

function storeBotMessage(ctx: TgMethodContext, state: TgChatState, p: Params, content: Record<string, unknown>): Record<string, unknown> {
  const reply = p.reply_parameters as { message_id?: number; allow_sending_without_reply?: boolean } | undefined;
  const replyId = reply?.message_id ?? num(p.reply_to_message_id);
  const replied = replyId !== undefined ? state.messages.get(replyId) : undefined;
  if (replyId !== undefined && (!replied || replied.deleted) && !reply?.allow_sending_without_reply) throw new TgApiError(400, 'Bad Request: message to be replied not found');
  const threadId = num(p.message_thread_id);
  const raw: Record<string, unknown> = {
    message_id: state.nextMessageId++, from: ctx.botUser, chat: { ...state.chat }, date: ctx.now(), ...content,
    ...(threadId !== undefined && { message_thread_id: threadId, is_topic_message: true }),
    ...(replied && !replied.deleted && { reply_to_message: replied.raw }),
    ...(p.reply_markup !== undefined && { reply_markup: p.reply_markup }),
  };
  const stored: TgStoredMessage = {
    message_id: raw.message_id as number, chatId: state.chat.id, fromBot: true, history: [], edits: 0, deleted: false, raw,
    ...(typeof content.text === 'string' && { text: content.text }),
    ...(typeof content.caption === 'string' && { caption: content.caption }),
    ...(typeof p.parse_mode === 'string' && { parse_mode: p.parse_mode }),
    ...(p.reply_markup !== undefined && { reply_markup: p.reply_markup }),
    ...(threadId !== undefined && { message_thread_id: threadId }),
    ...(p.reply_parameters !== undefined && { reply_parameters: p.reply_parameters }),
    ...(content.document !== undefined && { document: content.document as TgStoredMessage['document'] }),
  };
  state.messages.set(stored.message_id, stored);
  return raw;
}

function sendMessage(ctx: TgMethodContext, p: Params): unknown {
  const state = targetChat(ctx, p);
  checkText(p.text, p.parse_mode, 4096, 'text');
  checkMarkup(p.reply_markup);
  return storeBotMessage(ctx, state, p, { text: p.text });
}

function sendDocument(ctx: TgMethodContext, p: Params): unknown {
  const state = targetChat(ctx, p);
  checkText(p.caption, p.parse_mode, 1024, 'caption');
  checkMarkup(p.reply_markup);
  const doc = p.document as { filename?: string; size?: number } | string | undefined;
  if (doc === undefined || doc === '') throw new TgApiError(400, 'Bad Request: there is no document in the request');
  const fileId = `doc-${state.chat.id}-${state.nextMessageId}`;
  const document = typeof doc === 'string'
    ? { file_id: doc, file_unique_id: doc }
    : { file_id: fileId, file_unique_id: fileId, file_name: doc.filename, mime_type: 'application/octet-stream', file_size: doc.size };
  return storeBotMessage(ctx, state, p, { document, ...(typeof p.caption === 'string' && { caption: p.caption }) });
}

function findMessage(ctx: TgMethodContext, p: Params, notFound: string): TgStoredMessage {
  const state = knownChat(ctx, p.chat_id);
  const msg = state.messages.get(num(p.message_id) ?? -1);
  if (!msg || msg.deleted) throw new TgApiError(400, notFound);
  return msg;
}

function editMessage(ctx: TgMethodContext, p: Params, what: 'text' | 'caption' | 'markup'): unknown {
  if (p.inline_message_id !== undefined) return true;
  const msg = findMessage(ctx, p, 'Bad Request: message to edit not found');
  if (!msg.fromBot) throw new TgApiError(400, "Bad Request: message can't be edited");
  if (what === 'text') checkText(p.text, p.parse_mode, 4096, 'text');
  if (what === 'caption') checkText(p.caption, p.parse_mode, 1024, 'caption');
  checkMarkup(p.reply_markup);
  const field = what === 'markup' ? undefined : what;
  const before = field ? msg[field] : undefined;
  const after = field ? (p[field] as string | undefined) : undefined;
  const sameMarkup = JSON.stringify(p.reply_markup ?? null) === JSON.stringify(msg.reply_markup ?? null);
  const sameMode = !field || (p.parse_mode ?? null) === (msg.parse_mode ?? null);
  if ((field ? after === before && sameMode : true) && sameMarkup) throw new TgApiError(400, NOT_MODIFIED);
  if (field) {
    msg.history.push(before ?? '');
    msg[field] = after;
    msg.raw[field] = after;
    if (typeof p.parse_mode === 'string') msg.parse_mode = p.parse_mode;
    else delete msg.parse_mode;
  }
  msg.reply_markup = p.reply_markup;
  if (p.reply_markup === undefined) delete msg.raw.reply_markup;
  else msg.raw.reply_markup = p.reply_markup;
  msg.edits++;
  msg.raw.edit_date = ctx.now();
  return msg.raw;
}
