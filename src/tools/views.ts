import type { ItemView } from '../core/reply.ts';
import { formatDate, formatDateTime, t, type Language } from '../i18n/index.ts';
import type { ServiceContext } from '../services/scope.ts';

interface TodoLike {
  id: number; title: string; status: string; priority: string; category: string; dueAt: Date | null;
  createdBy?: { displayName: string } | null; completedBy?: { displayName: string } | null;
}
interface EventLike { id: number; title: string; startAt: Date; endAt: Date | null; location: string | null; allDay?: boolean; timeZone?: string | null }
interface MemoLike { id: number; title: string | null; content: string }
interface ReminderLike { id: number; text: string; at: Date }

/** A todo as a card line: due date, priority and, in shared lists, who added and completed it. */
export function todoView(todo: TodoLike, lang: Language, svc: ServiceContext, position?: number): ItemView {
  const details: string[] = [];
  if (todo.dueAt) {
    const due = t(lang, 'due', { when: formatDateTime(lang, todo.dueAt, svc.timeZone, svc.now) });
    details.push(todo.status === 'open' && todo.dueAt < svc.now ? `${due} · ${t(lang, 'overdueMark')}` : due);
  }
  if (todo.priority !== 'medium') details.push(t(lang, `priority_${todo.priority}` as 'priority_low'));
  if (todo.category !== 'other') details.push(t(lang, `category_${todo.category}` as 'category_work'));
  if (svc.scope.kind === 'space') {
    if (todo.createdBy) details.push(t(lang, 'addedBy', { name: todo.createdBy.displayName }));
    if (todo.completedBy && todo.status === 'done') details.push(t(lang, 'completedBy', { name: todo.completedBy.displayName }));
  }
  return { kind: 'todo', id: todo.id, position, title: todo.title, details, done: todo.status === 'done' };
}

/**
 * An event as a card line: start (and end), place. An all-day event shows its date(s) in its own
 * zone and "all day" (a date is the same date wherever it is read; its midnight is not a time).
 */
export function eventView(event: EventLike, lang: Language, svc: ServiceContext, position?: number): ItemView {
  const when = event.allDay ? allDayWhen(event, lang, svc) : formatDateTime(lang, event.startAt, svc.timeZone, svc.now)
    + (event.endAt ? ` – ${formatDateTime(lang, event.endAt, svc.timeZone, svc.now)}` : '');
  const details = [when];
  if (event.location) details.push(t(lang, 'at', { place: event.location }));
  return { kind: 'event', id: event.id, position, title: event.title, details };
}

function allDayWhen(event: EventLike, lang: Language, svc: ServiceContext): string {
  const zone = event.timeZone || svc.timeZone;
  const first = formatDate(lang, event.startAt, zone);
  // The end is exclusive (midnight after the last day): the last day starts a moment before it.
  const last = event.endAt ? formatDate(lang, new Date(event.endAt.getTime() - 1), zone) : first;
  return `${first}${last !== first ? ` – ${last}` : ''} · ${t(lang, 'allDay')}`;
}

/** A memo as a card line: its title (or first words) and a short preview. */
export function memoView(memo: MemoLike, position?: number): ItemView {
  const title = memo.title ?? firstWords(memo.content, 60);
  const details = memo.title || memo.content.length > 60 ? [firstWords(memo.content, 200)] : [];
  return { kind: 'memo', id: memo.id, position, title, details };
}

/** A reminder as a card line. */
export function reminderView(reminder: ReminderLike, lang: Language, svc: ServiceContext, position?: number): ItemView {
  return { kind: 'reminder', id: reminder.id, position, title: reminder.text, details: [formatDateTime(lang, reminder.at, svc.timeZone, svc.now)] };
}

/** Cuts text at a word boundary near `max` characters. */
export function firstWords(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
