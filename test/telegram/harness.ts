/**
 * The real app (createApp on a temporary SQLite file) behind the real grammY bot from
 * adapters/telegram, talking to FakeTelegramServer on 127.0.0.1 by real long polling. Tests push
 * updates as people would and read what the bot did from the server's log of calls.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Update } from 'grammy/types';
import { createTelegramBot, type TelegramBot, type TelegramSettings } from '../../adapters/telegram/index.ts';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { systemClock, type Clock } from '../../src/core/clock.ts';
import { createLogger } from '../../src/logger.ts';
import type { InboundMessage } from '../../src/core/inbound.ts';
import type { MessageHandler, PlatformEvents } from '../../src/orchestrator/index.ts';
import { FakeTelegramServer, type FakeTelegramOptions, type TgCall, type TgUserInput } from '../fakes/fake-telegram.ts';

/** The bot token the fake accepts. */
export const TOKEN = '123456:TEST-token';
/** People who write to the bot in the tests (Carol reads Urdu). */
export const alice: TgUserInput = { id: 1001, first_name: 'Alice', username: 'alice', language_code: 'en' };
export const bob: TgUserInput = { id: 1002, first_name: 'Bob', language_code: 'en' };
export const carol: TgUserInput = { id: 1003, first_name: 'Carol', last_name: 'Khan', language_code: 'ur' };
/** A supergroup id the tests share lists in. */
export const GROUP = -1_001_000_500;

/** What the bot told the core about people and chats. */
export interface RecordedEvents {
  unreachable: string[];
  migrations: [string, string][];
}

/** A running bot + app + fake Bot API. */
export interface TelegramHarness {
  tg: FakeTelegramServer;
  app: App;
  bot: TelegramBot;
  events: RecordedEvents;
  /** Every message the adapter handed the core, normalized. */
  inbound: InboundMessage[];
  /** A person writes `text` in a DM (default) or in `chatId`. */
  say(from: TgUserInput, text: string, opts?: { chatId?: number; threadId?: number; replyTo?: number; title?: string }): Update;
  /** The next successful sendMessage to `chatId` not returned before (waits for it). */
  nextReply(chatId: number, timeoutMs?: number): Promise<TgCall>;
  /** Successful sendMessage calls to `chatId` so far. */
  sent(chatId: number): TgCall[];
  close(): Promise<void>;
}

/** Text as a person sees it: tags removed, entities decoded, direction marks dropped. */
export function plain(html: unknown): string {
  return String(html ?? '').replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\u200F/g, '');
}

/** The callback_data of every inline button on a sent message (or on a stored message's markup). */
export function buttons(call: TgCall | { reply_markup?: unknown }): string[] {
  const markup = ('params' in call ? call.params.reply_markup : call.reply_markup) as { inline_keyboard?: { callback_data?: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? '');
}

/** The message id a sendMessage call created. */
export function messageIdOf(call: TgCall): number {
  return (call.result as { message_id: number }).message_id;
}

const okTo = (chatId: number) => (c: TgCall) => !c.error && Number(c.params.chat_id) === chatId;

/** Starts everything; `env` adds settings (e.g. OPENAI_BASE_URL), `settings` tunes the adapter. */
export async function startTelegramHarness(opts: {
  env?: Record<string, string>;
  settings?: Partial<TelegramSettings>;
  fake?: FakeTelegramOptions;
  /** Start the bot (default true). */
  start?: boolean;
  /** Wraps the core's handler (e.g. to slow some chats down). */
  wrap?: (handler: MessageHandler) => MessageHandler;
  onFatal?: (error: unknown) => void;
  /** The bot's clock (default the system clock); the app keeps the system clock unless `appClock` is given. */
  clock?: Clock;
  /** The app's clock (scheduler, services): a fake clock lets a test move reminders' time by hand. */
  appClock?: Clock;
} = {}): Promise<TelegramHarness> {
  const tg = new FakeTelegramServer({ token: TOKEN, ...opts.fake });
  const apiRoot = await tg.start();
  const file = path.join(os.tmpdir(), `clawchat-tg-${randomUUID()}.db`);
  const config = loadConfig({ DATABASE_URL: `file:${file}`, DEFAULT_TIMEZONE: 'Asia/Karachi', RATE_LIMIT_PER_MINUTE: '10000', ...opts.env });
  const logger = createLogger(process.env.TG_TEST_LOG ? 'debug' : 'silent');
  const app = await createApp(config, logger, opts.appClock ?? systemClock);
  const events: RecordedEvents = { unreachable: [], migrations: [] };
  const core = (app as App & { platformEvents?: PlatformEvents }).platformEvents;
  const platformEvents: PlatformEvents = {
    async markUnreachable(platform, userId) {
      events.unreachable.push(userId);
      await (core ? core.markUnreachable(platform, userId) : app.services.users.markUnreachable(platform, userId));
    },
    async migrateChat(platform, oldChatId, newChatId) {
      events.migrations.push([oldChatId, newChatId]);
      await (core ? core.migrateChat(platform, oldChatId, newChatId) : app.services.spaces.migrateSpace(platform, oldChatId, newChatId));
    },
  };
  const inbound: InboundMessage[] = [];
  const recording: MessageHandler = { handle: (message, outlet) => { inbound.push(message); return app.orchestrator.handle(message, outlet); } };
  const handler = opts.wrap ? opts.wrap(recording) : recording;
  const bot = createTelegramBot({
    token: TOKEN, apiRoot, handler, events: platformEvents, inbox: app.inbox, logger, clock: opts.clock ?? systemClock,
    settings: { pollTimeoutS: 5, shutdownGraceMs: 3_000, typingAfterMs: 300, ...opts.settings },
    ...(opts.onFatal && { onFatal: opts.onFatal }),
  });
  if (opts.start !== false) {
    await bot.start();
    if (!opts.settings?.webhookUrl) await tg.waitFor((c) => c.method === 'getUpdates');
  }
  const consumed = new Map<number, number>();
  return {
    tg, app, bot, events, inbound,
    say(from, text, o = {}) {
      return tg.sendText({
        chatId: o.chatId ?? from.id, from, text,
        ...(o.threadId !== undefined && { messageThreadId: o.threadId }),
        ...(o.replyTo !== undefined && { replyToBotMessageId: o.replyTo }),
        ...(o.title !== undefined && { title: o.title }),
      });
    },
    async nextReply(chatId, timeoutMs = 5_000) {
      const n = (consumed.get(chatId) ?? 0) + 1;
      const call = await tg.waitForCall('sendMessage', okTo(chatId), n, timeoutMs);
      consumed.set(chatId, n);
      return call;
    },
    sent: (chatId) => tg.callsOf('sendMessage').filter(okTo(chatId)),
    async close() {
      await bot.stop();
      await tg.stop();
      await app.close();
      await Promise.all(['', '-wal', '-shm', '-journal'].map((s) => rm(file + s, { force: true })));
    },
  };
}
