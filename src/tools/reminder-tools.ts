import { z } from 'zod';
import { UserFacingError } from '../core/errors.ts';
import { formatDateTime, t } from '../i18n/index.ts';
import { chatTargetOf } from '../services/index.ts';
import { nextOccurrence } from '../recurrence/next-run.ts';
import { undoAction } from './buttons.ts';
import { isQuestion, reminderActions, reminderLine, resolveReminder } from './reminder-refs.ts';
import { instant, recurrence, ref, words } from './schemas.ts';
import { defineTool, type ToolContext } from './tool.ts';
import { itemOption, naturalPlanner, SCOPE_OPTION, textOption } from './command.ts';
import { planReminderEdit } from './reminder-commands.ts';
import { reminderView } from './views.ts';

/** Who a reminder set in a group is for: the group's chat (default) or the sender privately. */
const audience = z.enum(['chat', 'me']).describe('In a group: "chat" posts it in the group (default, "remind us"); "me" sends it privately to the sender ("remind me"). Ignored in a private chat.');

function assertNotPast(ctx: ToolContext, at: Date): void {
  if (at.getTime() < ctx.svc.now.getTime() - 60_000) {
    throw new UserFacingError('pastDate', { when: formatDateTime(ctx.lang, at, ctx.svc.timeZone, ctx.svc.now) });
  }
}

export const createReminder = defineTool({
  name: 'create_reminder',
  description: 'Remind about something at a given time. In a private chat it is sent to the user; in a group it is posted in the group unless `to` is "me".',
  input: z.object({ text: words().describe('What to remind about, without the time'), at: instant, recurrence: recurrence.optional(), to: audience.optional() }),
  command: {
    names: { en: ['remind', 'reminder', 'r', 'remindme'], ur: ['yaad'] }, description: 'cmd_remind', usage: 'usage_remind', order: 40,
    plan: naturalPlanner('remind', 'create_reminder', 'text', 'at'),
    picker: { name: 'remind', order: 43, options: [textOption('text', 'slash_opt_remindText', true), SCOPE_OPTION], route: { kind: 'command', command: 'remind', args: 'text' } },
  },
  async execute(ctx, input) {
    assertNotPast(ctx, input.at);
    const forGroup = ctx.svc.scope.kind === 'space' && ctx.conversation.kind === 'group' && input.to !== 'me';
    const reminder = await ctx.services.reminders.create(ctx.svc, {
      text: input.text, at: input.at, recurrence: input.recurrence, ...(forGroup ? { chatTarget: chatTargetOf(ctx.conversation) } : {}),
    });
    if (!ctx.services.reminders.plansReminders) await ctx.hooks.reminderChanged(reminder.id);
    const when = formatDateTime(ctx.lang, reminder.at, ctx.svc.timeZone, ctx.svc.now) + (reminder.recurrence ? ` ${t(ctx.lang, 'repeats')}` : '');
    const key = forGroup ? 'reminderCreatedGroup' : ctx.svc.scope.kind === 'space' ? 'reminderCreatedPrivate' : 'reminderCreated';
    return {
      reply: { text: t(ctx.lang, key, { text: reminder.text, when }), card: { type: 'item', item: reminderView(reminder, ctx.lang, ctx.svc) }, actions: [undoAction(ctx.lang)], language: ctx.lang },
      result: { status: 'created', reminder: { id: reminder.id, text: reminder.text, at: reminder.at.toISOString(), recurrence: reminder.recurrence, to: forGroup ? 'chat' : 'me' } },
    };
  },
});

export const updateReminder = defineTool({
  name: 'update_reminder',
  description: 'Change an existing reminder: its time, its text, or how it repeats ("none" stops repeating). In a group, the group\'s reminders: its creator or an admin.',
  input: z.object({
    ref,
    text: words().optional().describe('New text'),
    at: instant.optional().describe('New time (ISO 8601 with offset)'),
    recurrence: z.union([z.literal('none'), recurrence]).optional().describe('New repeat rule, or "none" to make it one-off'),
  }),
  command: {
    names: { en: ['editreminder', 'movereminder'], ur: ['yaadbadlo'] }, description: 'cmd_editreminder', usage: 'usage_editreminder', order: 40.2, plan: planReminderEdit,
    picker: {
      group: 'reminder', name: 'edit', order: 43.2,
      options: [itemOption('reminder'), textOption('time', 'slash_opt_reminderTime', false, 100), textOption('text', 'slash_opt_reminderNewText', false), SCOPE_OPTION],
      // `editreminder <ref> time <when>` reads the time like "/remind"; a new text rides along typed.
      route: { kind: 'edit', command: 'editreminder', item: 'item', fields: ['time', 'text'] },
    },
  },
  async execute(ctx, { ref: r, ...patch }) {
    const found = await resolveReminder(ctx, r);
    if (isQuestion(found)) return found;
    if (found.kind !== 'reminder') throw new UserFacingError('reminderFollowsItem', { ref: r });
    if (patch.at) assertNotPast(ctx, patch.at);
    const repeat = patch.recurrence === 'none' ? null : patch.recurrence;
    // A new rule without a new time starts at the rule's next occurrence.
    const at = patch.at ?? (repeat ? nextOccurrence(repeat, ctx.svc.timeZone, ctx.svc.now) ?? undefined : undefined);
    const { after } = await ctx.services.reminders.update(ctx.svc, found.reminder.id, { text: patch.text, at, recurrence: repeat });
    await ctx.hooks.reminderChanged(after.id);
    const when = formatDateTime(ctx.lang, after.at, ctx.svc.timeZone, ctx.svc.now);
    return {
      reply: { text: t(ctx.lang, 'reminderUpdated', { text: after.text, when }), card: { type: 'item', item: reminderLine(after, ctx.lang, ctx.svc) }, actions: reminderActions(ctx.lang, after, true), language: ctx.lang },
      result: { status: 'updated', id: after.id, text: after.text, at: after.at.toISOString(), recurrence: after.recurrence, state: after.status },
    };
  },
});
