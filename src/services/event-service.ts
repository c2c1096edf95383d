import { UserFacingError } from '../core/errors.ts';
import type { Db } from '../db/database.ts';
import type { Event } from '../generated/prisma/client.ts';
import { logChange, logCreate } from './change-log.ts';
import { createItem } from './create-item.ts';
import { eventRange, type EventRange } from './event-range.ts';
import { eventZone, nextEventStart, occurrenceEnd } from './event-occurrence.ts';
import { NotFoundError, rethrowMissing } from './errors.ts';
import { rankAndPreferExact } from './fts-query.ts';
import { bestBySound, SOUND_ALIKE_POOL } from './fuzzy-title-match.ts';
import { ScopeAccess, assertMayDelete, assertMayEdit } from './scope-access.ts';
import { scopeData, scopeWhere, type ServiceContext } from './scope.ts';
import type { ItemPlanning } from './item-planning.ts';
import { SearchService } from './search-service.ts';
import type { Changed } from './todo-service.ts';

export type { EventRange } from './event-range.ts';

/** A new calendar event. */
export interface NewEvent {
  title: string;
  start: Date;
  end?: Date;
  location?: string;
  notes?: string;
  reminderLeadMinutes?: number;
  recurrence?: string;
  /** UID of the iCalendar event it came from (/import), so a second import skips it. */
  icalUid?: string;
  /** IANA zone its repeat rule and date are read in; default: the creator's zone (`ctx.timeZone`). */
  timeZone?: string;
  /** A whole-day event: `start` is local midnight of its first day in `timeZone`, `end` the midnight after its last. */
  allDay?: boolean;
}

/** Fields to change; `null` clears, `undefined` leaves alone. */
export interface EventPatch {
  title?: string;
  start?: Date;
  end?: Date | null;
  location?: string | null;
  notes?: string | null;
  reminderLeadMinutes?: number | null;
  recurrence?: string | null;
}

/** Which events to list: a named range, or explicit bounds (which win over the range). */
export interface EventListOptions {
  range?: EventRange;
  from?: Date;
  to?: Date;
  limit?: number;
}

function assertOrder(start: Date, end: Date | null | undefined): void {
  if (end && end.getTime() < start.getTime()) throw new UserFacingError('eventEndBeforeStart');
}

/**
 * Calendar events in a scope. Same guarantees as todos: scoped reads, NotFoundError for foreign
 * ids, ChangeLog row in the same transaction as every write.
 */
export class EventService {
  private readonly search: SearchService;

  constructor(private readonly db: Db, private readonly access: ScopeAccess = new ScopeAccess(db), private readonly planning?: ItemPlanning) {
    this.search = new SearchService(db, access);
  }

  /** True when create() plans the reminder itself (in its transaction); callers then need not. */
  get plansReminders(): boolean {
    return this.planning !== undefined;
  }

  /** Adds an event, with its reminder in the same transaction; refuses an end before its start ('eventEndBeforeStart'). */
  async create(ctx: ServiceContext, input: NewEvent): Promise<Event> {
    assertOrder(input.start, input.end);
    await this.access.assert(ctx, 'event');
    const planning = this.planning;
    return createItem(this.db, ctx.now, {
      insert: (tx) => tx.event.create({
        data: {
          title: input.title.trim(),
          startAt: input.start,
          endAt: input.end ?? null,
          location: input.location ?? null,
          notes: input.notes ?? null,
          reminderLeadMinutes: input.reminderLeadMinutes ?? null,
          recurrence: input.recurrence ?? null,
          icalUid: input.icalUid ?? null,
          timeZone: input.timeZone ?? ctx.timeZone,
          allDay: input.allDay ?? false,
          createdById: ctx.userId,
          ...scopeData(ctx.scope),
        },
      }),
      log: (tx) => logCreate(tx, ctx.userId, 'event', ctx.now),
      plan: planning && ((id, tx) => planning.planEvent(id, tx)),
      idOf: (e) => e.id,
    });
  }

