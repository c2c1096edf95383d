import type { ChangeHooks } from '../core/change-hooks.ts';
import type { Channel } from '../core/channel.ts';
import type { Clock } from '../core/clock.ts';
import type { ConversationRef, Platform } from '../core/inbound.ts';
import type { Reply } from '../core/reply.ts';
import type { Db } from '../db/database.ts';
import { formatDateTime, t, type Language } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import type { Services } from '../services/index.ts';
import type { ServiceContext } from '../services/scope.ts';
import type { BriefingData } from './briefing.ts';
import { createTemplateRenderer, parseNotificationAction } from './default-render.ts';
import { DeliveryLoop } from './delivery-loop.ts';
import { groupConversation } from './group-target.ts';
import { PlatformLimiters } from './rate-limiter.ts';
import { ReminderPlanner, snoozeUntil } from './reminder-planner.ts';
import { replanUnplannedItems } from './unplanned-items.ts';

/**
 * Who pressed a Done/Snooze button under a delivered reminder, and the services to act with: the
 * part of the orchestrator's turn the scheduler needs, declared here so the scheduler does not
 * import the orchestrator (the composition root hands it over).
 */
export interface NotificationButtonPress {
  lang: Language;
  /** The presser, acting in the chat where they pressed. */
  svc: ServiceContext;
  services: Pick<Services, 'users' | 'todos'>;
  /** Where the button was pressed: a group reminder's buttons work only in its group. */
  conversation: ConversationRef;
}

/** What the scheduler is built from (injected in the composition root). */
export interface SchedulerDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  defaultTimeZone: string;
  /** Optional model summary of a briefing (null → the template). */
  summarizeBriefing?: (data: BriefingData, lang: Language) => Promise<string | null>;
  /** Grace window for reminders missed during downtime (default 12 hours). */
  graceMs?: number;
  limiters?: PlatformLimiters;
}

/**
 * Reminders, briefings and task results as one piece: the planner turns item changes into outbox rows (via the
 * tools' ChangeHooks), the delivery loop sends due rows through the platforms' Channels, and the
 * Done/Snooze buttons of a delivered reminder come back here.
 */
export class Scheduler {
  readonly planner: ReminderPlanner;
  readonly hooks: ChangeHooks;
  #loop: DeliveryLoop | undefined;
  readonly #log: Logger;

  constructor(private readonly deps: SchedulerDeps) {
    this.#log = deps.logger.child({ area: 'scheduler' });
    this.planner = new ReminderPlanner({ db: deps.db, clock: deps.clock, defaultTimeZone: deps.defaultTimeZone, onChange: (dueAt) => this.#loop?.poke(dueAt) });
    const safely = (what: string, fn: () => Promise<void>) => fn().catch((err: unknown) => this.#log.error({ err, what }, 'planning failed'));
    this.hooks = {
      todoChanged: (id) => safely('todo', () => this.planner.planTodo(id)),
      todoCompleted: (id) => safely('todo', () => this.planner.todoCompleted(id)),
      eventChanged: (id) => safely('event', () => this.planner.planEvent(id)),
      reminderChanged: (id) => safely('reminder', () => this.planner.planReminder(id)),
      settingsChanged: (userId) => safely('briefing', () => this.planner.planBriefing(userId)),
    };
  }

  /** Starts delivering through these channels (one per platform running in this process). */
  async start(channels: ReadonlyMap<Platform, Channel>): Promise<void> {
    if (this.#loop) return;
    this.#loop = new DeliveryLoop({
      db: this.deps.db, clock: this.deps.clock, channels, planner: this.planner, logger: this.#log,
      render: createTemplateRenderer(this.deps.db, this.deps.summarizeBriefing),
      limiters: this.deps.limiters, graceMs: this.deps.graceMs,
    });
    this.#loop.start();
    await this.planner.planAllBriefings();
    // Items a crashed process wrote without their reminder (before creation and planning shared a transaction).
    await replanUnplannedItems({ db: this.deps.db, clock: this.deps.clock, planner: this.planner, logger: this.#log })
      .catch((err: unknown) => this.#log.error({ err }, 're-planning missing reminders failed'));
  }

  /** Stops the loop; rows waiting in a limiter go back to pending for the next start. */
  async stop(): Promise<void> {
    const loop = this.#loop;
    this.#loop = undefined;
    await loop?.stop();
  }

  /**
   * Wakes the delivery loop for rows written outside the planner (task results) due at `dueAt`;
   * before `start` it does nothing (the first wake finds them).
   */
  wake(dueAt?: Date): void {
    this.#loop?.poke(dueAt);
  }

  /** Waits until nothing is being sent (tests). */
  async idle(): Promise<void> {
    await this.#loop?.idle();
  }

  /**
   * A pressed Done/Snooze under a delivered reminder. Acts only when the notification belongs to the
   * presser, or for a group reminder when pressed in that group by its creator or a chat admin;
   * anything else is answered as an invalid button.
   */
  async handleButton(press: NotificationButtonPress, data: string): Promise<Reply> {
    const lang = press.lang;
    const action = parseNotificationAction(data);
    const row = action ? await this.deps.db.notification.findUnique({ where: { id: action.notificationId } }) : null;
    if (!action || !row || !mayPress(press, row)) return { text: t(lang, 'invalidButton'), language: lang, ephemeral: true };
    const title = (JSON.parse(row.payload || '{}') as { title?: string }).title ?? '';
    if (action.action === 'snooze') {
      const user = await press.services.users.get(press.svc.userId);
      const until = snoozeUntil(action.choice, press.svc.now, press.svc.timeZone, user?.briefingTime ?? '09:00');
      await this.planner.snooze(row.id, until);
      return { text: t(lang, 'reminderSnoozed', { when: formatDateTime(lang, until, press.svc.timeZone, press.svc.now) }), language: lang, replaceOriginal: true };
    }
    if (row.sourceType === 'reminder' && row.sourceId) await this.planner.reminderDone(row.sourceId);
    if (row.sourceType === 'todo' && row.sourceId) {
      const todo = await this.deps.db.todo.findUnique({ where: { id: row.sourceId }, select: { spaceId: true, status: true } });
      if (todo?.status === 'open') {
        const svc = todo.spaceId ? { ...press.svc, scope: { kind: 'space' as const, spaceId: todo.spaceId } } : press.svc;
        await press.services.todos.complete(svc, row.sourceId);
        await this.planner.todoCompleted(row.sourceId);
      }
    }
    return { text: t(lang, 'notif_done', { text: title }), language: lang, replaceOriginal: true };
  }
}

/** Who may press a delivered reminder's buttons: its user in private; in its group, its creator or an admin. */
function mayPress(press: NotificationButtonPress, row: { userId: number; target: string | null }): boolean {
  const group = groupConversation(row.target);
  if (!group) return row.userId === press.svc.userId;
  const here = press.conversation;
  const sameChat = here.kind === 'group' && here.platform === group.platform && here.chatId === group.chatId;
  return sameChat && press.svc.scope.kind === 'space' && (row.userId === press.svc.userId || press.svc.isSpaceAdmin);
}
