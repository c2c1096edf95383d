import type { Channel, Platform } from '../src/core/index.ts';
import { bootCore, scrubSecrets } from '../src/main.ts';
import { createTelegramBot, telegramSettingsFrom } from './telegram/index.ts';
import { commandStateFileFor, createDiscordBot } from './discord/index.ts';
import { ConsoleChannel, runConsoleChat } from './console/console-chat.ts';

/**
 * The process entry of `npm start`: boots the core, then runs the terminal chat when no platform
 * token is set, else the platform bots.
 */
async function launch(): Promise<void> {
  const core = await bootCore();
  if (core.consoleMode) {
    const interactive = Boolean(process.stdin.isTTY);
    if (interactive) process.stdout.write('ClawChat — terminal chat. Type /help for commands, Ctrl+D to quit.\n');
    const channel = new ConsoleChannel(process.stdout, interactive);
    await core.app.startScheduler(new Map([['console', channel]]));
    await runConsoleChat({ handler: core.app.orchestrator, input: process.stdin, output: process.stdout, interactive, channel, clock: core.clock });
    await core.app.close();
    return;
  }
  const channels = new Map<Platform, Channel>();
  const stops: (() => Promise<void>)[] = [];
  if (core.config.TELEGRAM_BOT_TOKEN) {
    const telegram = createTelegramBot({
      token: core.config.TELEGRAM_BOT_TOKEN, apiRoot: core.config.TELEGRAM_API_ROOT, handler: core.app.orchestrator, commands: core.app.orchestrator.commands,
      events: core.app.platformEvents, inbox: core.app.inbox, logger: core.logger, settings: telegramSettingsFrom(core.config), clock: core.clock,
      onFatal: () => { process.exitCode = 1; process.kill(process.pid, 'SIGTERM'); },
    });
    await telegram.start();
    core.app.health.report('telegram', true);
    channels.set('telegram', telegram.channel);
    stops.push(async () => { core.app.health.report('telegram', false); await telegram.stop(); });
  }
  if (core.config.DISCORD_BOT_TOKEN) {
    const discord = createDiscordBot({
      token: core.config.DISCORD_BOT_TOKEN, apiUrl: core.config.DISCORD_API_URL, applicationId: core.config.DISCORD_APPLICATION_ID,
      guildId: core.config.DISCORD_GUILD_ID, commandLanguage: core.config.DISCORD_COMMAND_LANGUAGE, handler: core.app.orchestrator, commands: core.app.orchestrator.commands,
      events: core.app.platformEvents, suggestions: core.app.suggestions, logger: core.logger, clock: core.clock,
      commandStateFile: commandStateFileFor(core.config.DATABASE_URL),
    });
    await discord.start();
    core.app.health.report('discord', true);
    // The gateway reconnects on its own; /healthz follows it.
    discord.client
      .on('shardDisconnect', () => core.app.health.report('discord', false))
      .on('shardReconnecting', () => core.app.health.report('discord', false))
      .on('shardResume', () => core.app.health.report('discord', true))
      .on('shardReady', () => core.app.health.report('discord', true));
    channels.set('discord', discord.channel);
    stops.push(async () => { core.app.health.report('discord', false); await discord.stop(); });
  }
  await core.app.startScheduler(channels);
  const signal = await untilShutdownSignal();
  core.logger.info({ signal }, 'shutting down: finishing replies in progress');
  await Promise.allSettled(stops.map((stop) => stop()));
  await core.app.close();
}

/** Resolves on the first SIGINT or SIGTERM; a second one ends the process at once. */
function untilShutdownSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: string) => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130)).once('SIGTERM', () => process.exit(143));
      resolve(signal);
    };
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  });
}

launch().catch((error: unknown) => {
  process.stderr.write(`ClawChat failed to start: ${scrubSecrets(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
});
