/**
 * The content of a daily briefing as data: today's events, todos due today, overdue todos and the
 * top priorities, from the user's personal items. Built when the briefing is sent (not when planned)
 * so it reflects the day as it is; the lead turns it into text (LLM summary or the i18n template).
 */
import type { Db } from '../db/database.ts';
import { startOfLocalDay, wallTime } from '../core/zoned-time.ts';
import { eventZone, nextEventStart, occurrenceEnd } from '../services/event-occurrence.ts';

/** One event in a briefing (a recurring event appears with today's occurrence times). */
export interface BriefingEvent {
  id: number;
  title: string;
  startAt: Date;
  endAt: Date | null;
  location: string | null;
  /** A whole-day event: shown as "all day", not at its midnight start. */
  allDay: boolean;
}

/** One todo in a briefing. */
export interface BriefingTodo {
  id: number;
  title: string;
  priority: string;
  dueAt: Date | null;
}

/** Everything a briefing says; `empty` means the renderer should send its one short line. */
export interface BriefingData {
  userId: number;
  timeZone: string;
  /** The user's local date (YYYY-MM-DD) the briefing is for. */
  localDate: string;
  events: BriefingEvent[];
  dueToday: BriefingTodo[];
  overdue: BriefingTodo[];
  /** Open high/medium-priority todos not already listed above, most important first (at most 3). */
  priorities: BriefingTodo[];
  empty: boolean;
}

const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, medium: 2, low: 3 };
const rank = (p: string) => PRIORITY_RANK[p] ?? 2;
const LIST_LIMIT = 20;

function toTodo(t: { id: number; title: string; priority: string; dueAt: Date | null }): BriefingTodo {
  return { id: t.id, title: t.title, priority: t.priority, dueAt: t.dueAt };
}

/** Builds the briefing for `userId`'s local day containing `now` in `timeZone`. */
export async function buildBriefing(db: Db, userId: number, now: Date, timeZone: string): Promise<BriefingData> {
  const dayStart = startOfLocalDay(now, timeZone);
  const dayEnd = startOfLocalDay(now, timeZone, 1);
  const personal = { ownerId: userId, spaceId: null };
  const [oneOff, recurring, dueToday, overdue, open] = await Promise.all([
    db.event.findMany({ where: { ...personal, recurrence: null, startAt: { gte: dayStart, lt: dayEnd } }, orderBy: { startAt: 'asc' }, take: LIST_LIMIT }),
    db.event.findMany({ where: { ...personal, recurrence: { not: null }, startAt: { lt: dayEnd } }, take: 200 }),
    db.todo.findMany({ where: { ...personal, status: 'open', dueAt: { gte: dayStart, lt: dayEnd } }, orderBy: { dueAt: 'asc' }, take: LIST_LIMIT }),
    db.todo.findMany({ where: { ...personal, status: 'open', dueAt: { lt: dayStart } }, orderBy: { dueAt: 'asc' }, take: LIST_LIMIT }),
    db.todo.findMany({ where: { ...personal, status: 'open', priority: { in: ['urgent', 'high', 'medium'] } }, orderBy: { id: 'asc' }, take: 200 }),
  ]);
  const events: BriefingEvent[] = oneOff.map((e) => ({ id: e.id, title: e.title, startAt: e.startAt, endAt: e.endAt, location: e.location, allDay: e.allDay }));
  for (const e of recurring) {
    // The rule runs on the wall clock of the event's own zone; the day is the user's.
    const at = nextEventStart(e, eventZone(e, timeZone), new Date(dayStart.getTime() - 1));
    if (!at || at >= dayEnd || at < dayStart) continue;
    events.push({ id: e.id, title: e.title, startAt: at, endAt: occurrenceEnd(e, at), location: e.location, allDay: e.allDay });
  }
  events.sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
  const listed = new Set([...dueToday, ...overdue].map((t) => t.id));
  const priorities = open
    .filter((t) => !listed.has(t.id))
    .sort((a, b) => rank(a.priority) - rank(b.priority) || (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.id - b.id)
    .slice(0, 3)
    .map(toTodo);
  const w = wallTime(now, timeZone);
  const localDate = `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
  const data = { userId, timeZone, localDate, events: events.slice(0, LIST_LIMIT), dueToday: dueToday.map(toTodo), overdue: overdue.map(toTodo), priorities };
  return { ...data, empty: !data.events.length && !data.dueToday.length && !data.overdue.length && !data.priorities.length };
}
