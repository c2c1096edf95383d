/**
 * Next-run maths for recurring reminders, todos, events and briefings: a pure function of
 * (rule, zone, instant), so it is tested without timers and every process computes the same answer.
 *
 * Rules (grammar in rule-grammar.ts) are a base — a cron pattern (5 fields, or 6 with seconds) or a
 * friendly form that turns into cron so people (and the rule parser) need not write cron:
 *   daily@HH:MM          every day
 *   weekdays@HH:MM       Monday to Friday
 *   weekly@DOW@HH:MM     DOW = 0-6 (0 = Sunday) or sun..sat, comma lists allowed (mon,thu)
 *   monthly@D@HH:MM      D = 1-31 or L (last day); months without that day are skipped
 *   monthly@NDOW@HH:MM   the N-th (1-4) or last (L) weekday of the month: monthly@1mon, monthly@Lfri
 * — and options after ';' (every=N;from=DATE, until=DATE, count=N, skip=WALL,…) that filter the
 * base's stream of occurrences. Croner does all wall-clock and DST work; the options only pick among
 * the instants it yields, so each new rule keeps the DST behaviour below.
 *
 * Daylight saving (croner 11, checked by test/recurrence/next-run.test.ts): a fixed wall time that a
 * spring-forward skips (02:30 on a 02:00→03:00 day) runs once at the first valid time after the gap
 * (03:00); a time that fall-back repeats runs once, at its first occurrence. We ask croner for
 * `fixedTimeRule: 'no-wildcard'` so lists such as "9:00 and 17:30" (`30 9,17`) get the same treatment;
 * only patterns with a wildcard or step in the time fields (every 30 minutes) are interval jobs, which
 * run on both copies of a repeated hour and skip non-existent ones, as Vixie cron does.
 */
import { Cron } from 'croner';
import { lruCache } from '../core/lru.ts';
import { isValidTimeZone, wallTime, zonedToUtc } from '../core/zoned-time.ts';
import { formatRule, parseRule, wallKey, dateKey, type ParsedRule } from './rule-grammar.ts';

/** A recurrence as stored on Reminder/Todo/Event.recurrence: a cron pattern or a friendly form, plus options. */
export type RecurrenceRule = string;

/** Most base occurrences looked at for one answer; far above what every=366 on a weekly base needs. */
const MAX_STEPS = 20_000;

/**
 * The cron pattern croner runs for a rule's base, or null when the rule is malformed. Friendly forms
 * exist so stored rules stay readable in the database.
 */
export function toCronPattern(rule: RecurrenceRule): string | null {
  return parseRule(rule)?.cron ?? null;
}

/** Builds the friendly daily rule a briefing time ('08:00') stands for. */
export function dailyRule(hhmm: string): RecurrenceRule {
  return `daily@${hhmm}`;
}

const cronCache = lruCache<string, Cron>({ max: 5_000 });
function cronFor(pattern: string, timeZone: string): Cron {
  const key = `${timeZone}|${pattern}`;
  let c = cronCache.get(key);
  if (!c) {
    c = new Cron(pattern, { timezone: timeZone, paused: true, mode: '5-or-6-parts', fixedTimeRule: 'no-wildcard' });
    cronCache.set(key, c);
  }
  return c;
}

/**
 * True when the rule parses and its base can ever fire. Tools validate a rule with this before
 * storing it, so the scheduler never meets a rule it cannot run.
 */
export function isValidRule(rule: RecurrenceRule): boolean {
  const parsed = parseRule(rule);
  if (!parsed) return false;
  try {
    return cronFor(parsed.cron, 'UTC').nextRun(new Date(0)) !== null;
  } catch {
    return false;
  }
}

/**
 * True when a valid rule can fire more than once in a minute: a 6-field cron pattern whose seconds
 * field is anything but one number ("* * * * * *", a step of 10 seconds, "0,30 * * * * *"). Tools
 * refuse such rules (a reminder every second floods the person); the friendly forms and 5-field
 * patterns fire at most once a minute.
 */
export function firesMoreThanOncePerMinute(rule: RecurrenceRule): boolean {
  const pattern = toCronPattern(rule);
  if (!pattern) return false;
  const fields = pattern.split(' ');
  return fields.length === 6 && !/^\d{1,2}$/.test(fields[0]!);
}

