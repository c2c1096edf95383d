import { z } from 'zod';
import { EVENT_RANGES, isEventRange } from '../core/list-filters.ts';
import { formatDateTime, t } from '../i18n/index.ts';
import { undoAction } from './buttons.ts';
import { ambiguityOutcome, resolveRef } from './ref-resolver.ts';
import { instant, ref, words } from './schemas.ts';
import { defineTool, type ToolContext } from './tool.ts';
import {
  itemOption, naturalPlanner, refPlanner, SCOPE_OPTION, textOption, toolPlan, type CommandArgsContext, type CommandPlan, type CommandTextParser,
} from './command.ts';
import { eventView } from './views.ts';
import { dayOutcome } from './day-view.ts';
import { startOfLocalDay, zonedToUtc } from '../core/zoned-time.ts';

const range = z.enum(EVENT_RANGES);
const EVENT_EDIT_FIELDS = ['title', 'start', 'end', 'location'] as const;
const deleteAction = (lang: Parameters<typeof t>[0], id: number) => ({ label: t(lang, 'button_delete'), data: `del:event:${id}`, style: 'danger' as const });

export const createEvent = defineTool({
  name: 'create_event',
  description: 'Add a calendar event with a start time, and optionally an end time and a place.',
  input: z.object({
    title: words().describe('What the event is, without the date'),
    start: instant,
    end: instant.optional(),
    location: words(200).optional(),
  }),
  command: {
    names: { en: ['event', 'meeting', 'schedule', 'cal'] }, description: 'cmd_event', usage: 'usage_text', order: 20,
    plan: naturalPlanner('event', 'create_event', 'title', 'start'),
    picker: { group: 'event', name: 'add', order: 20, options: [textOption('text', 'slash_opt_eventText', true), SCOPE_OPTION], route: { kind: 'command', command: 'event', args: 'text' } },
  },
  async execute(ctx, input) {
    const same = await sameEvent(ctx, input.title, input.start);
    if (same) {
      // "/event dentist fri 4pm" sent twice (a double tap, a resent message) is not two appointments.
      return {
        reply: {
          text: t(ctx.lang, 'eventDuplicate', { title: same.title, when: formatDateTime(ctx.lang, same.startAt, ctx.svc.timeZone, ctx.svc.now) }),
          card: { type: 'item', item: eventView(same, ctx.lang, ctx.svc) }, actions: [deleteAction(ctx.lang, same.id)], language: ctx.lang,
        },
        result: { status: 'duplicate', event: { id: same.id, title: same.title, start: same.startAt.toISOString() } },
      };
    }
    const event = await ctx.services.events.create(ctx.svc, input);
    if (!ctx.services.events.plansReminders) await ctx.hooks.eventChanged(event.id);
    return {
      reply: { text: t(ctx.lang, 'eventCreated', { title: event.title }), card: { type: 'item', item: eventView(event, ctx.lang, ctx.svc) }, actions: [deleteAction(ctx.lang, event.id), undoAction(ctx.lang)], language: ctx.lang },
      result: { status: 'created', event: { id: event.id, title: event.title, start: event.startAt.toISOString() } },
    };
  },
});

/** An event of this list with the same title (ignoring case and spacing) starting at the same minute. */
async function sameEvent(ctx: ToolContext, title: string, start: Date) {
  const minute = new Date(Math.floor(start.getTime() / 60_000) * 60_000);
  const near = await ctx.services.events.list(ctx.svc, { from: minute, to: new Date(minute.getTime() + 60_000), limit: 200 });
  const key = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
  return near.find((e) => e.startAt.getTime() >= minute.getTime() && key(e.title) === key(title));
}

/** A calendar day: "2026-11-27", or an ISO date-time whose local day is meant. */
const day = z.string().trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(s) && Number.isFinite(Date.parse(s)), {
    message: 'must be a date, e.g. 2026-11-27', abort: true,
  })
  .describe('One local day to show (YYYY-MM-DD), e.g. for "what do I have on friday"');

