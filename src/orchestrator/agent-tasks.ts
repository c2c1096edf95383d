import pLimit, { type LimitFunction } from 'p-limit';
import type { Channel, DirectTarget } from '../core/channel.ts';
import type { Clock } from '../core/clock.ts';
import { withBackoff, type BackoffPolicy } from '../core/backoff.ts';
import { PlatformError } from '../core/errors.ts';
import type { ConversationRef, Platform } from '../core/inbound.ts';
import type { Db } from '../db/database.ts';
import type { AgentTask } from '../generated/prisma/client.ts';
import { t, type Language, type MessageKey } from '../i18n/index.ts';
import { ModelCallCancelled } from '../llm/errors.ts';
import type { ChatModel } from '../llm/model-client.ts';
import { modelTools } from '../llm/tool-catalog.ts';
import { UsageMeter } from '../llm/usage-meter.ts';
import type { Logger } from '../logger.ts';
import type { Services } from '../services/index.ts';
import type { ServiceContext } from '../services/scope.ts';
import { LastListStore } from '../tools/last-list.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import { noChangeHooks, type ChangeHooks } from '../tools/tool.ts';
import { runTaskLoop, type TaskStopReason } from './agent-task-loop.ts';

/** Task states as stored in AgentTask.status. */
export type TaskStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** What the runner is built from. */
export interface AgentTaskRunnerDeps {
  db: Db;
  services: Services;
  tools: ToolRegistry;
  model: ChatModel;
  usage: UsageMeter;
  clock: Clock;
  logger: Logger;
  hooks?: ChangeHooks;
  defaultTimeZone: string;
  maxSteps: number;
  timeLimitMs: number;
  /** Tasks run at the same time (default 2). */
  concurrency?: number;
}

/** A new delegated task, as the delegate_task tool hands it over. */
export interface NewAgentTask {
  userId: number;
  instruction: string;
  conversation: ConversationRef;
  spaceId?: number;
  language: Language;
}

/**
 * A task result is retried briefly (three more tries over seconds, honouring a platform's
 * retry-after up to a minute): an undelivered result stays in its row and goes out again on the
 * next attachChannel/start, so holding the runner longer buys nothing.
 */
const TASK_RESULT_BACKOFF: BackoffPolicy = { maxRetries: 3, deadlineMs: 90_000, baseDelayMs: 1_000, maxDelayMs: 4_000, maxRetryAfterMs: 60_000 };

const REASON_KEY: Record<TaskStopReason | 'timeout' | 'interrupted' | 'error', MessageKey> = {
  steps: 'taskReasonSteps', model: 'taskReasonModel', budget: 'taskReasonBudget',
  timeout: 'taskReasonTimeout', interrupted: 'taskReasonInterrupted', error: 'taskReasonError',
};

/**
 * Runs delegated tasks in the background and reports back by direct message. Every task is an
 * AgentTask row (queued → running → done | failed | cancelled), so work survives a restart: on
 * `start()` queued tasks run again and tasks left `running` by a crash are marked failed and the
 * person is told — never silently lost. Results wait in the row (deliveredAt unset) until a Channel
 * for the person's platform is attached, then go out through `Channel.sendDirect`.
 *
 * Adapters (or the orchestrator, from each message's outlet) call `attachChannel`; the app calls
 * `start()` once and `stop()` on shutdown.
 */
export class AgentTaskRunner {
  readonly #channels = new Map<Platform, Channel>();
  readonly #running = new Map<number, AbortController>();
  /** At most `concurrency` tasks run at once; the rest wait here in order. */
  readonly #gate: LimitFunction;
  readonly #lastLists: LastListStore;
  readonly #log: Logger;
  readonly #tools;
  #started = false;
  #stopped = false;
  #active = new Set<Promise<void>>();

  constructor(private readonly deps: AgentTaskRunnerDeps) {
    this.#log = deps.logger.child({ area: 'agent-tasks' });
    this.#lastLists = new LastListStore(deps.db, deps.clock);
    this.#tools = modelTools(deps.tools, ['delegate_task']);
    this.#gate = pLimit(deps.concurrency ?? 2);
  }