/** Days since 1970-01-01 of a local calendar date (a date has no zone). */
function dayNumber(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function dateParts(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}

/** Which every=N period a local date falls in, counted from the period holding `from` (0). */
function periodIndex(p: ParsedRule, y: number, m: number, d: number): number {
  const [fy, fm, fd] = dateParts(p.from!);
  if (p.period === 'day') return dayNumber(y, m, d) - dayNumber(fy, fm, fd);
  if (p.period === 'month') return (y * 12 + m) - (fy * 12 + fm);
  // Weeks start on Monday (iCalendar's default WKST); 1970-01-01 was a Thursday.
  const week = (n: number) => Math.floor((n + 3) / 7);
  return week(dayNumber(y, m, d)) - week(dayNumber(fy, fm, fd));
}

/** The first local date of the next period of the every=N grid after period `index`. */
function nextPeriodStart(p: ParsedRule, index: number): [number, number, number] {
  const ahead = index < 0 ? -index : p.every - (index % p.every);
  const [fy, fm, fd] = dateParts(p.from!);
  const target = index + ahead;
  if (p.period === 'month') return [fy, fm + target, 1];
  if (p.period === 'day') return [fy, fm, fd + target];
  const monday = fd - ((new Date(Date.UTC(fy, fm - 1, fd)).getUTCDay() + 6) % 7);
  return [fy, fm, monday + target * 7];
}

/** The instant just before local midnight starting (y, m, d), so croner's "strictly after" includes that day. */
function justBefore(timeZone: string, y: number, m: number, d: number): Date {
  return new Date(zonedToUtc(timeZone, y, m, d).getTime() - 1);
}

/**
 * The first instant strictly after `after` at which `rule` fires on the wall clock of `timeZone`,
 * or null when the rule is invalid or never fires again (past until=, or count= used up). `fired`
 * is how many occurrences the item already used (its repeatCount column): the scheduler persists it,
 * so a count= rule ends after exactly N deliveries whatever the downtime. Pure: same inputs, same answer.
 */
export function nextOccurrence(rule: RecurrenceRule, timeZone: string, after: Date, fired = 0): Date | null {
  const p = parseRule(rule);
  if (!p || !isValidTimeZone(timeZone)) return null;
  if (p.count !== null && fired >= p.count) return null;
  let cron: Cron;
  try {
    cron = cronFor(p.cron, timeZone);
  } catch {
    return null;
  }
  let cursor = after;
  if (p.from) {
    const start = justBefore(timeZone, ...dateParts(p.from));
    if (start > cursor) cursor = start;
  }
  for (let step = 0; step < MAX_STEPS; step++) {
    let next: Date | null;
    try {
      next = cron.nextRun(cursor);
    } catch {
      return null;
    }
    if (!next) return null;
    const w = wallTime(next, timeZone);
    if (p.until && dateKey(w) > p.until) return null;
    if (p.every > 1) {
      const index = periodIndex(p, w.year, w.month, w.day);
      if (index < 0 || index % p.every !== 0) {
        cursor = justBefore(timeZone, ...nextPeriodStart(p, index));
        continue;
      }
    }
    cursor = next;
    if (p.skips.length && (p.skips.includes(wallKey(w)) || (p.nominal !== null && p.skips.includes(`${dateKey(w)}T${p.nominal}`)))) continue;
    return next;
  }
  return null;
}

/**
 * The rule with the occurrence at `occurrence` excepted (an EXDATE), keeping only exceptions still
 * ahead of `now` so a long-lived series does not grow its text forever. Null for a malformed rule.
 */
export function withSkip(rule: RecurrenceRule, occurrence: Date, timeZone: string, now: Date): RecurrenceRule | null {
  const p = parseRule(rule);
  if (!p) return null;
  const today = wallKey(wallTime(now, timeZone));
  const skips = [...p.skips.filter((s) => s >= today), wallKey(wallTime(occurrence, timeZone))];
  return formatRule({ ...p, skips });
}

/** What skipping one occurrence leaves: the rule with it excepted, and the occurrence after it. */
export interface SkippedOccurrence {
  rule: RecurrenceRule;
  /** The next occurrence that still fires, or null when the skipped one was the last. */
  next: Date | null;
}

/**
 * Skips the occurrence at `occurrence` of a series that has used `fired` occurrences: it is recorded
 * in the rule (skip=, so a restart or a re-plan never brings it back) and the next one is computed
 * after max(occurrence, now). A skipped occurrence does not count towards count=. Null for a malformed rule.
 */
export function skipOccurrence(rule: RecurrenceRule, occurrence: Date, timeZone: string, now: Date, fired = 0): SkippedOccurrence | null {
  const skipped = withSkip(rule, occurrence, timeZone, now);
  if (!skipped) return null;
  return { rule: skipped, next: nextOccurrence(skipped, timeZone, occurrence > now ? occurrence : now, fired) };
}
