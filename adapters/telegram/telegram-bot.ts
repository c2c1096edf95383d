/**
 * ClawChat as a Telegram bot (grammY). Long polling by default through @grammyjs/runner, so
 * different chats are handled concurrently while each chat's updates keep their order
 * (sequentialize); a webhook endpoint instead when a public URL is configured. Registers the
 * command menu in English and Urdu at start. Every update goes through the durable inbox first
 * (durable-updates.ts): stored before Telegram is told it arrived, handled once, taken over after a
 * crash. `stop()` takes no new updates, lets the replies in progress finish (cancelling streams that
 * outlive the grace period), and confirms the last polling offset (everything below it is stored).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { createConcurrentSink, createRunner, createSource, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { Bot, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import { withInboundReceipt, type Clock, type DurableInbox } from '../../src/core/index.ts';
import { defaultCommandSurface, type CommandSurface, type MessageHandler, type PlatformEvents } from '../../src/orchestrator/index.ts';
import { ChatAdminCache } from './admin-cache.ts';
import { createDurableSupplier, HandledMarker, inboxSource, startInboxUpkeep, toInboxItem } from './durable-updates.ts';
import { createDocumentFetcher } from './import-file.ts';
import { InflightUpdates } from './inflight.ts';
import { retryTransformer } from './retry.ts';
import { TELEGRAM_DEFAULTS, type TelegramSettings } from './settings.ts';
import { TelegramChannel } from './telegram-channel.ts';
import { createUpdateHandler } from './update-handler.ts';
import { startWebhookServer, type WebhookServer } from './webhook-server.ts';

/** What createTelegramBot needs. */
export interface TelegramBotOptions {
  token: string;
  /** Another Bot API server (self-hosted, or a fake in tests). */
  apiRoot?: string;
  handler: MessageHandler;
  /** The app's command catalog (its menus are registered at start); the built-in one when absent. */
  commands?: CommandSurface;
  events: PlatformEvents;
  /** Where updates are stored before they are acknowledged (the app's UpdateInbox). */
  inbox: DurableInbox;
  logger: Logger;
  settings?: Partial<TelegramSettings>;
  /** The composition root's clock: every wait in the adapter (retries, edit pacing, inbox upkeep, shutdown grace) runs on it. */
  clock: Clock;
  /** Told when polling ends for good (token revoked, another instance polling), so the process can stop. */
  onFatal?: (error: unknown) => void;
}

/** A Telegram bot ready to start; `channel` is usable for direct messages once started. */
export interface TelegramBot {
  readonly channel: TelegramChannel;
  /** Connects (getMe), registers the command menu, then polls or opens the webhook endpoint. */
  start(): Promise<void>;
  /** Graceful stop (see file comment); safe to call twice. */
  stop(): Promise<void>;
  /** Where the webhook server listens, in webhook mode after start. */
  readonly webhookPort: number | undefined;
}

const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

/** Updates that must not wait behind a long answer in the same chat: the Stop button and /stop. */
function orderKey(ctx: Context): string | undefined {
  const q = ctx.update.callback_query;
  if (q?.data === 'stop') return undefined;
  const text = ctx.update.message?.text?.trim();
  if (text && /^\/stop(@[A-Za-z0-9_]+)?$/i.test(text)) return undefined;
  const chat = ctx.chat?.id ?? q?.from.id;
  return chat === undefined ? undefined : String(chat);
}