  /** Makes a platform reachable for results; undelivered results for it go out now. */
  attachChannel(channel: Channel): void {
    const known = this.#channels.get(channel.platform) === channel;
    this.#channels.set(channel.platform, channel);
    if (!known && this.#started) void this.#deliverPending().catch((error: unknown) => this.#log.warn({ err: error }, 'delivering task results failed'));
  }

  /** Recovers after a restart and starts running queued tasks. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#stopped = false;
    const now = this.deps.clock.now();
    const interrupted = await this.deps.db.agentTask.updateMany({
      where: { status: 'running' }, data: { status: 'failed', error: 'interrupted', finishedAt: now },
    });
    if (interrupted.count) this.#log.warn({ count: interrupted.count }, 'tasks interrupted by a restart marked failed');
    const queued = await this.deps.db.agentTask.findMany({ where: { status: 'queued' }, orderBy: { id: 'asc' }, select: { id: true } });
    for (const q of queued) this.#schedule(q.id);
    await this.#deliverPending();
  }

  /** Cancels running work (marked failed: interrupted, reported on the next start) and stops. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#started = false;
    for (const c of this.#running.values()) c.abort(new Error('shutdown'));
    await Promise.allSettled([...this.#active]);
  }

  /** Resolves when no task is running or waiting (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.#active.size) await Promise.allSettled([...this.#active]);
  }

  /** Stores a new task and queues it; returns its id. */
  async enqueue(task: NewAgentTask): Promise<number> {
    const row = await this.deps.db.agentTask.create({
      data: {
        userId: task.userId, instruction: task.instruction, status: 'queued', language: task.language,
        platform: task.conversation.platform, chatId: task.conversation.chatId, spaceId: task.spaceId ?? null,
        createdAt: this.deps.clock.now(),
      },
    });
    this.#schedule(row.id);
    return row.id;
  }

  /** The person's recent tasks, newest first. */
  list(userId: number, limit = 10): Promise<AgentTask[]> {
    return this.deps.db.agentTask.findMany({ where: { userId }, orderBy: { id: 'desc' }, take: limit });
  }

  /** Cancels one of the person's tasks by `#id` or id. */
  async cancel(userId: number, ref: string): Promise<{ kind: 'cancelled' | 'finished'; task: AgentTask } | { kind: 'notFound' }> {
    const id = Number(/^#?(\d{1,9})$/.exec(ref.trim())?.[1]);
    if (!Number.isInteger(id)) return { kind: 'notFound' };
    const task = await this.deps.db.agentTask.findFirst({ where: { id, userId } });
    if (!task) return { kind: 'notFound' };
    if (task.status !== 'queued' && task.status !== 'running') return { kind: 'finished', task };
    const now = this.deps.clock.now();
    const updated = await this.deps.db.agentTask.update({ where: { id }, data: { status: 'cancelled', finishedAt: now, deliveredAt: now } });
    this.#running.get(id)?.abort(new Error('cancelled')); // one still waiting for its turn finds its row cancelled and does not start
    return { kind: 'cancelled', task: updated };
  }

  /**
   * Queues a task behind the concurrency gate (p-limit). When its turn comes after stop() it is
   * skipped (its row stays queued for the next start); one cancelled meanwhile is not claimed by #run.
   */
  #schedule(id: number): void {
    const run = this.#gate(async () => {
      if (this.#stopped) return;
      const controller = new AbortController();
      this.#running.set(id, controller);
      try {
        await this.#run(id, controller);
      } finally {
        this.#running.delete(id);
      }
    })
      .catch((error: unknown) => this.#log.error({ err: error, task: id }, 'task runner failed'))
      .finally(() => this.#active.delete(run));
    this.#active.add(run);
  }

  async #run(id: number, controller: AbortController): Promise<void> {
    const { db, clock } = this.deps;
    const claimed = await db.agentTask.updateMany({ where: { id, status: 'queued' }, data: { status: 'running', startedAt: clock.now() } });
    if (!claimed.count) return;
    const task = (await db.agentTask.findUnique({ where: { id } }))!;
    const user = await this.deps.services.users.get(task.userId);
    if (!user) return;
    const timeZone = user.timezone ?? this.deps.defaultTimeZone;
    const lang: Language = task.language === 'ur' ? 'ur' : task.language === 'en' ? 'en' : user.language === 'ur' ? 'ur' : 'en';
    let timedOut = false;
    const cancelTimer = clock.setTimeout(() => { timedOut = true; controller.abort(new Error('time limit')); }, this.deps.timeLimitMs);
    const svc: ServiceContext = {
      userId: user.id, scope: task.spaceId ? { kind: 'space', spaceId: task.spaceId } : { kind: 'personal', userId: user.id },
      isSpaceAdmin: false, timeZone, now: clock.now(),
    };
    const conversation: ConversationRef = { platform: (task.platform ?? 'console') as Platform, chatId: task.chatId ?? '', kind: task.spaceId ? 'group' : 'dm' };
    const day = UsageMeter.day(svc.now, timeZone);
    let outcome: { status: TaskStatus; result?: string; error?: string };
    try {
      const result = await runTaskLoop({
        model: this.deps.model, registry: this.deps.tools, tools: this.#tools, instruction: task.instruction,
        maxSteps: this.deps.maxSteps, signal: controller.signal,
        ctx: { svc, services: this.deps.services, lang, userName: user.displayName, conversation, lastList: this.#lastLists.for(user.id, `task:${id}`), hooks: this.deps.hooks ?? noChangeHooks },
        prompt: { now: svc.now, timeZone, language: lang, userName: user.displayName, group: Boolean(task.spaceId) },
        onUsage: async (p, c) => {
          await this.deps.usage.record(user.id, day, p, c);
          return !(await this.deps.usage.exhausted(user.id, day));
        },
        onStep: async (steps) => { await db.agentTask.update({ where: { id }, data: { steps } }); },
      });
      outcome = result.ok ? { status: 'done', result: result.report } : { status: 'failed', error: result.reason };
      if (!result.ok) this.#log.warn({ task: id, reason: result.reason, err: result.error }, 'task ended without a report');
    } catch (error) {
      const aborted = error instanceof ModelCallCancelled || controller.signal.aborted;
      if (!aborted) this.#log.error({ err: error, task: id }, 'task failed');
      outcome = { status: 'failed', error: timedOut ? 'timeout' : aborted && this.#stopped ? 'interrupted' : aborted ? 'cancelled' : 'error' };
    } finally {
      cancelTimer();
    }
    // A cancel (/cancel) already wrote the row; only a running task is finished here.
    await db.agentTask.updateMany({
      where: { id, status: 'running' },
      data: { status: outcome.status, result: outcome.result ?? null, error: outcome.error ?? null, finishedAt: clock.now() },
    });
    if (!this.#stopped) await this.#deliverPending(id);
  }

  /** Sends finished, undelivered results (one task, or all) whose platform has a channel. */
  async #deliverPending(onlyId?: number): Promise<void> {
    const rows = await this.deps.db.agentTask.findMany({
      where: { deliveredAt: null, status: { in: ['done', 'failed'] }, ...(onlyId !== undefined && { id: onlyId }) }, orderBy: { id: 'asc' }, take: 100,
    });
    for (const row of rows) await this.#deliver(row);
  }

  async #deliver(task: AgentTask): Promise<void> {
    const identity = await this.deps.db.identity.findFirst({
      where: { userId: task.userId, unreachable: false, ...(task.platform && { platform: task.platform }) },
      orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }],
    });
    const channel = identity && this.#channels.get(identity.platform as Platform);
    if (!identity || !channel) return;
    const lang: Language = task.language === 'ur' ? 'ur' : 'en';
    const reason = t(lang, REASON_KEY[(task.error ?? 'error') as keyof typeof REASON_KEY] ?? 'taskReasonError');
    const text = task.status === 'done' ? t(lang, 'taskDone', { id: task.id, result: task.result ?? '' }) : t(lang, 'taskFailed', { id: task.id, reason });
    const target: DirectTarget = { platform: identity.platform as Platform, userId: identity.externalId, ...(identity.dmChatId && { chatId: identity.dmChatId }) };
    try {
      await withBackoff(() => channel.sendDirect(target, { text, language: lang }), {
        clock: this.deps.clock, policy: TASK_RESULT_BACKOFF,
        onRetry: (error, attempt) => this.#log.warn({ err: error, task: task.id, attempt }, 'task result not delivered; retrying'),
      });
    } catch (error) {
      this.#log.warn({ err: error, task: task.id }, 'task result not delivered');
      // Blocked / gone: retire it, do not retry forever. Anything else waits for the next attachChannel/start.
      if (!(error instanceof PlatformError && error.permanent)) return;
    }
    await this.deps.db.agentTask.update({ where: { id: task.id }, data: { deliveredAt: this.deps.clock.now() } });
  }
}