  /**
   * Events overlapping the window, by start: those starting inside it plus any still running at
   * its beginning (a conference that started yesterday shows today). A repeating event shows once,
   * at its first occurrence in the window (computed in the event's own zone), with that
   * occurrence's start and end. Default: the next 30 days.
   */
  async list(ctx: ServiceContext, options: EventListOptions = {}): Promise<Event[]> {
    await this.access.assert(ctx, 'event');
    const named = eventRange(options.range, ctx.now, ctx.timeZone);
    const from = options.from ?? named.from;
    const to = options.to ?? named.to;
    const take = Math.max(1, Math.min(options.limit ?? 50, 200));
    const [oneOff, series] = await Promise.all([
      this.db.event.findMany({
        where: {
          ...scopeWhere(ctx.scope),
          OR: [
            { startAt: { gte: from, lt: to } },
            { startAt: { lt: from }, endAt: { gt: from }, recurrence: null },
          ],
        },
        orderBy: [{ startAt: 'asc' }, { id: 'asc' }],
        take,
      }),
      this.db.event.findMany({ where: { ...scopeWhere(ctx.scope), recurrence: { not: null }, startAt: { lt: from } }, take: 500 }),
    ]);
    const repeats = series.flatMap((e) => {
      const at = nextEventStart(e, eventZone(e, ctx.timeZone), new Date(from.getTime() - 1));
      return at && at < to ? [{ ...e, startAt: at, endAt: occurrenceEnd(e, at) }] : [];
    });
    return [...oneOff, ...repeats]
      .sort((a, b) => a.startAt.getTime() - b.startAt.getTime() || a.id - b.id)
      .slice(0, take);
  }

  /** One event of the scope, or NotFoundError. */
  async get(ctx: ServiceContext, id: number): Promise<Event> {
    await this.access.assert(ctx, 'event');
    const event = await this.db.event.findFirst({ where: { id, ...scopeWhere(ctx.scope) } });
    if (!event) throw new NotFoundError('event');
    return event;
  }

  /**
   * Events whose title has all the words (as word prefixes), best first; an exact title wins alone.
   * When none has, the newest events whose titles sound like the words (another script or spelling).
   */
  async findByWords(ctx: ServiceContext, words: string | readonly string[]): Promise<Event[]> {
    await this.access.assert(ctx, 'event');
    const ids = await this.search.idsByWords(ctx.scope, 'event', words, ['title']);
    if (ids.length === 0) {
      const pool = await this.db.event.findMany({ where: scopeWhere(ctx.scope), orderBy: { id: 'desc' }, take: SOUND_ALIKE_POOL });
      return bestBySound(words, pool, (e) => [e.title]);
    }
    const rows = await this.db.event.findMany({ where: { id: { in: ids }, ...scopeWhere(ctx.scope) } });
    return rankAndPreferExact(rows, ids, words, (e) => [e.title]);
  }

  /**
   * Edits an event, keeping end >= start against the merged values. A new repeat rule moves a
   * timed event to the editor's zone (the rule's times are theirs); its own zone is kept otherwise.
   */
  async update(ctx: ServiceContext, id: number, patch: EventPatch): Promise<Changed<Event>> {
    const before = await this.get(ctx, id);
    const data: Partial<Event> = {};
    if (patch.title !== undefined) data.title = patch.title.trim();
    if (patch.start !== undefined) data.startAt = patch.start;
    if (patch.end !== undefined) data.endAt = patch.end;
    if (patch.location !== undefined) data.location = patch.location;
    if (patch.notes !== undefined) data.notes = patch.notes;
    if (patch.reminderLeadMinutes !== undefined) data.reminderLeadMinutes = patch.reminderLeadMinutes;
    if (patch.recurrence !== undefined) {
      data.recurrence = patch.recurrence;
      // A rule given now was said on the editor's clock: the series runs in their zone from here on.
      if (patch.recurrence !== null && !before.allDay) data.timeZone = ctx.timeZone;
    }
    if (Object.keys(data).length === 0) return { before, after: before };
    assertMayEdit(ctx, before.createdById);
    assertOrder(data.startAt ?? before.startAt, data.endAt !== undefined ? data.endAt : before.endAt);
    const [after] = await this.db
      .$transaction([
        this.db.event.update({ where: { id, ...scopeWhere(ctx.scope) }, data }),
        logChange(this.db, ctx.userId, 'event', id, 'update', before, ctx.now),
      ])
      .catch(rethrowMissing('event'));
    return { before, after };
  }

  /** Deletes an event (shared ones: creator or chat admin only) and returns the deleted row. */
  async delete(ctx: ServiceContext, id: number): Promise<Event> {
    const before = await this.get(ctx, id);
    assertMayDelete(ctx, before.createdById);
    await this.db
      .$transaction([
        this.db.event.delete({ where: { id, ...scopeWhere(ctx.scope) }, select: { id: true } }),
        logChange(this.db, ctx.userId, 'event', id, 'delete', before, ctx.now),
      ])
      .catch(rethrowMissing('event'));
    return before;
  }
}
