import type { Clock } from './core/clock.ts';
import type { Config } from './config.ts';
import { openDatabase, type Db } from './db/database.ts';
import type { Logger } from './logger.ts';
import { detectLanguage, parseMessage } from './nlu/index.ts';
import type { Classifier } from './orchestrator/classifier.ts';
import { Orchestrator } from './orchestrator/orchestrator.ts';
import { createServices, type Services } from './services/index.ts';
import { ToolRegistry } from './tools/registry.ts';
import type { ChangeHooks } from './tools/tool.ts';

/** The assembled core: database, services, tools and the orchestrator, ready for adapters. */
export interface App {
  db: Db;
  services: Services;
  tools: ToolRegistry;
  orchestrator: Orchestrator;
  close(): Promise<void>;
}

/** The offline rule parser as a Classifier (the default when no model is configured). */
export const offlineClassifier: Classifier = {
  async classify(text, ctx) {
    const parsed = parseMessage(text, { now: ctx.now, timeZone: ctx.timeZone });
    return { intent: parsed.intent, params: parsed.params, missing: parsed.missing };
  },
};

/**
 * Builds the core from configuration. Shared by `npm start`, the bench and end-to-end tests so
 * they all run the same wiring.
 */
export async function createApp(config: Config, logger: Logger, clock: Clock, hooks?: ChangeHooks): Promise<App> {
  const { db, applied } = await openDatabase(config.DATABASE_URL);
  if (applied.length) logger.info({ applied }, 'database migrated');
  const services = createServices(db);
  const tools = new ToolRegistry();
  const orchestrator = new Orchestrator({
    services, tools, clock, logger, hooks,
    classifier: offlineClassifier,
    parseCommandText: (text, ctx) => {
      const parsed = parseMessage(text, { now: ctx.now, timeZone: ctx.timeZone });
      return { intent: parsed.intent, params: parsed.params, missing: parsed.missing };
    },
    detectLanguage,
    settings: {
      defaultTimeZone: config.DEFAULT_TIMEZONE,
      accessMode: config.ACCESS_MODE,
      allowedUsers: config.ALLOWED_USERS,
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    },
  });
  return { db, services, tools, orchestrator, close: () => db.$disconnect() };
}
