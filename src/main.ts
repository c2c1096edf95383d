import { createApp, type App } from './app.ts';
import { ConfigError, loadConfig, readEnvironment, secretValues, type Config, type EnvironmentSettings } from './config.ts';
import { systemClock, type Clock } from './core/clock.ts';
import { createLogger, type Logger } from './logger.ts';

/** The process entries print a failed start-up through this, so a secret in an error stays out. */
export { scrubSecrets } from './logger.ts';

/** The running core handed to the platform launcher: settings, logger, clock and the app. */
export interface Core {
  config: Config;
  logger: Logger;
  clock: Clock;
  app: App;
  /** True when no platform token is set: the terminal chat is the interface. */
  consoleMode: boolean;
}

/**
 * Composition root of the core: config → logger → database → services → tools → orchestrator.
 * The process entry (adapters/launch.ts) calls this and then starts the platform adapters, so the
 * core never imports a platform. Settings come from `.env` and the real environment (which wins);
 * a bad setting ends the process with a message naming it.
 */
export async function bootCore(env: Record<string, string | undefined> | EnvironmentSettings = readEnvironment(), clock: Clock = systemClock): Promise<Core> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw error;
  }
  const consoleMode = !config.TELEGRAM_BOT_TOKEN && !config.DISCORD_BOT_TOKEN;
  // In the terminal chat, routine info lines would interleave with the conversation on screen.
  const logger = createLogger(config.LOG_LEVEL ?? (consoleMode ? 'warn' : 'info'), undefined, { secrets: secretValues(config) });
  const app = await createApp(config, logger, clock);
  if (consoleMode) app.health.report('console', true);
  await app.startOps();
  return { config, logger, clock, app, consoleMode };
}
