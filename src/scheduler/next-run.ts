/**
 * Next-run maths for recurring reminders, todos, events and briefings: a pure function of
 * (rule, zone, instant), so it is tested without timers and every process computes the same answer.
 *
 * Rules are stored as cron patterns (5 fields, or 6 with seconds). A few friendly forms are accepted
 * and turned into cron so people (and the rule parser) need not write cron:
 *   daily@HH:MM          every day
 *   weekdays@HH:MM       Monday to Friday
 *   weekly@DOW@HH:MM     DOW = 0-6 (0 = Sunday) or sun..sat, comma lists allowed (mon,thu)
 *   monthly@D@HH:MM      D = 1-31 or L (last day); months without that day are skipped
 *
 * Daylight saving (croner 11, checked by test/scheduler/next-run.test.ts): a fixed wall time that a
 * spring-forward skips (02:30 on a 02:00→03:00 day) runs once at the first valid time after the gap
 * (03:00); a time that fall-back repeats runs once, at its first occurrence. We ask croner for
 * `fixedTimeRule: 'no-wildcard'` so lists such as "9:00 and 17:30" (`30 9,17`) get the same treatment;
 * only patterns with a wildcard or step in the time fields (every 30 minutes) are interval jobs, which
 * run on both copies of a repeated hour and skip non-existent ones, as Vixie cron does.
 */
import { Cron } from 'croner';
import { lruCache } from '../core/lru.ts';
import { isValidTimeZone } from '../core/zoned-time.ts';

/** A recurrence as stored on Reminder/Todo/Event.recurrence: a cron pattern or a friendly form. */
export type RecurrenceRule = string;

const DOW_NAMES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

function parseHhMm(text: string): { hour: number; minute: number } | null {
  const m = HHMM.exec(text.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

function parseDows(text: string): string | null {
  const out: number[] = [];
  for (const part of text.toLowerCase().split(',')) {
    const p = part.trim();
    const n = /^[0-6]$/.test(p) ? Number(p) : DOW_NAMES[p.slice(0, 3)];
    if (n === undefined || (p.length > 3 && !/^[a-z]+$/.test(p))) return null;
    if (!out.includes(n)) out.push(n);
  }
  return out.length ? out.sort((a, b) => a - b).join(',') : null;
}

/**
 * Turns a rule into the cron pattern croner runs, or null when it is neither a friendly form nor
 * something that looks like cron. Friendly forms exist so stored rules stay readable in the database.
 */
export function toCronPattern(rule: RecurrenceRule): string | null {
  const r = rule.trim();
  const parts = r.split('@');
  const kind = parts[0]?.toLowerCase();
  if (parts.length > 1) {
    const time = parseHhMm(parts[parts.length - 1] ?? '');
    if (!time) return null;
    const hm = `${time.minute} ${time.hour}`;
    if (kind === 'daily' && parts.length === 2) return `${hm} * * *`;
    if (kind === 'weekdays' && parts.length === 2) return `${hm} * * 1-5`;
    if (kind === 'weekly' && parts.length === 3) {
      const dows = parseDows(parts[1] ?? '');
      return dows ? `${hm} * * ${dows}` : null;
    }
    if (kind === 'monthly' && parts.length === 3) {
      const d = (parts[1] ?? '').trim().toUpperCase();
      if (d === 'L' || (/^\d{1,2}$/.test(d) && Number(d) >= 1 && Number(d) <= 31)) return `${hm} ${d === 'L' ? 'L' : Number(d)} * *`;
      return null;
    }
    return null;
  }
  const fields = r.split(/\s+/);
  return fields.length === 5 || fields.length === 6 ? fields.join(' ') : null;
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
 * True when the rule parses and can ever fire. Tools validate a rule with this before storing it,
 * so the scheduler never meets a rule it cannot run.
 */
export function isValidRule(rule: RecurrenceRule): boolean {
  const pattern = toCronPattern(rule);
  if (!pattern) return false;
  try {
    return cronFor(pattern, 'UTC').nextRun(new Date(0)) !== null;
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

/**
 * The first instant strictly after `after` at which `rule` fires on the wall clock of `timeZone`,
 * or null when the rule is invalid or never fires again. Pure: same inputs, same answer.
 */
export function nextOccurrence(rule: RecurrenceRule, timeZone: string, after: Date): Date | null {
  const pattern = toCronPattern(rule);
  if (!pattern || !isValidTimeZone(timeZone)) return null;
  try {
    return cronFor(pattern, timeZone).nextRun(after);
  } catch {
    return null;
  }
}
