import pLimit from 'p-limit';
import { sleep, type Clock } from '../core/clock.ts';
import { SlidingWindowLimiter } from '../core/sliding-window.ts';
import { UserFacingError, ValidationError } from '../core/errors.ts';
import type { InboundMessage } from '../core/inbound.ts';
import type { Reply } from '../core/reply.ts';
import { isMessageKey, t, type Language } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import type { Db } from '../db/database.ts';
import type { Services } from '../services/index.ts';
import type { ServiceContext } from '../services/scope.ts';
import { LastListStore } from '../tools/last-list.ts';
import { category, priority } from '../tools/schemas.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import { noChangeHooks, type ChangeHooks } from '../core/change-hooks.ts';
import type { Classifier } from './classifier.ts';
import type { CommandTextParser } from '../tools/command.ts';
import { CommandCatalog } from './command-catalog.ts';
import type { TurnContext } from './context.ts';
import { guardText, MAX_INPUT_LENGTH } from './input-guard.ts';
import { PendingQuestions } from './pending-questions.ts';
import { OpenChoices } from './clarify-question.ts';
import { RecentIds } from './recent-ids.ts';
import { Router } from './router.ts';
import { conversationScope } from './conversation-scope.ts';
import { BuiltinCommands, type BuiltinHandler } from './builtins.ts';
import type { ChatAgent } from './chat-agent.ts';
import type { ReplyOutlet } from './outlet.ts';
import { withCorrelation } from '../core/correlation.ts';
import { createHash } from 'node:crypto';
import { EditFollower } from './edit-follow.ts';
import { createdItemOf, MessageItemStore, type CreatedItem } from './message-items.ts';

/** How many messages the core works on at once (the rest queue in order). */
export const MAX_CONCURRENT_MESSAGES = 32;

/** Settings the pipeline needs from the configuration. */
export interface OrchestratorSettings {
  defaultTimeZone: string;
  accessMode: 'open' | 'allowlist';
  allowedUsers: readonly string[];
  rateLimitPerMinute: number;
}

/** What the orchestrator is built from (all injected in main.ts). */
export interface OrchestratorDeps {
  services: Services;
  /** The database, for conversation state every replica must share (last lists). */
  db: Db;
  tools: ToolRegistry;
  /** The command catalog over `tools` (built from them when absent); the app shares it with the parser. */
  commands?: CommandCatalog;
  classifier: Classifier;
  parseCommandText: CommandTextParser;
  detectLanguage: (text: string) => Language;
  clock: Clock;
  logger: Logger;
  settings: OrchestratorSettings;
  hooks?: ChangeHooks;
  /** The model-backed handler for free text, when a model is configured. */
  chatAgent?: ChatAgent;
  /** Told once per message that was not a duplicate (the messages-handled metric). */
  onHandled?: (platform: string, type: InboundMessage['type']) => void;
}

/**
 * The one entry point for every platform: takes a normalized message and returns the structured
 * reply (or null when nothing should be said, e.g. a duplicate delivery). In order it holds a
 * message over the rate limit until its turn, drops duplicates, checks access, cleans the text, resolves the user and the space, picks
 * the language, routes, and turns any failure into a friendly message — it never throws.
 */
export class Orchestrator {
  readonly #recent = new RecentIds();
  readonly #deniedNotified = new RecentIds(10_000);
  /**
   * Each sender gets `rateLimitPerMinute` messages in any sliding minute; a message over it is
   * booked into the first later slot and waits for it, and only when as many again already wait is
   * it refused (see #waitForTurn). Keyed by platform account, on the injected clock.
   */
  readonly #rate: SlidingWindowLimiter;
  readonly #allowed: Set<string>;
  readonly #lastLists: LastListStore;
  readonly #router: Router;
  readonly #builtins: BuiltinCommands;
  readonly #messageItems: MessageItemStore;
  readonly #edits: EditFollower;
  readonly #log: Logger;
  /** Every command of this assistant (tools and builtins): help, menus and the Discord tree come from it. */
  readonly commands: CommandCatalog;
  /**
   * At most this many messages are worked on at once; a burst (1,000 users at 08:00) waits in a
   * fair queue here instead of piling onto the database connection, where Prisma would batch
   * hundreds of lookups into one query past SQLite's parameter limit or time out transactions.
   */
  readonly #gate = pLimit(MAX_CONCURRENT_MESSAGES);