/** Builds the bot (see file comment). Nothing touches the network until start(). */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const settings: TelegramSettings = { ...TELEGRAM_DEFAULTS, ...options.settings };
  const { clock } = options;
  const log = options.logger.child({ area: 'telegram' });
  const apiRoot = options.apiRoot?.replace(/\/+$/, '');
  // A bounded pool of kept-alive connections: a burst of replies reuses sockets instead of opening one each.
  const agentOptions = { keepAlive: true, maxSockets: 64 };
  const agent = apiRoot?.startsWith('http:') ? new http.Agent(agentOptions) : new https.Agent(agentOptions);
  // A call that hears nothing gives up after the long-poll window plus a margin (grammY's default is
  // 500 s), so an unreachable or black-holed API root fails start-up with an error instead of hanging.
  const timeoutSeconds = settings.pollTimeoutS + 20;
  const bot = new Bot(options.token, { client: { ...(apiRoot && { apiRoot }), timeoutSeconds, baseFetchConfig: { agent, compress: true } } });
  bot.api.config.use(retryTransformer(settings, clock));
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      if (method === 'getUpdates' && !signal?.aborted) log.warn({ err: error }, 'getUpdates failed; polling retries with backoff');
      throw error;
    }
  });

  const channel = new TelegramChannel({ api: bot.api, events: options.events, logger: log, editIntervalDmMs: settings.editIntervalDmMs, editIntervalGroupMs: settings.editIntervalGroupMs, clock });
  const admins = new ChatAdminCache(bot.api, clock, settings.adminCacheMs, log);
  const inflight = new InflightUpdates();
  const shutdown = new AbortController();
  const onUpdate = createUpdateHandler({
    api: bot.api, handler: options.handler, events: options.events, channel, admins, clock, log, settings, shutdown: shutdown.signal,
    fetchDocument: createDocumentFetcher(bot.api, `${apiRoot ?? 'https://api.telegram.org'}/file/bot${options.token}`),
    bot: () => ({ id: bot.botInfo.id, username: bot.botInfo.username }),
  });

  const inbox = options.inbox;
  const source = (): string => inboxSource(bot.botInfo.id);
  const handled = new HandledMarker(inbox, source, clock, log);
  bot.use(async (ctx, next) => {
    const updateId = ctx.update.update_id;
    const done = inflight.begin();
    try {
      // A service that writes an item marks the update handled in the same transaction.
      await withInboundReceipt({ source: source(), updateId, owner: inbox.owner }, () => next());
    } finally {
      handled.mark(updateId);
      done();
    }
  });
  bot.use(sequentialize(orderKey));
  bot.use((ctx) => onUpdate(ctx.update));
  bot.catch((err) => log.error({ err: err.error, updateId: err.ctx.update.update_id }, 'handling an update failed'));

  let runner: RunnerHandle | undefined;
  let webhook: WebhookServer | undefined;
  let stopping: Promise<void> | undefined;
  let stopUpkeep: (() => void) | undefined;
  const supplier = createDurableSupplier({
    api: bot.api, inbox, source, clock, log, fetch: { timeout: settings.pollTimeoutS, allowed_updates: ALLOWED_UPDATES },
  });

  /** Handles the inbox's unfinished updates (a crashed process's), oldest first; each chat keeps its order. */
  const recover = async (): Promise<void> => {
    const items = await inbox.claimUnfinished(source());
    if (items.length > 0) log.warn({ count: items.length }, 'handling updates a previous run received but did not finish');
    for (const item of items) {
      void bot.handleUpdate(JSON.parse(item.payload) as Update)
        .catch((error: unknown) => log.error({ err: error, updateId: item.updateId }, 'handling a recovered update failed'));
    }
  };

  const startInbox = async (): Promise<void> => {
    await inbox.prune().catch((error: unknown) => log.warn({ err: error }, 'pruning the inbox failed'));
    await recover();
    stopUpkeep = startInboxUpkeep(inbox, clock, log, recover);
  };

  const registerCommands = async (): Promise<void> => {
    try {
      const commands = options.commands ?? defaultCommandSurface();
      await bot.api.setMyCommands(commands.menu('en'));
      await bot.api.setMyCommands(commands.menu('ur'), { language_code: 'ur' });
    } catch (error) {
      log.warn({ err: error }, 'could not register the command menu; commands still work');
    }
  };

  const startWebhook = async (url: string): Promise<void> => {
    const secret = settings.webhookSecret ?? randomBytes(24).toString('hex');
    webhook = await startWebhookServer({
      host: settings.webhookHost, port: settings.webhookPort, path: new URL(url).pathname || '/', secret, log,
      // Telegram gets its 200 only once the update is stored.
      store: async (update) => (await inbox.store(source(), [toInboxItem(update)])).has(update.update_id),
      onUpdate: (update) => void bot.handleUpdate(update).catch((error: unknown) => log.error({ err: error }, 'webhook update failed')),
    });
    await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false });
    log.info({ port: webhook.port }, 'Telegram bot receiving updates by webhook');
  };

  const startPolling = async (): Promise<void> => {
    await bot.api.deleteWebhook({ drop_pending_updates: false });
    // grammY's run(), with our supplier: it stores each batch before the offset moves past it.
    const sink = createConcurrentSink<Update>({ consume: (update) => bot.handleUpdate(update) }, async (error) => {
      await bot.errorHandler(error as Parameters<typeof bot.errorHandler>[0]);
    }, { concurrency: settings.maxConcurrentUpdates });
    runner = createRunner(createSource(supplier), sink);
    runner.start();
    runner.task()?.catch((error: unknown) => {
      log.fatal({ err: error }, 'long polling stopped: Telegram refused getUpdates for good (token revoked, or another instance polling?)');
      options.onFatal?.(error);
    });
    log.info({ username: bot.botInfo.username }, 'Telegram bot polling for updates');
  };

  const stop = async (): Promise<void> => {
    const polling = runner;
    if (polling?.isRunning()) await polling.stop();
    webhook?.stopAccepting();
    const finished = await inflight.idle(clock, settings.shutdownGraceMs, () => (polling ? polling.size() === 0 : true));
    if (!finished) {
      log.warn({ inFlight: inflight.count }, 'replies still running at shutdown; cancelling them');
      shutdown.abort();
      await inflight.idle(clock, 5_000);
    }
    // Claims stay renewed until the last reply is done, so no other process takes them meanwhile.
    stopUpkeep?.();
    await handled.flush();
    if (polling && supplier.offset > 0) {
      // Confirm what was stored (anything unfinished is handled from the inbox at the next start);
      // without this Telegram would deliver the last batch again after a restart.
      await bot.api.getUpdates({ offset: supplier.offset, limit: 1, timeout: 0 }).catch((error: unknown) => log.warn({ err: error }, 'could not confirm the last updates'));
    }
    await webhook?.close();
    log.info('Telegram bot stopped');
  };

  return {
    channel,
    get webhookPort() {
      return webhook?.port;
    },
    async start() {
      if (stopping) throw new Error('this Telegram bot was stopped; create a new one');
      log.info({ apiRoot: apiRoot ?? 'https://api.telegram.org' }, 'connecting to Telegram');
      await bot.init();
      await registerCommands();
      await startInbox();
      if (settings.webhookUrl) await startWebhook(settings.webhookUrl);
      else await startPolling();
    },
    stop() {
      stopping ??= stop();
      return stopping;
    },
  };
}
