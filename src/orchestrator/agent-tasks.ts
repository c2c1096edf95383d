import pLimit, { type LimitFunction } from 'p-limit';
import { noChangeHooks, type ChangeHooks } from '../core/change-hooks.ts';
import type { Clock } from '../core/clock.ts';
import type { ConversationRef, Platform } from '../core/inbound.ts';
import type { Db } from '../db/database.ts';
import type { AgentTask } from '../generated/prisma/client.ts';
import type { Language } from '../i18n/index.ts';
import { ModelCallCancelled } from '../llm/errors.ts';
import type { ChatModel } from '../llm/model-client.ts';
import { modelTools } from '../llm/tool-catalog.ts';
import { UsageMeter } from '../llm/usage-meter.ts';
import type { Logger } from '../logger.ts';
import { queueTaskResults } from '../scheduler/task-results.ts';
import type { Services } from '../services/index.ts';
import type { ServiceContext } from '../services/scope.ts';
import { LastListStore } from '../tools/last-list.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import { runTaskLoop } from './agent-task-loop.ts';

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
  /**
   * Told when task results were put in the outbox (due at `dueAt`), so the delivery loop wakes now
   * rather than at its next sweep (the app wires it to `Scheduler.wake`).
   */
  onResultQueued?: (dueAt: Date) => void;
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
 * Runs delegated tasks in the background and reports back by direct message. Every task is an
 * AgentTask row (queued → running → done | failed | cancelled), so work survives a restart: on
 * `start()` queued tasks run again and tasks left `running` by a crash are marked failed and the
 * person is told — never silently lost. A task's end and its result message are written together:
 * the transaction that marks it done or failed also puts the result in the outbox
 * (scheduler/task-results.ts), and the delivery loop sends it like a reminder — platform limiters,
 * retries, exactly-once claims, unreachable users retired. A cancelled task sends nothing (/cancel
 * answered already).
 *
 * The app calls `start()` once and `stop()` on shutdown.
 */
export class AgentTaskRunner {
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

  /** Recovers after a restart and starts running queued tasks. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#stopped = false;
    const { db, clock } = this.deps;
    const now = clock.now();
    // Marked failed and their "interrupted" message queued in one transaction.
    const [interrupted, queuedResults] = await db.$transaction([
      db.$executeRawUnsafe(`UPDATE "AgentTask" SET "status"='failed',"error"='interrupted',"finishedAt"=? WHERE "status"='running'`, now),
      queueTaskResults(db, `t."status"='failed' AND t."error"='interrupted' AND t."finishedAt"=?`, [now], now),
    ]);
    if (interrupted) this.#log.warn({ count: interrupted }, 'tasks interrupted by a restart marked failed');
    if (queuedResults) this.deps.onResultQueued?.(now);
    const queued = await db.agentTask.findMany({ where: { status: 'queued' }, orderBy: { id: 'asc' }, select: { id: true } });
    for (const q of queued) this.#schedule(q.id);
  }

  /** Cancels running work (marked failed: interrupted, its message queued in the outbox) and stops. */
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
    // A cancel (/cancel) already wrote the row; only a running task is finished here, and only
    // then (same transaction) is its result put in the outbox.
    const now = clock.now();
    const [finished] = await db.$transaction([
      db.$executeRawUnsafe(`UPDATE "AgentTask" SET "status"=?,"result"=?,"error"=?,"finishedAt"=? WHERE "id"=? AND "status"='running'`,
        outcome.status, outcome.result ?? null, outcome.error ?? null, now, id),
      queueTaskResults(db, `t."id"=? AND t."status"=? AND t."finishedAt"=?`, [id, outcome.status, now], now),
    ]);
    if (finished) this.deps.onResultQueued?.(now);
  }
}