  constructor(private readonly deps: OrchestratorDeps) {
    this.#rate = new SlidingWindowLimiter(deps.clock, { limit: deps.settings.rateLimitPerMinute, windowMs: 60_000 });
    this.#allowed = new Set(deps.settings.allowedUsers);
    this.#lastLists = new LastListStore(deps.db, deps.clock);
    const pending = new PendingQuestions(deps.clock);
    this.#log = deps.logger.child({ area: 'orchestrator' });
    this.commands = deps.commands ?? new CommandCatalog(deps.tools);
    this.#router = new Router({
      tools: deps.tools, commands: this.commands, classifier: deps.classifier, parseCommandText: deps.parseCommandText, pending, choices: new OpenChoices(deps.clock), chatAgent: deps.chatAgent,
      onModelFallback: (error) => this.#log.warn({ err: error }, 'model unavailable; answered with the offline parser'),
    });
    this.#builtins = new BuiltinCommands(deps.services, deps.hooks ?? noChangeHooks, this.commands);
    this.#messageItems = new MessageItemStore(deps.db, deps.clock);
    this.#edits = new EditFollower({ tools: deps.tools, commands: this.commands, classifier: deps.classifier, parseCommandText: deps.parseCommandText, items: this.#messageItems });
  }

  /** Adds a conversation-level command (/new, /tasks, /cancel, the Stop button's 'stop', 'snooze'). */
  registerBuiltin(name: string, run: BuiltinHandler): void {
    this.#builtins.register(name, run);
  }

  /**
   * Handles one message. Returns the reply for the adapter to send, or null when there is nothing
   * to send (a duplicate, an ignored sender, or an answer already streamed through `outlet`).
   */
  handle(msg: InboundMessage, outlet?: ReplyOutlet): Promise<Reply | null> {
    return withCorrelation(msg.correlationId, async () => {
      const started = performance.now();
      // The Stop button must never wait behind the answer it stops.
      const isStop = msg.type === 'button' && msg.data === 'stop';
      const refusal = isStop ? undefined : await this.#waitForTurn(msg, outlet?.signal);
      const reply = refusal ?? (isStop ? await this.#handle(msg, outlet) : await this.#gate(() => this.#handle(msg, outlet)));
      this.#log.debug({ platform: msg.conversation.platform, type: msg.type, replied: reply !== null, ms: Math.round(performance.now() - started) }, 'message handled');
      return reply;
    });
  }

  async #handle(msg: InboundMessage, outlet?: ReplyOutlet): Promise<Reply | null> {
    const actorKey = `${msg.actor.platform}:${msg.actor.userId}`;
    if (msg.messageId && !this.#recent.firstTime(duplicateKey(msg))) return null;
    this.deps.onHandled?.(msg.conversation.platform, msg.type);
    const rawText = msg.type === 'text' ? msg.text : msg.type === 'command' ? msg.args : '';
    const hintLang = this.deps.detectLanguage(rawText.slice(0, MAX_INPUT_LENGTH));

    if (this.deps.settings.accessMode === 'allowlist' && !this.#allowed.has(actorKey)) {
      this.#log.info({ actor: actorKey }, 'message from a user not on the allowlist');
      return this.#deniedNotified.firstTime(actorKey) ? { text: t(hintLang, 'accessDenied'), language: hintLang } : null;
    }

    let lang: Language = hintLang;
    try {
      if (msg.type !== 'button') {
        const guarded = guardText(msg.type === 'text' ? msg.text : msg.args);
        if (!guarded.ok) {
          if (guarded.reason === 'tooLong') return { text: t(hintLang, 'tooLong', { length: guarded.length, max: MAX_INPUT_LENGTH }), language: hintLang };
          if (msg.type === 'text') return { text: t(hintLang, 'emptyMessage'), language: hintLang };
        }
        if (msg.type === 'text') msg = { ...msg, text: guarded.ok ? guarded.text : '' };
        else msg = { ...msg, args: guarded.ok ? guarded.text : '' };
      }
      const turn = await this.#resolveTurn(msg, hintLang);
      turn.outlet = outlet;
      lang = turn.lang;
      if (msg.type !== 'button' && msg.edit) {
        const reply = await this.#edits.follow(turn, msg);
        return reply && { language: lang, ...reply };
      }
      const created: CreatedItem[] = [];
      turn.tool.onOutcome = (_tool, outcome) => {
        const item = createdItemOf(outcome.result);
        if (item) created.push(item);
      };
      const builtin = (name: string, args: string) => this.#builtins.run(turn, name, args);
      try {
        const reply = msg.type === 'command' ? await this.#router.command(turn, msg, builtin)
          : msg.type === 'text' ? await this.#router.text(turn, msg, builtin)
          : await this.#router.button(turn, msg, builtin);
        return reply && { language: lang, ...reply };
      } finally {
        if (created.length && msg.messageId && msg.type !== 'button') await this.#rememberCreated(turn.svc.userId, msg, created);
      }
    } catch (error) {
      return this.#friendly(error, lang, msg);
    }
  }

  /** Remembers which items this message created, so an edit of it can follow; a failure only costs that. */
  async #rememberCreated(userId: number, msg: InboundMessage, created: CreatedItem[]): Promise<void> {
    try {
      await this.#messageItems.remember(userId, msg.conversation, msg.messageId!, created);
    } catch (error) {
      this.#log.warn({ err: error }, 'could not remember the items a message created; an edit of it will not follow');
    }
  }

  /**
   * The per-sender rate limit, outside the concurrency gate so a waiting message holds no slot of
   * it. Over the limit a message waits for the first turn the window allows and is then handled as
   * usual; only past the bounded queue is it refused, with a reply every time — never dropped in
   * silence. The terminal chat is one local person and is not limited at all. Returns the refusal,
   * or undefined to go on. Strangers under the allowlist are left to #handle's one polite notice.
   */
  async #waitForTurn(msg: InboundMessage, signal?: AbortSignal): Promise<Reply | undefined> {
    if (msg.conversation.platform === 'console') return undefined;
    const actorKey = `${msg.actor.platform}:${msg.actor.userId}`;
    if (this.deps.settings.accessMode === 'allowlist' && !this.#allowed.has(actorKey)) return undefined;
    const turn = this.#rate.reserve(actorKey, this.deps.settings.rateLimitPerMinute);
    if (turn === 'full') {
      const text = msg.type === 'text' ? msg.text : msg.type === 'command' ? msg.args : '';
      const lang = this.deps.detectLanguage(text.slice(0, MAX_INPUT_LENGTH));
      this.#log.info({ actor: actorKey }, 'rate limit queue full; message refused with a notice');
      return { text: t(lang, 'rateLimitedNotHandled'), language: lang, ephemeral: true };
    }
    if (turn.waitMs > 0) {
      this.#log.debug({ actor: actorKey, waitMs: turn.waitMs }, 'rate limit: message waits its turn');
      await sleep(this.deps.clock, turn.waitMs, signal); // an abort (shutdown) ends the wait: handle it now
    }
    return undefined;
  }

  /** Who is speaking, where, in which language and time zone. */
  async #resolveTurn(msg: InboundMessage, hintLang: Language): Promise<TurnContext> {
    const { services, clock, settings } = this.deps;
    const conv = msg.conversation;
    const { user } = await services.users.resolveIdentity({
      platform: msg.actor.platform, externalId: msg.actor.userId, displayName: msg.actor.displayName,
      // Only what the person wrote tells us where their DM is. A button press does not: it names
      // the chat of the message it was under, which a forged press can set to someone else's.
      dmChatId: conv.kind === 'dm' && msg.type !== 'button' ? conv.chatId : undefined,
    });
    const now = clock.now();
    const timeZone = user.timezone ?? settings.defaultTimeZone;
    const { scope, spaceTitle } = await conversationScope(services, conv, user.id, msg.actor.isChatAdmin ?? false);
    const lang: Language = (user.language as Language | null)
      ?? (msg.type === 'button' ? (msg.actor.languageCode?.startsWith('ur') ? 'ur' : 'en') : hintLang);
    const svc: ServiceContext = { userId: user.id, scope, isSpaceAdmin: msg.actor.isChatAdmin ?? false, timeZone, now };
    const chatKey = `${user.id}|${conv.platform}:${conv.chatId}:${conv.threadId ?? ''}`;
    return {
      message: msg, svc, lang, conversation: conv, chatKey, timeZoneUnset: !user.timezone,
      tool: {
        svc, services, lang, userName: msg.actor.displayName, conversation: conv, spaceTitle,
        lastList: this.#lastLists.for(user.id, `${conv.platform}:${conv.chatId}:${conv.threadId ?? ''}`),
        hooks: this.deps.hooks ?? noChangeHooks,
      },
    };
  }

  /** The error boundary: a clear reply in the person's language; unexpected errors are logged. */
  #friendly(error: unknown, lang: Language, msg: InboundMessage): Reply {
    if (error instanceof UserFacingError && isMessageKey(error.key)) {
      const vars = { ...error.vars };
      if (typeof vars.kind === 'string' && isMessageKey(`kind_${vars.kind}`)) vars.kind = t(lang, `kind_${vars.kind}` as 'kind_todo');
      return { text: t(lang, error.key, vars), language: lang, ephemeral: true };
    }
    if (error instanceof ValidationError) {
      this.#log.info({ issues: error.issues }, 'invalid input');
      const reply = (key: 'invalidDate' | 'invalidTime' | 'unknownLanguage' | 'fieldTooLong', vars = {}) => ({ text: t(lang, key, vars), language: lang, ephemeral: true });
      if (error.issues.some((i) => /^(due|at|start|end):/.test(i))) return reply('invalidDate');
      if (error.issues.some((i) => i.startsWith('time:'))) return reply('invalidTime');
      if (error.issues.some((i) => i.startsWith('language:'))) return reply('unknownLanguage');
      for (const [field, key, allowed] of [['category', 'invalidCategory', category.options], ['priority', 'invalidPriority', priority.options]] as const) {
        if (!error.issues.some((i) => i.startsWith(`${field}:`))) continue;
        const value = String(error.received[field] ?? '').slice(0, 40);
        return { text: t(lang, key, { value, allowed: allowed.join(', ') }), language: lang, ephemeral: true };
      }
      const tooBig = error.issues.map((i) => /expected string to have <=(\d+) characters/.exec(i)).find(Boolean);
      if (tooBig) return reply('fieldTooLong', { max: tooBig[1]! });
      return { text: t(lang, 'notUnderstood'), language: lang, ephemeral: true };
    }
    this.#log.error({ err: error, type: msg.type, platform: msg.conversation.platform }, 'message failed');
    return { text: t(lang, 'genericError'), language: lang, ephemeral: true };
  }
}

/**
 * The key a duplicate delivery shares with its original. An edit keeps the message's id, so its key
 * adds the platform's edit time (in `receivedAt`) and the new text: every real edit is handled,
 * a re-delivered one is not.
 */
function duplicateKey(msg: InboundMessage): string {
  const base = `${msg.conversation.platform}:${msg.conversation.chatId}:${msg.type}:${msg.messageId}`;
  if (msg.type === 'button' || !msg.edit) return base;
  const text = msg.type === 'text' ? msg.text : `/${msg.name} ${msg.args}`;
  return `${base}:edit:${msg.receivedAt.getTime()}:${createHash('sha256').update(text).digest('base64url').slice(0, 16)}`;
}
