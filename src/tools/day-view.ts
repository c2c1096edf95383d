/**
 * One day at a glance, as /today shows it: the day's events, the todos due that day and its
 * reminders (for today also what is overdue and the top priorities). The daily_briefing tool shows
 * today with it, list_events a single day ("what do I have tomorrow", "what's on friday"), so a day
 * question gets one answer whichever way it was asked.
 */
import { startOfLocalDay } from '../core/zoned-time.ts';
import type { ItemView } from '../core/reply.ts';
import { formatDate, t } from '../i18n/index.ts';
import type { ToolContext, ToolOutcome } from './tool.ts';
import { eventView, reminderView, todoView } from './views.ts';

/** The day view of the local day containing `instant`. */
export async function dayOutcome(ctx: ToolContext, instant: Date): Promise<ToolOutcome> {
  const { svc, lang } = ctx;
  const day = await ctx.services.today.day(svc, instant);
  const date = formatDate(lang, day.day, svc.timeZone);
  const isTomorrow = day.day.getTime() === startOfLocalDay(svc.now, svc.timeZone, 1).getTime();
  const title = day.isToday ? t(lang, 'todayTitle', { date }) : t(lang, isTomorrow ? 'dayTitleTomorrow' : 'dayTitle', { date });
  const sections: [string, ItemView[]][] = [
    [t(lang, 'todayEvents'), day.events.map((e) => eventView(e, lang, svc))],
    [t(lang, 'todayOverdue'), day.overdue.map((x) => todoView(x, lang, svc))],
    [t(lang, day.isToday ? 'todayDue' : 'dayDue'), day.dueToday.map((x) => todoView(x, lang, svc))],
    [t(lang, 'todayTop'), day.topPriorities.map((x) => todoView(x, lang, svc))],
    [t(lang, 'todayReminders'), day.reminders.map((r) => reminderView(r, lang, svc))],
  ];
  const filled = sections.filter(([, items]) => items.length > 0);
  // Todos are numbered ("/done 2"); the events keep their order as the last event list too.
  await ctx.lastList.set('event', day.events.map((e) => e.id));
  await ctx.lastList.set('todo', [...day.overdue, ...day.dueToday, ...day.topPriorities].map((x) => x.id));
  let position = 0;
  const lines = filled.flatMap(([heading, items]) => [
    `${heading}:`,
    ...items.map((v) => `${v.kind === 'todo' ? `${++position}. ` : '• '}${v.title}${v.details.length ? ` (${v.details.join(', ')})` : ''}`),
  ]);
  const empty = day.isToday ? t(lang, 'todayEmpty') : t(lang, 'dayEmpty', { date });
  const text = filled.length === 0 ? `${title}\n${empty}` : `${title}\n${lines.join('\n')}`;
  return {
    reply: { text, language: lang },
    result: {
      date: formatDate('en', day.day, svc.timeZone),
      events: day.events.map((e) => ({ id: e.id, title: e.title, start: e.startAt.toISOString(), end: e.endAt?.toISOString() ?? null, location: e.location })),
      overdue: day.overdue.map((x) => x.title), dueToday: day.dueToday.map((x) => x.title), topPriorities: day.topPriorities.map((x) => x.title),
      reminders: day.reminders.map((r) => ({ text: r.text, at: r.at.toISOString() })),
    },
  };
}
