import ICAL from 'ical.js';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { startOfLocalDay, wallTime } from '../core/zoned-time.ts';
import { eventZone } from '../services/event-occurrence.ts';
import type { Event, Todo } from '../generated/prisma/client.ts';
import { ruleExceptions, ruleToRrule } from './rrule.ts';

/** Domain part of the UIDs ClawChat gives its own items. */
export const UID_DOMAIN = 'clawchat';

/** UID of an exported event: the one it was imported with, else ClawChat's own. */
export function eventUid(event: Pick<Event, 'id' | 'icalUid'>): string {
  return event.icalUid ?? `event-${event.id}@${UID_DOMAIN}`;
}

/** What goes into one calendar file. */
export interface CalendarExport {
  /** Calendar name shown by calendar apps (X-WR-CALNAME). */
  name: string;
  /** The zone times are written in (the user's). */
  timeZone: string;
  now: Date;
  events: Event[];
  /** Todos with a due time (others have no place in a calendar). */
  todos: Todo[];
}

const PRIORITY: Record<string, number> = { high: 1, medium: 5, low: 9 };

/** A wall-clock time in `timeZone`, written with TZID so recurrences follow the zone's DST. */
function zoned(component: ICAL.Component, name: string, instant: Date, timeZone: string): void {
  const w = wallTime(instant, timeZone);
  const time = ICAL.Time.fromData({ year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute, second: w.second, isDate: false });
  const prop = component.updatePropertyWithValue(name, time);
  if (timeZone === 'UTC') {
    prop.resetType('date-time');
    prop.setValue(ICAL.Time.fromJSDate(instant, true));
  } else prop.setParameter('tzid', timeZone);
}

/** A DATE value (all-day): the local date of `instant` in `timeZone`. */
function dated(component: ICAL.Component, name: string, instant: Date, timeZone: string): void {
  const w = wallTime(instant, timeZone);
  const prop = component.updatePropertyWithValue(name, ICAL.Time.fromData({ year: w.year, month: w.month, day: w.day, isDate: true }));
  prop.resetType('date');
  prop.setValue(ICAL.Time.fromData({ year: w.year, month: w.month, day: w.day, isDate: true }));
}

/**
 * RRULE (+ one EXDATE per skipped occurrence) and our exact rule. The rule runs in `ruleZone`; times
 * are written in `writeZone` (the same zone, or UTC when no VTIMEZONE is known for it). `fired` is
 * how many occurrences the item used already (its COUNT is what is left), `allDay` writes EXDATEs as dates.
 */
function recurrence(component: ICAL.Component, rule: string | null, ruleZone: string, writeZone: string, fired = 0, allDay = false): void {
  if (!rule) return;
  const rrule = ruleToRrule(rule, ruleZone, fired);
  if (rrule) {
    component.updatePropertyWithValue('rrule', ICAL.Recur.fromString(rrule));
    for (const skipped of ruleExceptions(rule, ruleZone)) {
      const holder = new ICAL.Component('vevent');
      if (allDay) dated(holder, 'exdate', skipped, ruleZone);
      else zoned(holder, 'exdate', skipped, writeZone);
      component.addProperty(holder.getFirstProperty('exdate')!);
    }
  }
  // The exact rule, for a ClawChat import (and for rules with no RRULE equivalent).
  component.updatePropertyWithValue('x-clawchat-recurrence', rule);
}

/** The VTIMEZONE definition of an IANA zone (from the zone database snapshot the library ships). */
function vtimezone(timeZone: string): ICAL.Component | null {
  const block = tzlib_get_ical_block(timeZone);
  const text = Array.isArray(block) ? block[0] : undefined;
  return text && text.startsWith('BEGIN:VTIMEZONE') ? new ICAL.Component(ICAL.parse(text) as unknown[]) : null;
}

/**
 * An RFC 5545 calendar: VEVENTs for events, VTODOs (with DUE) for dated todos, RRULEs for repeating
 * items. An event is written in its own zone (TZID + that zone's VTIMEZONE), so a repeating one keeps
 * the wall clock it was defined on ("Mondays 14:00 Europe/London"); an all-day event is a DATE with
 * an exclusive DTEND. Todos are in the user's zone. UIDs are stable, so importing the file again
 * anywhere recognises what is already there.
 */
export function buildIcs(input: CalendarExport): string {
  const cal = new ICAL.Component(['vcalendar', [], []]);
  cal.updatePropertyWithValue('prodid', '-//ClawChat//ClawChat//EN');
  cal.updatePropertyWithValue('version', '2.0');
  cal.updatePropertyWithValue('calscale', 'GREGORIAN');
  cal.updatePropertyWithValue('x-wr-calname', input.name);
  cal.updatePropertyWithValue('x-wr-timezone', input.timeZone);
  const zones = new Map<string, ICAL.Component | null>();
  /** `wanted` if the zone library has it (its VTIMEZONE is added once), else UTC, still exact. */
  const usable = (wanted: string): string => {
    if (wanted === 'UTC') return wanted;
    if (!zones.has(wanted)) zones.set(wanted, vtimezone(wanted));
    return zones.get(wanted) ? wanted : 'UTC';
  };
  const zone = usable(input.timeZone);
  const stamp = ICAL.Time.fromJSDate(input.now, true);
  const components: ICAL.Component[] = [];
  for (const e of input.events) {
    const v = new ICAL.Component('vevent');
    v.updatePropertyWithValue('uid', eventUid(e));
    v.updatePropertyWithValue('dtstamp', stamp);
    v.updatePropertyWithValue('summary', e.title);
    const own = eventZone(e, input.timeZone);
    if (e.allDay) {
      dated(v, 'dtstart', e.startAt, own);
      dated(v, 'dtend', e.endAt && e.endAt > e.startAt ? e.endAt : startOfLocalDay(e.startAt, own, 1), own);
    } else {
      const eventTz = usable(own);
      zoned(v, 'dtstart', e.startAt, eventTz);
      if (e.endAt) zoned(v, 'dtend', e.endAt, eventTz);
    }
    if (e.location) v.updatePropertyWithValue('location', e.location);
    if (e.notes) v.updatePropertyWithValue('description', e.notes);
    recurrence(v, e.recurrence, own, e.allDay ? own : usable(own), 0, e.allDay);
    components.push(v);
  }
  for (const t of input.todos) {
    if (!t.dueAt) continue;
    const v = new ICAL.Component('vtodo');
    v.updatePropertyWithValue('uid', `todo-${t.id}@${UID_DOMAIN}`);
    v.updatePropertyWithValue('dtstamp', stamp);
    v.updatePropertyWithValue('summary', t.title);
    zoned(v, 'due', t.dueAt, zone);
    v.updatePropertyWithValue('status', t.status === 'done' ? 'COMPLETED' : 'NEEDS-ACTION');
    if (t.completedAt) v.updatePropertyWithValue('completed', ICAL.Time.fromJSDate(t.completedAt, true));
    v.updatePropertyWithValue('priority', PRIORITY[t.priority] ?? 5);
    v.updatePropertyWithValue('categories', t.category);
    if (t.notes) v.updatePropertyWithValue('description', t.notes);
    recurrence(v, t.recurrence, input.timeZone, zone, t.repeatCount);
    components.push(v);
  }
  for (const tz of zones.values()) if (tz) cal.addSubcomponent(tz);
  for (const c of components) cal.addSubcomponent(c);
  return cal.toString() + '\r\n';
}
