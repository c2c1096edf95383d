import type { Clock } from './core/clock.ts';
import { openDatabase, type Db } from './db/database.ts';
import type { Logger } from './logger.ts';
import { detectLanguage, loadIntentModel, parseMessage } from './nlu/index.ts';
import { ConfigError, type Config } from './config.ts';
import type { Classification, Classifier } from './orchestrator/classifier.ts';
import type { PlatformEvents } from './orchestrator/index.ts';
import { Orchestrator } from './orchestrator/orchestrator.ts';
import { CommandCatalog } from './orchestrator/command-catalog.ts';
import type { CommandTextParser } from './tools/command.ts';
import { createServices, type Services } from './services/index.ts';
import { ToolRegistry } from './tools/registry.ts';
import type { ChangeHooks } from './core/change-hooks.ts';
import { HistoryStore } from './llm/history-store.ts';
import { OpenAIChatModel } from './llm/model-client.ts';
import { UsageMeter } from './llm/usage-meter.ts';
import { AgentTaskRunner } from './orchestrator/agent-tasks.ts';
import { createDelegateTaskTool } from './orchestrator/delegate-task-tool.ts';
import { LlmChatAgent } from './orchestrator/llm-chat-agent.ts';
import { llmBuiltins } from './orchestrator/llm-builtins.ts';
import { ServiceSuggestions, type Suggestions } from './orchestrator/suggestions.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { Housekeeping } from './scheduler/housekeeping.ts';
import { UpdateInbox } from './inbox/update-inbox.ts';
import type { Channel } from './core/channel.ts';
import type { Platform } from './core/inbound.ts';
import { AccountLinking } from './linking/account-linking.ts';
import { linkBuiltins } from './linking/link-builtins.ts';
import { CalendarExchange } from './calendar/calendar-exchange.ts';
import { calendarBuiltins } from './calendar/calendar-builtins.ts';
import { HealthRegistry } from './ops/health.ts';
import { Metrics } from './ops/metrics.ts';
import { MeteredToolRegistry, meteredChannel, meteredModel } from './ops/instrumented.ts';
import { startOpsServer, type OpsServer } from './ops/ops-server.ts';

/** The assembled core: database, services, tools and the orchestrator, ready for adapters. */
export interface App {
  db: Db;
  services: Services;
  tools: ToolRegistry;
  orchestrator: Orchestrator;
  /**
   * Background tasks (delegate_task), present when a model is configured. Started by createApp;
   * their results leave through the scheduler's outbox once `startScheduler` runs. `close()` stops it.
   */
  agentTasks?: AgentTaskRunner;
  /** Read-only item lookups for autocomplete (Discord's option suggestions), scoped like messages. */
  suggestions: Suggestions;
  /** What adapters report besides messages: users who blocked the bot, groups that changed id. */
  platformEvents: PlatformEvents;
  /** Reminders, briefings and task results: planned on every change, delivered once `startScheduler` is called. */
  scheduler: Scheduler;
  /** Platform updates stored before they are acknowledged (adapters/telegram uses it). */
  inbox: UpdateInbox;
  /** Starts delivering reminders, briefings and task results through the platforms running in this process, and the daily prune. */
  startScheduler(channels: ReadonlyMap<Platform, Channel>): Promise<void>;
  /**
   * Platform connection states and errors for /healthz and the metrics. Adapters call
   * `health.report(platform, connected)` when they connect or lose the connection, and
   * `health.reportError(platform, code)` when the platform API refuses a call.
   */
  health: HealthRegistry;
  /** Prometheus metrics of this process. */
  metrics: Metrics;
  /** Account linking (/link, /unlink). */
  linking: AccountLinking;
  /** Calendar export and import (/export, /import). */
  calendar: CalendarExchange;
  /** Starts GET /healthz and GET /metrics on METRICS_PORT; null when it is unset. Closed by `close()`. */
  startOps(): Promise<OpsServer | null>;
  close(): Promise<void>;
}

/**
 * The offline rule parser's answer in the orchestrator's terms (also used for command arguments),
 * reading slash commands with the command catalog's table.
 */
function offlineParser(commands: CommandCatalog): CommandTextParser {
  return (text, ctx) => {
    const parsed = parseMessage(text, { now: ctx.now, timeZone: ctx.timeZone }, commands.slashTable());
    return { intent: parsed.intent, params: parsed.params, missing: parsed.missing, confidence: parsed.confidence, clarify: parsed.clarify };
  };
}

/** The offline rule parser as a Classifier (the default when no model is configured). */
function offlineClassifier(parse: CommandTextParser): Classifier {
  return { classify: async (text, ctx): Promise<Classification> => parse(text, ctx) };
}

/** What a caller may put in place of the defaults (tests: a classifier with a canned answer). */
export interface AppOptions {
  /**
   * The free-text classifier, built over the offline parser's (default: the offline parser itself).
   * Tests use it to make chosen texts classify a certain way, e.g. as unsure (`clarify`).
   */
  classifier?: (offline: Classifier) => Classifier;
}

/**
 * Builds the core from configuration. Shared by `npm start`, the bench and end-to-end tests so
 * they all run the same wiring.
 */
