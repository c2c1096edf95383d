import { z } from 'zod';
import { UserFacingError } from '../core/errors.ts';
import { formatDateTime, t } from '../i18n/index.ts';
import { undoAction } from './buttons.ts';
import { instant, recurrence, words } from './schemas.ts';
import { defineTool } from './tool.ts';
import { naturalPlanner, SCOPE_OPTION, textOption } from './command.ts';
import { reminderView } from './views.ts';

export const createReminder = defineTool({
  name: 'create_reminder',
  description: 'Remind the user about something at a given time (sent as a direct message).',
  input: z.object({ text: words().describe('What to remind about, without the time'), at: instant, recurrence: recurrence.optional() }),
  command: {
    names: { en: ['remind', 'reminder', 'r', 'remindme'], ur: ['yaad'] }, description: 'cmd_remind', usage: 'usage_remind', order: 40,
    plan: naturalPlanner('remind', 'create_reminder', 'text', 'at'),
    picker: { name: 'remind', order: 43, options: [textOption('text', 'slash_opt_remindText', true), SCOPE_OPTION], route: { kind: 'command', command: 'remind', args: 'text' } },
  },
  async execute(ctx, input) {
    if (input.at.getTime() < ctx.svc.now.getTime() - 60_000) {
      throw new UserFacingError('pastDate', { when: formatDateTime(ctx.lang, input.at, ctx.svc.timeZone, ctx.svc.now) });
    }
    const reminder = await ctx.services.reminders.create(ctx.svc, { text: input.text, at: input.at, recurrence: input.recurrence });
    if (!ctx.services.reminders.plansReminders) await ctx.hooks.reminderChanged(reminder.id);
    const when = formatDateTime(ctx.lang, reminder.at, ctx.svc.timeZone, ctx.svc.now) + (reminder.recurrence ? ` ${t(ctx.lang, 'repeats')}` : '');
    return {
      reply: { text: t(ctx.lang, 'reminderCreated', { text: reminder.text, when }), card: { type: 'item', item: reminderView(reminder, ctx.lang, ctx.svc) }, actions: [undoAction(ctx.lang)], language: ctx.lang },
      result: { status: 'created', reminder: { id: reminder.id, text: reminder.text, at: reminder.at.toISOString(), recurrence: reminder.recurrence } },
    };
  },
});
