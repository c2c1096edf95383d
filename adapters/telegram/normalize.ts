/**
 * Telegram updates as the core's small InboundMessage, plus the few platform events the core
 * cares about (a group upgraded to a supergroup, a person who blocked the bot). Also decides what a
 * group message is for: with privacy mode on the bot answers commands, mentions of it and replies
 * to its own messages, and stays out of everything else people say to each other. A document is
 * only for /import: with that caption, or alone as the file a just-sent `/import` waits for.
 */
import type { Message, Update, User } from 'grammy/types';
import { parseCommandText, type Actor, type ConversationRef, type InboundMessage } from '../../src/core/index.ts';
import { documentOf, type TelegramDocument } from './import-file.ts';

/** Telegram's stand-in sender for anonymous group administrators. */
const GROUP_ANONYMOUS_BOT = 1_087_968_824;

/** What normalizing needs to know about the bot and the moment. */
export interface NormalizeContext {
  bot: { id: number; username: string };
  now: Date;
  /** Whether a user administers a group (cached lookups). */
  isAdmin(chatId: number, userId: number): Promise<boolean>;
}

/** What one update means to the adapter. */
export type TelegramEvent =
  | { kind: 'inbound'; message: InboundMessage; replyTo?: number; callback?: { id: string; messageId?: number }; file?: TelegramDocument }
  /** A document without a command: an `import` only if this person's `/import` is waiting for a file. */
  | { kind: 'document'; message: InboundMessage; replyTo?: number; file: TelegramDocument }
  | { kind: 'migrate'; oldChatId: string; newChatId: string }
  | { kind: 'blocked'; userId: string }
  /** A callback query with nothing to act on; it still gets answered. */
  | { kind: 'answer-only'; callbackId: string }
  | { kind: 'ignore' };

const IGNORE: TelegramEvent = { kind: 'ignore' };

/** "First Last", or the username, or the id: how lists show who added an item. */
export function displayName(user: User): string {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  return (name || user.username || String(user.id)).slice(0, 64);
}

function conversationOf(msg: Pick<Message, 'chat' | 'message_thread_id' | 'is_topic_message'>): ConversationRef {
  const group = msg.chat.type !== 'private';
  return {
    platform: 'telegram', chatId: String(msg.chat.id), kind: group ? 'group' : 'dm',
    ...(msg.is_topic_message && msg.message_thread_id !== undefined && { threadId: String(msg.message_thread_id) }),
    ...(group && 'title' in msg.chat && msg.chat.title && { title: msg.chat.title }),
  };
}

async function actorOf(from: User, msg: Pick<Message, 'chat' | 'sender_chat'>, ctx: NormalizeContext): Promise<Actor> {
  const group = msg.chat.type !== 'private';
  const anonymousAdmin = msg.sender_chat?.id === msg.chat.id;
  return {
    platform: 'telegram', userId: String(from.id), displayName: anonymousAdmin && 'title' in msg.chat && msg.chat.title ? msg.chat.title : displayName(from),
    ...(from.language_code && { languageCode: from.language_code }),
    ...(group && { isChatAdmin: anonymousAdmin || (await ctx.isAdmin(msg.chat.id, from.id)) }),
  };
}

/** Removes "@bot" mentions of this bot from group text. */
function withoutMention(text: string, username: string): string {
  const re = new RegExp(`(^|[^A-Za-z0-9_])@${username.replace(/[^A-Za-z0-9_]/g, '')}(?![A-Za-z0-9_])`, 'gi');
  return text.replace(re, '$1').replace(/\s{2,}/g, ' ').trim();
}

/** Who a "/cmd@name" is addressed to, lower-cased; undefined for a bare "/cmd". */
function commandTarget(text: string): string | undefined {
  return /^\/[A-Za-z][A-Za-z0-9_]*@([A-Za-z0-9_]+)/.exec(text.trim())?.[1]?.toLowerCase();
}

/** The text the bot should act on in a group, or null when the message is chatter between people. */
function addressedText(msg: Message, text: string, bot: NormalizeContext['bot']): string | null {
  if (text.trimStart().startsWith('/')) return text;
  const mentioned = new RegExp(`(^|[^A-Za-z0-9_])@${bot.username}(?![A-Za-z0-9_])`, 'i').test(text);
  if (mentioned) return withoutMention(text, bot.username);
  const replied = msg.reply_to_message;
  if (replied && replied.from?.id === bot.id && !replied.forum_topic_created) return text;
  return null;
}

