import { z } from 'zod';
import { UserFacingError } from '../core/errors.ts';
import type { ItemView, ReplyAction } from '../core/reply.ts';
import { startOfLocalDay } from '../core/zoned-time.ts';
import { formatDateTime, t } from '../i18n/index.ts';
import { nextOccurrence } from '../recurrence/next-run.ts';
import { isQuestion, itemReminderLine, reminderActions, reminderLine, resolveReminder } from './reminder-refs.ts';
import { instant, ref } from './schemas.ts';
import { defineTool, type ToolContext, type ToolOutcome } from './tool.ts';
import { itemOption, optionalItemOption, refPlanner, SCOPE_OPTION, textOption } from './command.ts';
import { planReminderList, planSnooze, REMINDER_FILTER_OPTION } from './reminder-commands.ts';

const listFilter = z.enum(['today', 'week', 'all']);
/** Lines that get a Cancel button under a list (a chat keyboard has room for a few). */
const LIST_BUTTONS = 5;
const DEFAULT_SNOOZE_MS = 10 * 60_000;
/** A reminder ref; absent or "that" means the reminder that arrived last in this chat. */
const optionalRef = ref.optional();

/** The end of the filter's window: the end of the local day, seven days ahead, or none. */
function until(ctx: ToolContext, filter: z.infer<typeof listFilter>): Date | undefined {
  if (filter === 'today') return startOfLocalDay(ctx.svc.now, ctx.svc.timeZone, 1);
  if (filter === 'week') return new Date(ctx.svc.now.getTime() + 7 * 86_400_000);
  return undefined;
}

export const listReminders = defineTool({
  name: 'list_reminders',
  description: 'List upcoming reminders (personal in a private chat, the group\'s in a group), with repeats, paused ones and the next time; reminders of todos and events are listed too. Filter: today, week or all (default).',
  input: z.object({ filter: listFilter.optional() }),
  command: {
    names: { en: ['reminders', 'alarms'], ur: ['yaadein'] }, description: 'cmd_reminders', usage: 'usage_reminders', order: 40.1, plan: planReminderList,
    picker: { group: 'reminder', name: 'list', order: 43.1, options: [REMINDER_FILTER_OPTION, SCOPE_OPTION], route: { kind: 'command', command: 'reminders', args: 'filter' } },
  },
  async execute(ctx, input) {
    const filter = input.filter ?? 'all';
    const end = until(ctx, filter);
    // A paused reminder fires on no day, so only "all" shows it.
    const [own, items] = await Promise.all([
      ctx.services.reminders.listUpcoming(ctx.svc, { until: end, pendingOnly: filter !== 'all' }),
      ctx.services.reminders.itemReminders(ctx.svc, { until: end }),
    ]);
    const merged = [
      ...own.map((r) => ({ at: r.at.getTime(), paused: r.status === 'paused', view: (n: number) => reminderLine(r, ctx.lang, ctx.svc, n), id: r.id, r })),
      ...items.map((i) => ({ at: i.at.getTime(), paused: false, view: (n: number) => itemReminderLine(i, ctx.lang, ctx.svc, n), id: 0, r: null })),
    ].sort((a, b) => Number(a.paused) - Number(b.paused) || a.at - b.at);
    const views: ItemView[] = merged.map((m, i) => m.view(i + 1));
    // A todo's or event's line is numbered too but holds 0: its reminder follows its item.
    await ctx.lastList.set('reminder', merged.map((m) => m.id));
    const title = ctx.svc.scope.kind === 'space' ? t(ctx.lang, 'groupRemindersTitle', { group: ctx.spaceTitle ?? '' }) : t(ctx.lang, 'remindersTitle');
    const empty = t(ctx.lang, filter === 'today' ? 'remindersEmptyToday' : filter === 'week' ? 'remindersEmptyWeek' : 'remindersEmpty');
    const actions: ReplyAction[] = merged.flatMap((m, i) => (m.r ? [{ label: `✖ ${i + 1}`, data: `del:reminder:${m.id}` }] : [])).slice(0, LIST_BUTTONS);
    return {
      reply: { text: merged.length ? title : empty, card: { type: 'list', title, items: views, emptyText: empty }, ...(actions.length ? { actions } : {}), language: ctx.lang },
      result: {
        reminders: own.map((r) => ({ id: r.id, text: r.text, at: r.at.toISOString(), recurrence: r.recurrence, state: r.status })),
        itemReminders: items.map((i) => ({ kind: i.kind, id: i.itemId, title: i.title, at: i.at.toISOString() })),
      },
    };
  },
});

/** Resolves the ref and runs one state change of a standalone reminder, replying with its card. */
async function change(ctx: ToolContext, r: string | undefined, run: (id: number) => Promise<{ after: { id: number; text: string; at: Date; recurrence: string | null; status: string } }>, reply: (after: { text: string; at: Date }) => string, status: string, day?: Date): Promise<ToolOutcome> {
  const found = await resolveReminder(ctx, r, false, day);
  if (isQuestion(found)) return found;
  if (found.kind !== 'reminder') throw new UserFacingError('reminderFollowsItem', { ref: r ?? '' });
  const { after } = await run(found.reminder.id);
  await ctx.hooks.reminderChanged(after.id);
  return {
    reply: { text: reply(after), card: { type: 'item', item: reminderLine(after, ctx.lang, ctx.svc) }, actions: reminderActions(ctx.lang, after, true), language: ctx.lang },
    result: { status, id: after.id, text: after.text, at: after.at.toISOString(), state: after.status },
  };
}

