/**
 * The Channel contract (channel-contract.ts) against every implementation: the terminal chat's
 * ConsoleChannel read back from a modelled TTY screen, TelegramChannel over FakeTelegramServer
 * (grammY's Api, no bot or app needed) and DiscordChannel over FakeDiscordServer (a real
 * discord.js client logged in to the fake gateway).
 */
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { Api } from 'grammy';
import { Client, Events } from 'discord.js';
import { ConsoleChannel } from '../../adapters/console/console-chat.ts';
import { DISCORD_CLIENT_DEFAULTS } from '../../adapters/discord/bot.ts';
import { DiscordChannel } from '../../adapters/discord/discord-channel.ts';
import { TELEGRAM_DEFAULTS } from '../../adapters/telegram/settings.ts';
import { TelegramChannel } from '../../adapters/telegram/telegram-channel.ts';
import { systemClock, type ConversationRef, type DirectTarget, type MessageHandle, type Reply } from '../../src/core/index.ts';
import { createLogger } from '../../src/logger.ts';
import type { PlatformEvents } from '../../src/orchestrator/index.ts';
import { FakeDiscordServer } from '../fakes/fake-discord.ts';
import { FakeTelegramServer } from '../fakes/fake-telegram.ts';
import { channelContract } from './channel-contract.ts';
import { VirtualTerminal } from './virtual-terminal.ts';

const silentLogger = () => createLogger('silent', new Writable({ write(_chunk, _enc, cb) { cb(); } }));
const noEvents: PlatformEvents = { async markUnreachable() {}, async migrateChat() {} };

// ---------------------------------------------------------------------------------------------
// Terminal: what a person at a TTY sees (in-place redraws included), per message.

/** ConsoleChannel unchanged, except that each call tells the screen model which message is writing. */
class ObservedConsoleChannel extends ConsoleChannel {
  #provisional = 0;
  constructor(private readonly term: VirtualTerminal) {
    super(term.stream, true);
  }

  override send(conv: ConversationRef, reply: Reply): Promise<MessageHandle> {
    return this.term.ownedBy(`pending-${++this.#provisional}`, () => super.send(conv, reply), (h) => h.messageId);
  }

  override edit(handle: MessageHandle, reply: Reply): Promise<void> {
    return this.term.ownedBy(handle.messageId, () => super.edit(handle, reply));
  }

  override sendDirect(target: DirectTarget, reply: Reply): Promise<MessageHandle> {
    return this.term.ownedBy(`pending-${++this.#provisional}`, () => super.sendDirect(target, reply), (h) => h.messageId);
  }
}

channelContract('console (interactive terminal)', async () => {
  const term = new VirtualTerminal();
  const dm: ConversationRef = { platform: 'console', chatId: 'local', kind: 'dm' };
  return {
    channel: new ObservedConsoleChannel(term),
    dm,
    directTarget: { platform: 'console', userId: 'local' },
    directInbox: dm,
    readBack: async (handle) => term.messageText(handle.messageId),
    readAll: async () => term.messages(),
    // A terminal shows no buttons (every button has a command twin such as /done).
    readButtons: async () => [],
    teardown: async () => {},
  };
}, { groups: false, overLongSend: 'whole', overLongEdit: 'whole', earlierEdit: 'fresh-copy-below', urduLines: 'as-is' });

// ---------------------------------------------------------------------------------------------
// Telegram: the fake Bot API's message store, with the HTML parsed the way Telegram shows it.

const TG_TOKEN = '123456:contract-token';

/** What Telegram displays for parse_mode HTML text: tags removed, entities decoded in one pass. */
export function telegramVisible(html: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
  return html.replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return named[name] ?? whole;
  });
}

