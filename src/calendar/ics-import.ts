import { stripControlChars } from '../core/sanitize-text.ts';
import ICAL from 'ical.js';
import { isValidTimeZone, startOfLocalDay, zonedToUtc } from '../core/zoned-time.ts';
import { isValidRule } from '../recurrence/next-run.ts';
import { rruleToRule } from './rrule.ts';

/** The file is not an iCalendar file ClawChat can read. */
export class IcsFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IcsFormatError';
  }
}

/** One event read from a file, with instants resolved. */
export interface ParsedEvent {
  uid: string | null;
  title: string;
  start: Date;
  end: Date | null;
  location: string | null;
  notes: string | null;
  recurrence: string | null;
  /**
   * The IANA zone the event was written in (its DTSTART TZID), in which its repeat rule runs; the
   * importing user's zone for UTC, floating and all-day times, and for zones known only by the
   * file's own VTIMEZONE.
   */
  timeZone: string;
  /** DTSTART is a DATE (VALUE=DATE): a whole-day event; start/end are midnights in `timeZone`, end exclusive. */
  allDay: boolean;
}

/** Most events one import takes (a bigger file is cut, not refused). */
export const MAX_IMPORT_EVENTS = 2_000;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * Resolves a DATE or DATE-TIME property to an instant: UTC as is; TZID as an IANA zone through our
 * zone maths, else through the file's own VTIMEZONE; floating times and all-day dates in
 * `fallbackZone` (the importing user's zone).
 */
function instantOf(prop: ICAL.Property | null, timezones: Map<string, ICAL.Timezone>, fallbackZone: string, value: unknown = prop?.getFirstValue()): Date | null {
  if (!prop || !(value instanceof ICAL.Time)) return null;
  const tzid = prop.getParameter('tzid');
  const zoneName = typeof tzid === 'string' ? tzid : null;
  if (!value.isDate && value.zone?.tzid === 'UTC') return value.toJSDate();
  if (!value.isDate && zoneName && !isValidTimeZone(zoneName) && timezones.has(zoneName)) {
    const copy = value.clone();
    copy.zone = timezones.get(zoneName)!;
    return copy.toJSDate();
  }
  const zone = zoneName && isValidTimeZone(zoneName) ? zoneName : fallbackZone;
  return zonedToUtc(zone, value.year, value.month, value.day, value.isDate ? 0 : value.hour, value.isDate ? 0 : value.minute, value.isDate ? 0 : value.second);
}

function nextMidnight(start: Date, zone: string): Date {
  return startOfLocalDay(start, zone, 1);
}

/**
 * Reads the VEVENTs of an iCalendar file (ical.js does the RFC 5545 parsing: folding, escaping,
 * parameters). Cancelled events and events without a start are left out; a repeat the scheduler
 * can run becomes our rule (X-CLAWCHAT-RECURRENCE first, then the RRULE).
 */
export function parseIcs(source: string, fallbackZone: string): ParsedEvent[] {
  let root: ICAL.Component;
  try {
    // The shared edge sanitizer: no NUL or control character from a file reaches a title or note.
    root = new ICAL.Component(ICAL.parse(stripControlChars(source)) as unknown[]);
  } catch (error) {
    throw new IcsFormatError(error instanceof Error ? error.message : 'unreadable');
  }
  if (root.name !== 'vcalendar') throw new IcsFormatError(`expected VCALENDAR, found ${root.name.toUpperCase()}`);
  const timezones = new Map<string, ICAL.Timezone>();
  for (const tz of root.getAllSubcomponents('vtimezone')) {
    const id = tz.getFirstPropertyValue('tzid');
    if (typeof id === 'string') timezones.set(id, new ICAL.Timezone(tz));
  }
  const out: ParsedEvent[] = [];
  for (const v of root.getAllSubcomponents('vevent')) {
    if (out.length >= MAX_IMPORT_EVENTS) break;
    if (String(v.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') continue;
    // Single changed occurrences of a series (RECURRENCE-ID) belong to their series.
    if (v.hasProperty('recurrence-id')) continue;
    const start = instantOf(v.getFirstProperty('dtstart'), timezones, fallbackZone);
    if (!start) continue;
    const allDay = (v.getFirstPropertyValue('dtstart') as ICAL.Time).isDate;
    const zoneParam = v.getFirstProperty('dtstart')?.getParameter('tzid');
    const zone = !allDay && typeof zoneParam === 'string' && isValidTimeZone(zoneParam) ? zoneParam : fallbackZone;
    let end = instantOf(v.getFirstProperty('dtend'), timezones, fallbackZone);
    const duration = v.getFirstPropertyValue('duration');
    if (!end && duration instanceof ICAL.Duration) end = new Date(start.getTime() + duration.toSeconds() * 1000);
    if (end && end.getTime() < start.getTime()) end = null;
    // A date with no end is that one day (RFC 5545 3.6.1): the end is the next midnight.
    if (allDay && (!end || end.getTime() <= start.getTime())) end = nextMidnight(start, zone);
    const own = text(v.getFirstPropertyValue('x-clawchat-recurrence'));
    const rrule = v.getFirstPropertyValue('rrule');
    const exceptions = v.getAllProperties('exdate').flatMap((p) => p.getValues().map((x) => instantOf(p, timezones, zone, x))).filter((x): x is Date => x !== null);
    const recurrence = own && isValidRule(own) ? own : rrule instanceof ICAL.Recur ? rruleToRule(rrule.toString(), start, zone, exceptions) : null;
    out.push({
      uid: text(v.getFirstPropertyValue('uid'))?.slice(0, 300) ?? null,
      title: (text(v.getFirstPropertyValue('summary')) ?? '(untitled)').slice(0, 500),
      start, end,
      location: text(v.getFirstPropertyValue('location'))?.slice(0, 200) ?? null,
      notes: text(v.getFirstPropertyValue('description'))?.slice(0, 2_000) ?? null,
      recurrence,
      timeZone: zone,
      allDay,
    });
  }
  return out;
}