/**
 * An edited message: the same reading as a new one, marked as a new version of it (the core lets
 * the items it created follow). `receivedAt` is Telegram's edit time, so a re-delivered edit is
 * recognized as one. Edited documents (an /import caption) are not acted on again.
 */
async function fromEdit(msg: Message, ctx: NormalizeContext): Promise<TelegramEvent> {
  if (msg.document || msg.text === undefined) return IGNORE;
  const event = await fromMessage(msg, ctx);
  if (event.kind !== 'inbound' || event.message.type === 'button') return IGNORE;
  const editedAt = msg.edit_date !== undefined ? new Date(msg.edit_date * 1000) : ctx.now;
  return { ...event, message: { ...event.message, edit: true, receivedAt: editedAt } };
}

async function fromMessage(msg: Message, ctx: NormalizeContext): Promise<TelegramEvent> {
  if (msg.migrate_to_chat_id !== undefined) return { kind: 'migrate', oldChatId: String(msg.chat.id), newChatId: String(msg.migrate_to_chat_id) };
  if (msg.migrate_from_chat_id !== undefined) return { kind: 'migrate', oldChatId: String(msg.migrate_from_chat_id), newChatId: String(msg.chat.id) };
  const from = msg.from;
  const said = msg.text ?? (msg.document ? (msg.caption ?? '') : undefined);
  if (said === undefined || !from || msg.chat.type === 'channel') return IGNORE;
  if (from.is_bot && from.id !== GROUP_ANONYMOUS_BOT) return IGNORE;
  const group = msg.chat.type !== 'private';
  const target = commandTarget(said);
  if (target !== undefined && target !== ctx.bot.username.toLowerCase()) return IGNORE; // another bot's command
  const text = group ? addressedText(msg, said, ctx.bot) : said;
  if (text === null) return IGNORE;
  const command = parseCommandText(text);
  if (msg.document && command && command.name !== 'import') return IGNORE; // a file is only ever for /import
  const base = { conversation: conversationOf(msg), actor: await actorOf(from, msg, ctx), receivedAt: ctx.now, messageId: String(msg.message_id) };
  const replyTo = group ? { replyTo: msg.message_id } : {};
  if (msg.document) {
    const message: InboundMessage = { ...base, type: 'command', name: 'import', args: command?.args ?? '' };
    return { kind: command ? 'inbound' : 'document', message, file: documentOf(msg.document), ...replyTo };
  }
  const message: InboundMessage = command ? { ...base, type: 'command', name: command.name, args: command.args } : { ...base, type: 'text', text };
  return { kind: 'inbound', message, ...replyTo };
}

/** Turns one update into what the adapter does with it. */
export async function normalizeUpdate(update: Update, ctx: NormalizeContext): Promise<TelegramEvent> {
  if (update.message) return fromMessage(update.message, ctx);
  if (update.edited_message) return fromEdit(update.edited_message, ctx);
  const q = update.callback_query;
  if (q) {
    if (q.data === undefined) return { kind: 'answer-only', callbackId: q.id };
    const m = q.message;
    // A private chat with the bot is its one person's (Telegram gives it their user id): a press
    // claiming to come from someone else there is forged, and acting on it would file that person
    // under another's chat (their reminders would go there). Answered, never acted on.
    if (m && m.chat.type === 'private' && m.chat.id !== q.from.id) return { kind: 'answer-only', callbackId: q.id };
    const accessible = m && m.date !== 0 ? (m as Message) : undefined;
    const place = accessible ?? { chat: m?.chat ?? { id: q.from.id, type: 'private' as const, first_name: q.from.first_name }, sender_chat: undefined };
    const conversation = accessible ? conversationOf(accessible) : conversationOf({ chat: place.chat as Message['chat'] });
    const actor = await actorOf(q.from, { chat: place.chat as Message['chat'], sender_chat: undefined }, ctx);
    const message: InboundMessage = { type: 'button', data: q.data, conversation, actor, receivedAt: ctx.now, messageId: q.id };
    return { kind: 'inbound', message, callback: { id: q.id, ...(accessible && { messageId: accessible.message_id }) } };
  }
  const member = update.my_chat_member;
  if (member && member.chat.type === 'private' && member.new_chat_member.status === 'kicked') return { kind: 'blocked', userId: String(member.chat.id) };
  return IGNORE;
}