export const cancelReminder = defineTool({
  name: 'cancel_reminder',
  description: 'Cancel a reminder so it never goes off. No ref (or "that") means the one that just arrived here; `day` picks the one on that day ("my alarm for tomorrow"). In a group: its creator or an admin.',
  input: z.object({ ref: optionalRef, day: instant.optional().describe('A moment on the day of the reminder meant, when it is named by its day') }),
  command: {
    // `/cancel` is the background tasks'; a typed cancel names the reminder (no guessing "the last one").
    names: { en: ['unremind', 'cancelreminder'], ur: ['yaadhatao'] }, description: 'cmd_unremind', usage: 'usage_ref', order: 40.3, plan: refPlanner('cancel_reminder'),
    picker: { group: 'reminder', name: 'cancel', order: 43.3, options: [itemOption('reminder'), SCOPE_OPTION], route: { kind: 'command', command: 'unremind', args: 'item' } },
  },
  async execute(ctx, input) {
    return change(ctx, input.ref, (id) => ctx.services.reminders.cancel(ctx.svc, id), (a) => t(ctx.lang, 'reminderCancelled', { text: a.text }), 'cancelled', input.day);
  },
});

export const pauseReminder = defineTool({
  name: 'pause_reminder',
  description: 'Pause a repeating reminder: it does not go off until resumed. No ref (or "that") means the one that just arrived here.',
  input: z.object({ ref: optionalRef }),
  command: {
    names: { en: ['pause'], ur: ['roko'] }, description: 'cmd_pause', usage: 'usage_ref', order: 40.4, plan: refPlanner('pause_reminder'),
    picker: { group: 'reminder', name: 'pause', order: 43.4, options: [itemOption('reminder'), SCOPE_OPTION], route: { kind: 'command', command: 'pause', args: 'item' } },
  },
  async execute(ctx, input) {
    return change(ctx, input.ref, (id) => ctx.services.reminders.pause(ctx.svc, id), (a) => t(ctx.lang, 'reminderPaused', { text: a.text }), 'paused');
  },
});

export const resumeReminder = defineTool({
  name: 'resume_reminder',
  description: 'Resume a paused repeating reminder; it goes off next at its next time from now.',
  input: z.object({ ref: optionalRef }),
  command: {
    names: { en: ['resume', 'unpause'], ur: ['dobara'] }, description: 'cmd_resume', usage: 'usage_ref', order: 40.5, plan: refPlanner('resume_reminder'),
    picker: { group: 'reminder', name: 'resume', order: 43.5, options: [itemOption('reminder'), SCOPE_OPTION], route: { kind: 'command', command: 'resume', args: 'item' } },
  },
  async execute(ctx, input) {
    return change(ctx, input.ref, async (id) => {
      const r = await ctx.services.reminders.get(ctx.svc, id);
      if (r.status !== 'paused') throw new UserFacingError('reminderNotPaused', { text: r.text });
      const next = r.recurrence ? nextOccurrence(r.recurrence, ctx.svc.timeZone, ctx.svc.now) : null;
      return ctx.services.reminders.resume(ctx.svc, id, next);
    }, (a) => t(ctx.lang, 'reminderResumed', { text: a.text, when: formatDateTime(ctx.lang, a.at, ctx.svc.timeZone, ctx.svc.now) }), 'resumed');
  },
});

export const snoozeReminder = defineTool({
  name: 'snooze_reminder',
  description: 'Snooze a reminder until a later time (default 10 minutes from now). Without a ref (or "that") it snoozes the reminder that arrived last in this chat, a todo\'s or event\'s included.',
  input: z.object({
    ref: optionalRef,
    at: instant.optional().describe('When it should go off again (ISO 8601 with offset); default in 10 minutes'),
  }),
  command: {
    names: { en: ['snooze'], ur: ['baadmein'] }, description: 'cmd_snooze', usage: 'usage_snooze', order: 40.6, plan: planSnooze,
    picker: {
      group: 'reminder', name: 'snooze', order: 43.6,
      options: [optionalItemOption('reminder'), textOption('for', 'slash_opt_snoozeFor', false, 100), SCOPE_OPTION],
      // The core's `/snooze <ref> <duration>` reads both from its words.
      route: { kind: 'edit', command: 'snooze', item: 'item', fields: ['for'] },
    },
  },
  async execute(ctx, input) {
    const untilAt = input.at ?? new Date(ctx.svc.now.getTime() + DEFAULT_SNOOZE_MS);
    if (untilAt.getTime() <= ctx.svc.now.getTime()) throw new UserFacingError('pastDate', { when: formatDateTime(ctx.lang, untilAt, ctx.svc.timeZone, ctx.svc.now) });
    const when = formatDateTime(ctx.lang, untilAt, ctx.svc.timeZone, ctx.svc.now);
    const found = await resolveReminder(ctx, input.ref, true);
    if (isQuestion(found)) return found;
    if (found.kind === 'item') {
      // A todo's or event's reminder: a snoozed copy of what arrived, as its Snooze button makes.
      if (!(await ctx.services.reminders.snoozeNotification(found.delivered.notificationId, untilAt))) throw new UserFacingError('reminderNothingToSnooze');
      return {
        reply: { text: `${t(ctx.lang, 'reminderSnoozed', { when })} ${found.delivered.title}`.trim(), language: ctx.lang },
        result: { status: 'snoozed', kind: found.delivered.sourceType, id: found.delivered.sourceId, until: untilAt.toISOString() },
      };
    }
    const { after } = await ctx.services.reminders.snooze(ctx.svc, found.reminder.id, untilAt);
    await ctx.hooks.reminderChanged(after.id);
    return {
      reply: { text: t(ctx.lang, 'reminderSnoozed', { when }), card: { type: 'item', item: reminderLine(after, ctx.lang, ctx.svc) }, actions: reminderActions(ctx.lang, after, true), language: ctx.lang },
      result: { status: 'snoozed', id: after.id, text: after.text, until: after.at.toISOString() },
    };
  },
});