export async function createApp(config: Config, logger: Logger, clock: Clock, options: AppOptions = {}): Promise<App> {
  // The offline parser's intent model is read now, so the first message does not wait for it.
  try {
    loadIntentModel(config.NLU_MODEL_FILE);
  } catch (error) {
    throw new ConfigError([`NLU_MODEL_FILE: ${config.NLU_MODEL_FILE ?? 'the committed src/nlu/intent-model/intent-model.json'} is not a usable intent model (${(error as Error).message})`]);
  }
  const { db, applied, warnings } = await openDatabase(config.DATABASE_URL);
  if (applied.length) logger.info({ applied }, 'database migrated');
  for (const warning of warnings) logger.warn(warning);
  const scheduler = new Scheduler({ db, clock, logger, defaultTimeZone: config.DEFAULT_TIMEZONE, graceMs: config.REMINDER_GRACE_HOURS * 3_600_000 });
  // Items are created and their reminders planned in one transaction.
  const services = createServices(db, { clock, planning: scheduler.planner });
  const metrics = new Metrics(db, { defaultMetrics: config.METRICS_PORT !== undefined });
  const health = new HealthRegistry(clock, (platform, code) => metrics.platformError(platform, code));
  const tools: ToolRegistry = new MeteredToolRegistry(metrics);
  const hooks: ChangeHooks = scheduler.hooks;
  // The daily prune of old outbox, undo, usage and link-code rows runs beside the delivery loop.
  const housekeeping = new Housekeeping({ db, clock, logger, timeZone: config.DEFAULT_TIMEZONE });
  // One catalog of commands (tools and builtins) for the planner, help, menus and the parser.
  const commands = new CommandCatalog(tools);
  const parseOffline = offlineParser(commands);
  const offline = offlineClassifier(parseOffline);
  const classifier = options.classifier ? options.classifier(offline) : offline;
  const llm = config.OPENAI_API_KEY || config.OPENAI_BASE_URL ? createLlm(config, logger, clock, db, services, tools, metrics, scheduler, classifier, hooks) : undefined;
  const orchestrator = new Orchestrator({
    services, db, tools, commands, clock, logger, hooks, chatAgent: llm?.agent,
    classifier,
    parseCommandText: parseOffline,
    detectLanguage,
    onHandled: (platform, type) => metrics.messageHandled(platform, type),
    settings: {
      defaultTimeZone: config.DEFAULT_TIMEZONE,
      accessMode: config.ACCESS_MODE,
      allowedUsers: config.ALLOWED_USERS,
      rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    },
  });
  orchestrator.registerBuiltin('notification', (turn, data) => scheduler.handleButton({ lang: turn.lang, svc: turn.svc, services: turn.tool.services, conversation: turn.message.conversation }, data));
  const linking = new AccountLinking({ db, services, clock, hooks });
  for (const [name, run] of Object.entries(linkBuiltins(linking))) orchestrator.registerBuiltin(name, run);
  const calendar = new CalendarExchange({ db, services, hooks });
  for (const [name, run] of Object.entries(calendarBuiltins(calendar, { exportDir: config.EXPORT_DIR }))) orchestrator.registerBuiltin(name, run);
  let ops: OpsServer | null = null;
  if (llm) {
    for (const [name, run] of Object.entries(llmBuiltins(llm.agent, llm.tasks))) orchestrator.registerBuiltin(name, run);
    await llm.tasks.start();
  }
  const platformEvents: PlatformEvents = {
    markUnreachable: (platform, userId) => services.users.markUnreachable(platform, userId),
    migrateChat: async (platform, oldChatId, newChatId) => { await services.spaces.migrateSpace(platform, oldChatId, newChatId); },
  };
  return {
    platformEvents,
    db, services, tools, orchestrator, agentTasks: llm?.tasks,
    suggestions: new ServiceSuggestions({
      services, clock, defaultTimeZone: config.DEFAULT_TIMEZONE, accessMode: config.ACCESS_MODE, allowedUsers: config.ALLOWED_USERS,
    }),
    scheduler, health, metrics, linking, calendar, inbox: new UpdateInbox(db, clock),
    async startScheduler(channels) {
      housekeeping.start();
      await scheduler.start(new Map([...channels].map(([platform, channel]) =>
        [platform, meteredChannel(channel, (p, code) => health.reportError(p, code))] as const)));
    },
    async startOps() {
      if (config.METRICS_PORT === undefined || ops) return ops;
      ops = await startOpsServer({ port: config.METRICS_PORT, host: config.METRICS_HOST, db, health, metrics, logger, clock });
      return ops;
    },
    async close() {
      await ops?.close();
      await scheduler.stop();
      await housekeeping.stop();
      await llm?.tasks.stop();
      await db.$disconnect();
    },
  };
}

/** The model-backed parts: one SDK client, the chat agent, background tasks and their builtins. */
function createLlm(config: Config, logger: Logger, clock: Clock, db: Db, services: Services, tools: ToolRegistry, metrics: Metrics, scheduler: Scheduler, offline: Classifier, hooks?: ChangeHooks) {
  const model = meteredModel(new OpenAIChatModel({
    apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS, maxRetries: config.OPENAI_MAX_RETRIES,
  }), metrics); // its timers stay on real time, like the SDK's own (see OpenAIChatModel)
  const usage = new UsageMeter(db, config.LLM_DAILY_TOKEN_BUDGET);
  const tasks = new AgentTaskRunner({
    db, services, tools, model, usage, clock, logger, hooks, defaultTimeZone: config.DEFAULT_TIMEZONE,
    maxSteps: config.LLM_TASK_MAX_STEPS, timeLimitMs: config.LLM_TASK_TIMEOUT_MS,
    onResultQueued: (dueAt) => scheduler.wake(dueAt),
  });
  tools.register(createDelegateTaskTool(tasks));
  const agent = new LlmChatAgent({
    model, tools, usage, clock, logger, offline,
    history: new HistoryStore(db, config.LLM_HISTORY_TOKENS, clock),
  });
  return { model, agent, tasks };
}