/** An instant inside the local day `date` names (noon, clear of any daylight-saving jump). */
function instantOfDay(date: string, timeZone: string): Date {
  if (date.length > 10) return new Date(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return zonedToUtc(timeZone, y, m, d, 12);
}

export const listEvents = defineTool({
  name: 'list_events',
  description: 'List calendar events: today, tomorrow, this week, next week or this month (default: upcoming). ' +
    'A single day (today, tomorrow, or `date`) is shown whole: its events, the todos due that day and its reminders.',
  input: z.object({ range: range.optional(), date: day.optional() }),
  command: {
    names: { en: ['events', 'calendar', 'agenda'] }, description: 'cmd_events', usage: 'usage_events', usageVars: { ranges: EVENT_RANGES.join('|') }, order: 21,
    plan: (args, parse, ctx) => {
      const word = args.toLowerCase().replace(/\s+/g, '_');
      if (isEventRange(word) || !args.trim()) return toolPlan('list_events', isEventRange(word) ? { range: word } : {});
      // "/events friday", "/events 3 dec": the day the parser reads in "what do I have on …".
      const read = parse(`what do i have on ${args}`, ctx);
      return toolPlan('list_events', read.intent === 'list_events' ? read.params : {});
    },
    picker: {
      group: 'event', name: 'list', order: 21,
      options: [{ name: 'range', description: 'slash_opt_range', type: 'string', required: false, choices: EVENT_RANGES.map((r) => ({ value: r, key: `slash_range_${r}` })) }, SCOPE_OPTION],
      route: { kind: 'command', command: 'events', args: 'range' },
    },
  },
  async execute(ctx, input) {
    // A day is answered like /today: "what do I have tomorrow" means the todos due then too.
    if (input.date !== undefined) return dayOutcome(ctx, instantOfDay(input.date, ctx.svc.timeZone));
    if (input.range === 'today') return dayOutcome(ctx, ctx.svc.now);
    if (input.range === 'tomorrow') return dayOutcome(ctx, startOfLocalDay(ctx.svc.now, ctx.svc.timeZone, 1));
    const events = await ctx.services.events.list(ctx.svc, { range: input.range });
    await ctx.lastList.set('event', events.map((e) => e.id));
    const items = events.map((e, i) => eventView(e, ctx.lang, ctx.svc, i + 1));
    // The count in the title answers "how many meetings do I have this week".
    const title = events.length ? t(ctx.lang, 'eventsTitleCount', { count: events.length }) : t(ctx.lang, 'eventsTitle');
    return {
      reply: { text: events.length ? title : t(ctx.lang, 'eventsEmpty'), card: { type: 'list', title, items, emptyText: t(ctx.lang, 'eventsEmpty') }, language: ctx.lang },
      result: { count: events.length, events: events.map((e) => ({ id: e.id, title: e.title, start: e.startAt.toISOString(), end: e.endAt?.toISOString() ?? null, location: e.location, allDay: e.allDay, timeZone: e.timeZone, repeats: e.recurrence })) },
    };
  },
});

export const updateEvent = defineTool({
  name: 'update_event',
  description: 'Change an event\'s title, start, end or place.',
  input: z.object({ ref, title: words().optional(), start: instant.optional(), end: instant.optional(), location: words(200).optional() }),
  command: {
    names: { en: ['editevent'] }, description: 'cmd_editevent', usage: 'usage_edit', usageVars: { fields: EVENT_EDIT_FIELDS.join('|') }, order: 22, plan: planEventEdit,
    picker: {
      group: 'event', name: 'edit', order: 22,
      options: [
        itemOption('event'), textOption('title', 'slash_opt_title', false, 500), textOption('start', 'slash_opt_start', false, 100),
        textOption('end', 'slash_opt_end', false, 100), textOption('location', 'slash_opt_location', false, 200), SCOPE_OPTION,
      ],
      route: { kind: 'edit', command: 'editevent', item: 'item', fields: ['start', 'title', 'end', 'location'] },
    },
  },
  async execute(ctx, { ref: r, ...patch }) {
    const found = await resolveRef(ctx, 'event', ctx.services.events, r);
    if (found.kind === 'many') return ambiguityOutcome(ctx, 'event', r, found.items.map((e) => eventView(e, ctx.lang, ctx.svc)));
    // A new start alone moves the whole event: it keeps its length ("move the meeting to 7").
    const { startAt, endAt } = found.item;
    const end = patch.start && patch.end === undefined && startAt && endAt ? new Date(patch.start.getTime() + (endAt.getTime() - startAt.getTime())) : patch.end;
    const { after } = await ctx.services.events.update(ctx.svc, found.item.id, { ...patch, end });
    await ctx.hooks.eventChanged(after.id);
    return {
      reply: { text: t(ctx.lang, 'eventUpdated', { title: after.title }), card: { type: 'item', item: eventView(after, ctx.lang, ctx.svc) }, actions: [undoAction(ctx.lang)], language: ctx.lang },
      result: { status: 'updated', id: after.id, start: after.startAt.toISOString() },
    };
  },
});

export const deleteEvent = defineTool({
  name: 'delete_event',
  description: 'Delete a calendar event.',
  input: z.object({ ref }),
  command: {
    names: { en: ['delevent'] }, description: 'slash_event_delete', usage: 'usage_ref', order: 23, plan: refPlanner('delete_event'),
    // Like the event's Delete button, checked in the presser's scope like any press.
    picker: { group: 'event', name: 'delete', order: 23, options: [itemOption('event'), SCOPE_OPTION], route: { kind: 'pressDelete', itemKind: 'event', option: 'item' } },
  },
  async execute(ctx, input) {
    const found = await resolveRef(ctx, 'event', ctx.services.events, input.ref);
    if (found.kind === 'many') return ambiguityOutcome(ctx, 'event', input.ref, found.items.map((e) => eventView(e, ctx.lang, ctx.svc)));
    const deleted = await ctx.services.events.delete(ctx.svc, found.item.id);
    await ctx.hooks.eventChanged(deleted.id);
    return {
      reply: { text: t(ctx.lang, 'eventDeleted', { title: deleted.title }), actions: [undoAction(ctx.lang)], language: ctx.lang },
      result: { status: 'deleted', id: deleted.id },
    };
  },
});

/**
 * `/editevent <ref> <field> <value>`: field is title, start, end or location; a new start or end
 * is read like the time of "/event … tomorrow 5pm".
 */
function planEventEdit(args: string, parse: CommandTextParser, ctx: CommandArgsContext): CommandPlan {
  const m = new RegExp(`^(.+?)\\s+(${EVENT_EDIT_FIELDS.join('|')})\\s*[:=]?\\s+(.+)$`, 'is').exec(args);
  if (!m) return args ? toolPlan('update_event', { ref: args }, ['start']) : toolPlan('update_event', {}, ['ref']);
  const [, ref, field, value] = m as unknown as [string, string, string, string];
  const f = field.toLowerCase();
  if (f === 'start' || f === 'end') {
    const parsed = parse(`/event x ${value}`, ctx);
    return toolPlan('update_event', { ref, [f]: parsed.params.start ?? value });
  }
  return toolPlan('update_event', { ref, [f]: value });
}
