/**
 * The real app (createApp on a temporary SQLite file) behind the real grammY bot from
 * adapters/telegram, talking to FakeTelegramServer on 127.0.0.1 by real long polling. Tests push
 * updates as people would and read what the bot did from the server's log of calls. Given a
 * FakeClock, the app, the bot and the fake Bot API all run on it, and every wait here moves it
 * (test/fakes/clock-driver.ts): no test sleeps on real time.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Update } from 'grammy/types';
import { createTelegramBot, type TelegramBot, type TelegramSettings } from '../../adapters/telegram/index.ts';
import { createApp, type App, type AppOptions } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { systemClock, type Clock } from '../../src/core/clock.ts';
import { createLogger } from '../../src/logger.ts';
import type { InboundMessage } from '../../src/core/inbound.ts';
import type { MessageHandler, PlatformEvents } from '../../src/orchestrator/index.ts';
import { driveUntil, driveWhile, type DriveOptions } from '../fakes/clock-driver.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { pollUntil } from '../fakes/http-util.ts';
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
  /** The harness's FakeClock, when it was given one. */
  clock: FakeClock | undefined;
  /**
   * Waits until `probe` finds a value: moving the FakeClock (fake ms) when there is one, else polling
   * on real time. The replacement for `expect.poll` that also works when the app waits on the clock.
   */
  until<T>(probe: () => T, options?: DriveOptions): Promise<Exclude<T, undefined | null | false>>;
  /** Awaits `work` while moving the FakeClock (a sendDirect that backs off, bot.stop's grace). */
  drive<T>(work: Promise<T>): Promise<T>;
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
  /** The clock of the app, the bot and the fake Bot API (default the system clock). */
  clock?: Clock;
  /** Overrides the app's clock only (scheduler, services), e.g. a fake one while the bot keeps real time. */
  appClock?: Clock;
  /** Parts of the app to put in place of the defaults (e.g. a classifier). */
  app?: AppOptions;
} = {}): Promise<TelegramHarness> {
  const clock = opts.clock ?? systemClock;
  const fakeClock = clock instanceof FakeClock ? clock : undefined;
  const tg = new FakeTelegramServer({ token: TOKEN, ...(fakeClock && { clock: fakeClock }), ...opts.fake });
  const apiRoot = await tg.start();
  const file = path.join(os.tmpdir(), `clawchat-tg-${randomUUID()}.db`);
  const config = loadConfig({ DATABASE_URL: `file:${file}`, DEFAULT_TIMEZONE: 'Asia/Karachi', RATE_LIMIT_PER_MINUTE: '10000', ...opts.env });
  const logger = createLogger(process.env.TG_TEST_LOG ? 'debug' : 'silent');
  const app = await createApp(config, logger, opts.appClock ?? clock, opts.app);
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
    token: TOKEN, apiRoot, handler, commands: app.orchestrator.commands, events: platformEvents, inbox: app.inbox, logger, clock,
    settings: { pollTimeoutS: 5, shutdownGraceMs: 3_000, typingAfterMs: 300, ...opts.settings },
    ...(opts.onFatal && { onFatal: opts.onFatal }),
  });
  if (opts.start !== false) {
    await bot.start();
    if (!opts.settings?.webhookUrl) await tg.waitFor((c) => c.method === 'getUpdates');
  }
  const consumed = new Map<number, number>();
  const drive = <T>(work: Promise<T>): Promise<T> => (fakeClock ? driveWhile(fakeClock, work, { timeoutMs: 60_000, quiet: () => tg.busy === 0 }) : work);
  return {
    tg, app, bot, events, inbound, clock: fakeClock, drive,
    until(probe, options = {}) {
      if (fakeClock) return driveUntil(fakeClock, probe, { quiet: () => tg.busy === 0, describe: () => tg.describeCalls(), ...options });
      return pollUntil(() => { const v = probe(); return v === undefined || v === null || v === false ? undefined : v as Exclude<ReturnType<typeof probe>, undefined | null | false>; }, options.timeoutMs ?? 10_000, options.label ?? 'until', () => tg.describeCalls());
    },
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
      await drive(bot.stop());
      await tg.stop();
      await app.close();
      await Promise.all(['', '-wal', '-shm', '-journal'].map((s) => rm(file + s, { force: true })));
    },
  };
}