channelContract('telegram (FakeTelegramServer)', async () => {
  const tg = new FakeTelegramServer({ token: TG_TOKEN });
  const apiRoot = await tg.start();
  const channel = new TelegramChannel({
    api: new Api(TG_TOKEN, { apiRoot }), events: noEvents, logger: silentLogger(),
    editIntervalDmMs: TELEGRAM_DEFAULTS.editIntervalDmMs, editIntervalGroupMs: TELEGRAM_DEFAULTS.editIntervalGroupMs, clock: systemClock,
  });
  const stored = (handle: MessageHandle) => tg.messagesIn(Number(handle.conversation.chatId)).find((m) => String(m.message_id) === handle.messageId);
  return {
    channel,
    dm: { platform: 'telegram', chatId: '1001', kind: 'dm' },
    group: { platform: 'telegram', chatId: '-1001000500', kind: 'group' },
    directTarget: { platform: 'telegram', userId: '1002' },
    directInbox: { platform: 'telegram', chatId: '1002', kind: 'dm' },
    readBack: async (handle) => {
      const m = stored(handle);
      return m?.text === undefined ? undefined : telegramVisible(m.text);
    },
    readAll: async (conversation) => tg.messagesIn(Number(conversation.chatId)).map((m) => telegramVisible(m.text ?? '')),
    readButtons: async (handle) => {
      const markup = stored(handle)?.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined;
      return (markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? '');
    },
    teardown: () => tg.stop(),
  };
}, { groups: true, overLongSend: 'split', overLongEdit: 'cut-with-ellipsis', earlierEdit: 'in-place', urduLines: 'rlm-prefixed' });

// ---------------------------------------------------------------------------------------------
// Discord: the fake's channel store; a message shows its content, then its embed's title,
// description (without the bold/strike markers the renderer adds) and footer.

const GUILD = '2000000000000000001';
const CHANNEL = '2000000000000000002';
const alice = { id: '3000000000000000001', username: 'alice' };
const bob = { id: '3000000000000000002', username: 'bob' };

/** Embed markdown the renderer writes (`**1.**`, `~~done~~`, escapes) as Discord displays it. */
const unmark = (md: string) => md.replace(/\*\*|~~/g, '').replace(/\\([\\*_~`|>#\-[\]()])/g, '$1');

channelContract('discord (FakeDiscordServer)', async () => {
  const dc = new FakeDiscordServer({ guilds: [{ id: GUILD, name: 'Family', ownerId: alice.id, channels: [{ id: CHANNEL, name: 'general' }], members: [{ user: alice }, { user: bob }] }] });
  await dc.start();
  const client = new Client({ ...DISCORD_CLIENT_DEFAULTS, rest: { api: dc.apiUrl, retries: 0, timeout: 3_000 } });
  const ready = once(client, Events.ClientReady);
  await client.login('fake.discord.token');
  await ready;
  const channel = new DiscordChannel(client, noEvents, silentLogger(), systemClock);
  /** A `dm` conversation's chat id is the user's id; its messages live in the user's DM channel. */
  const channelIdOf = (c: ConversationRef) => (c.kind === 'dm' ? dc.state.dmChannelByUser.get(c.chatId) : c.chatId);
  const botMessages = (c: ConversationRef) => {
    const id = channelIdOf(c);
    return id ? dc.messagesIn(id).filter((m) => m.authorId === dc.botUser.id) : [];
  };
  const visible = (raw: Record<string, unknown>): string => {
    const embeds = (raw.embeds as { title?: string; description?: string; footer?: { text?: string } }[] | undefined) ?? [];
    return [String(raw.content ?? ''), ...embeds.flatMap((e) => [e.title ?? '', unmark(e.description ?? ''), e.footer?.text ?? ''])].filter((t) => t !== '').join('\n');
  };
  const stored = (handle: MessageHandle) => botMessages(handle.conversation).find((m) => m.id === handle.messageId);
  return {
    channel,
    dm: { platform: 'discord', chatId: alice.id, kind: 'dm' },
    group: { platform: 'discord', chatId: CHANNEL, kind: 'group' },
    directTarget: { platform: 'discord', userId: bob.id },
    directInbox: { platform: 'discord', chatId: bob.id, kind: 'dm' },
    readBack: async (handle) => {
      const m = stored(handle);
      return m && visible(m.raw);
    },
    readAll: async (conversation) => botMessages(conversation).map((m) => visible(m.raw)),
    readButtons: async (handle) => {
      const rows = (stored(handle)?.raw.components as { components?: { custom_id?: string }[] }[] | undefined) ?? [];
      return rows.flatMap((r) => (r.components ?? []).map((c) => c.custom_id ?? ''));
    },
    teardown: async () => {
      await client.destroy();
      await dc.stop();
    },
  };
}, { groups: true, overLongSend: 'split', overLongEdit: 'cut-with-ellipsis', earlierEdit: 'in-place', urduLines: 'as-is' });
