import type { ChangeHooks } from '../core/change-hooks.ts';
import type { ReplyFile } from '../core/reply.ts';
import { wallTime } from '../core/zoned-time.ts';
import type { Db } from '../db/database.ts';
import type { Language } from '../i18n/index.ts';
import type { Services } from '../services/index.ts';
import { scopeWhere, type ServiceContext } from '../services/scope.ts';
import { buildIcs, UID_DOMAIN } from './ics-export.ts';
import { parseIcs } from './ics-import.ts';
import { openTodosMarkdown } from './todo-markdown.ts';

/** What an export produced. */
export interface ExportResult {
  files: ReplyFile[];
  events: number;
  datedTodos: number;
  openTodos: number;
}

/** What an import did. */
export interface ImportResult {
  added: number;
  skipped: number;
}

/**
 * /export and /import over the current scope (the person's own items in a DM, the group's in a
 * group): the calendar file and open-todo checklist out, events from an .ics file in. Imports go
 * through the event service (scope check, undo log) and re-plan reminders; an event is skipped
 * when the scope already has its UID (imported before, or exported from here) or, without a UID,
 * the same title at the same start.
 */
export class CalendarExchange {
  constructor(private readonly deps: { db: Db; services: Services; hooks: ChangeHooks }) {}

  /** Builds the files for the scope of `svc`. `name` titles the calendar ("Ali", "Family"). */
  async export(svc: ServiceContext, lang: Language, name: string): Promise<ExportResult> {
    const where = scopeWhere(svc.scope);
    const [events, datedTodos, openTodos] = await Promise.all([
      this.deps.db.event.findMany({ where, orderBy: [{ startAt: 'asc' }, { id: 'asc' }] }),
      this.deps.db.todo.findMany({ where: { ...where, dueAt: { not: null } }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] }),
      this.deps.db.todo.findMany({ where: { ...where, status: 'open' }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] }),
    ]);
    const w = wallTime(svc.now, svc.timeZone);
    const day = `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
    const ics = buildIcs({ name: `ClawChat — ${name}`, timeZone: svc.timeZone, now: svc.now, events, todos: datedTodos });
    const md = openTodosMarkdown({ title: `Open todos — ${name}`, todos: openTodos, lang, timeZone: svc.timeZone, now: svc.now });
    return {
      files: [
        { name: `clawchat-calendar-${day}.ics`, mimeType: 'text/calendar', content: ics },
        { name: `clawchat-todos-${day}.md`, mimeType: 'text/markdown', content: md },
      ],
      events: events.length, datedTodos: datedTodos.length, openTodos: openTodos.length,
    };
  }

  /** Adds the file's events to the scope of `svc`, skipping ones already there. Throws IcsFormatError. */
  async import(svc: ServiceContext, source: string): Promise<ImportResult> {
    const parsed = parseIcs(source, svc.timeZone);
    const existing = await this.deps.db.event.findMany({ where: scopeWhere(svc.scope), select: { id: true, icalUid: true, title: true, startAt: true } });
    const uids = new Set(existing.flatMap((e) => [e.icalUid, `event-${e.id}@${UID_DOMAIN}`]).filter((u): u is string => Boolean(u)));
    const titled = new Set(existing.map((e) => `${e.title.toLowerCase()}|${e.startAt.getTime()}`));
    let added = 0;
    let skipped = 0;
    for (const p of parsed) {
      const key = `${p.title.toLowerCase()}|${p.start.getTime()}`;
      if (p.uid ? uids.has(p.uid) : titled.has(key)) {
        skipped++;
        continue;
      }
      const event = await this.deps.services.events.create(svc, {
        title: p.title, start: p.start, end: p.end ?? undefined, location: p.location ?? undefined, notes: p.notes ?? undefined,
        recurrence: p.recurrence ?? undefined, icalUid: p.uid ?? undefined, timeZone: p.timeZone, allDay: p.allDay,
      });
      await this.deps.hooks.eventChanged(event.id);
      if (p.uid) uids.add(p.uid);
      titled.add(key);
      added++;
    }
    return { added, skipped };
  }
}
