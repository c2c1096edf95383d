import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';
import type { Logger } from 'pino';
import type { Clock } from '../../src/core/clock.ts';
import { defaultCommandSurface, type CommandSurface, type MessageHandler, type PlatformEvents, type Suggestions } from '../../src/orchestrator/index.ts';
import { buildCommands, type CommandLanguage } from './command-definitions.ts';
import { registerCommands } from './command-registration.ts';
import { DiscordChannel } from './discord-channel.ts';
import { createInteractionHandler } from './interaction-handler.ts';
import { createMessageHandler, createMessageUpdateHandler } from './message-handler.ts';

/** Everything the Discord bot is built from; launch.ts fills it from the configuration. */
export interface DiscordBotOptions {
  token: string;
  /** Another API base (a fake in tests): REST here, and the gateway found through its /gateway/bot. */
  apiUrl?: string;
  /** Read from the gateway's READY (or the API) when absent. */
  applicationId?: string;
  /** Register the commands in this one server instead of globally. */
  guildId?: string;
  handler: MessageHandler;
  /** The app's command catalog (the slash command tree and its routes); the built-in one when absent. */
  commands?: CommandSurface;
  events: PlatformEvents;
  /** Autocomplete over items; without it item options offer nothing (typing a ref still works). */
  suggestions?: Suggestions;
  logger: Logger;
  /** The composition root's clock: backoff, the acknowledgement deadline and the stop grace run on it. */
  clock: Clock;
  /** Where the last registered command set's hash is kept; without it every start registers. */
  commandStateFile?: string;
  /** Default language of command descriptions (Discord has no Urdu client locale). Default en. */
  commandLanguage?: CommandLanguage;
  /** Defer an interaction whose answer is not ready after this many ms (default 2,000; Discord allows 3,000). */
  ackAfterMs?: number;
  /**
   * A rate limit longer than this (ms, default 5,000) is not waited out inside discord.js but
   * handed to the adapter's backoff, which waits it out on the clock for answers and reports it to
   * the reminder queue for direct messages.
   */
  longRateLimitMs?: number;
}

/** A running (or ready-to-run) Discord bot: its Channel for the scheduler, and its lifecycle. */
export interface DiscordBot {
  /** Sends, edits and direct-messages (`sendDirect({ platform: 'discord', userId })`). */
  readonly channel: DiscordChannel;
  readonly client: Client;
  /** Logs in, waits for the gateway's READY and registers the commands (skipped when unchanged). */
  start(): Promise<void>;
  /** Stops streamed answers, lets in-flight work finish briefly, and closes the gateway. */
  stop(): Promise<void>;
}

/**
 * Defaults shared by the bot and anyone building a compatible client (the bench). Only
 * non-privileged intents: servers (for interactions and mentions), server messages (mentions carry
 * their content without Message Content) and DMs; the channel partial lets DMs arrive in channels
 * discord.js has not cached, and the message partial lets an edit of a DM discord.js no longer holds
 * (sent before a restart) arrive at all. A long rate limit is surfaced as an error (with its retry time) so
 * the core's queues wait instead of a request hanging.
 */
export const DISCORD_CLIENT_DEFAULTS = {
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
  partials: [Partials.Channel, Partials.Message],
  allowedMentions: { parse: [], repliedUser: false },
} satisfies Omit<ClientOptions, 'rest'>;

const LONG_RATE_LIMIT_MS = 5_000;
const STOP_GRACE_MS = 3_000;

/**
 * Builds the Discord adapter: a discord.js client whose interactions and messages go through the
 * core's MessageHandler, and the Channel the rest of the app uses to reach Discord users.
 */
export function createDiscordBot(options: DiscordBotOptions): DiscordBot {
  const logger = options.logger.child({ area: 'discord' });
  const { clock } = options;
  const client = new Client({
    ...DISCORD_CLIENT_DEFAULTS,
    rest: { ...(options.apiUrl && { api: restApiBase(options.apiUrl) }), rejectOnRateLimit: (info) => info.retryAfter > (options.longRateLimitMs ?? LONG_RATE_LIMIT_MS) },
  });
  const channel = new DiscordChannel(client, options.events, logger, clock);
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<void>>();
  const track = <A>(fn: (arg: A) => Promise<void>) => (arg: A): void => {
    const p = fn(arg).catch((error: unknown) => logger.error({ err: error }, 'discord handler failed')).finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const commands = options.commands ?? defaultCommandSurface();
  const onInteraction = createInteractionHandler({
    handler: options.handler, commands, suggestions: options.suggestions, clock, logger, ackAfterMs: options.ackAfterMs ?? 2_000, signal: shutdown.signal,
  });
  const onMessage = createMessageHandler({ client, channel, handler: options.handler, clock, logger, signal: shutdown.signal });
  client.on(Events.InteractionCreate, track(onInteraction));
  client.on(Events.MessageCreate, track(onMessage));
  const onMessageUpdate = track(createMessageUpdateHandler({ client, channel, handler: options.handler, clock, logger, signal: shutdown.signal }));
  client.on(Events.MessageUpdate, (before, after) => onMessageUpdate({ before, after }));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event) => logger.warn({ code: event.code }, 'discord gateway disconnected'));

  return {
    channel,
    client,
    async start() {
      const ready = once(client, Events.ClientReady);
      await client.login(options.token);
      await ready;
      const applicationId = options.applicationId ?? client.application?.id ?? (await client.application!.fetch()).id;
      logger.info({ user: client.user?.tag, applicationId, guilds: client.guilds.cache.size }, 'discord bot ready');
      try {
        await registerCommands({
          rest: client.rest, applicationId, guildId: options.guildId, stateFile: options.commandStateFile, logger,
          commands: buildCommands(commands, options.commandLanguage ?? 'en', !options.guildId),
        });
      } catch (error) {
        logger.error({ err: error }, 'slash command registration failed; commands may be missing or out of date');
      }
    },
    async stop() {
      shutdown.abort();
      if (inFlight.size) {
        let cancelGrace = (): void => {};
        await Promise.race([Promise.allSettled([...inFlight]), new Promise<void>((resolve) => { cancelGrace = clock.setTimeout(resolve, STOP_GRACE_MS); })]);
        cancelGrace();
      }
      await client.destroy();
    },
  };
}

/** discord.js wants the API root with `/api` (it adds `/v10`); accept the bare server URL too. */
export function restApiBase(url: string): string {
  const trimmed = url.replace(/\/+$/, '').replace(/\/v\d+$/, '');
  return /\/api$/.test(trimmed) ? trimmed : `${trimmed}/api`;
}
