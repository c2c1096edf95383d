/**
 * Our repeat rules (scheduler rules: daily@09:00, weekdays@…, weekly@mon,thu@…, monthly@D@…, or
 * cron) and iCalendar RRULEs, in both directions, for the shapes calendars and people actually use.
 * Anything else has no RRULE: the export then carries the raw rule in X-CLAWCHAT-RECURRENCE so a
 * ClawChat import still gets it back exactly.
 */
import { wallTime } from '../core/zoned-time.ts';
import { isValidRule, toCronPattern } from '../scheduler/next-run.ts';

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const DOW_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function expandDows(field: string): number[] | null {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const range = /^(\d)(?:-(\d))?$/.exec(part);
    if (!range) return null;
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (from > to || to > 7) return null;
    for (let d = from; d <= to; d++) out.add(d % 7);
  }
  return [...out].sort((a, b) => a - b);
}

/** The RRULE value ("FREQ=WEEKLY;BYDAY=MO,TH") for a rule, or null when it has no simple equivalent. */
export function ruleToRrule(rule: string): string | null {
  const cron = toCronPattern(rule);
  if (!cron) return null;
  const fields = cron.split(' ');
  const [minute, hour, dom, month, dow] = fields.length === 6 ? fields.slice(1) : fields;
  if (!/^\d+$/.test(minute ?? '') || !/^\d+$/.test(hour ?? '') || month !== '*') return null;
  if (dom === '*' && dow === '*') return 'FREQ=DAILY';
  if (dom === '*' && dow) {
    const days = expandDows(dow);
    return days?.length ? `FREQ=WEEKLY;BYDAY=${days.map((d) => DAYS[d]).join(',')}` : null;
  }
  if (dow === '*' && dom === 'L') return 'FREQ=MONTHLY;BYMONTHDAY=-1';
  if (dow === '*' && /^\d{1,2}$/.test(dom ?? '')) return `FREQ=MONTHLY;BYMONTHDAY=${Number(dom)}`;
  return null;
}

/**
 * Our rule for an RRULE whose occurrences start at `start` (seen in `timeZone`), or null for what
 * the scheduler cannot repeat faithfully (INTERVAL > 1, COUNT, UNTIL, yearly, several times a day).
 */
export function rruleToRule(rrule: string, start: Date, timeZone: string): string | null {
  const parts = new Map(rrule.toUpperCase().split(';').map((p) => p.split('=') as [string, string]));
  if (parts.has('COUNT') || parts.has('UNTIL') || (parts.get('INTERVAL') ?? '1') !== '1') return null;
  for (const key of parts.keys()) if (!['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'WKST'].includes(key)) return null;
  const w = wallTime(start, timeZone);
  const hhmm = `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  const freq = parts.get('FREQ');
  let rule: string | null = null;
  if (freq === 'DAILY' && !parts.has('BYDAY') && !parts.has('BYMONTHDAY')) rule = `daily@${hhmm}`;
  if (freq === 'WEEKLY' && !parts.has('BYMONTHDAY')) {
    const days = (parts.get('BYDAY') ?? DAYS[w.weekday]!).split(',').map((d) => DAYS.indexOf(d as (typeof DAYS)[number]));
    if (days.some((d) => d < 0)) return null;
    const sorted = [...new Set(days)].sort((a, b) => a - b);
    rule = sorted.join(',') === '1,2,3,4,5' ? `weekdays@${hhmm}` : `weekly@${sorted.map((d) => DOW_NAMES[d]).join(',')}@${hhmm}`;
  }
  if (freq === 'MONTHLY' && !parts.has('BYDAY')) {
    const day = parts.get('BYMONTHDAY') ?? String(w.day);
    if (day === '-1') rule = `monthly@L@${hhmm}`;
    else if (/^\d{1,2}$/.test(day) && Number(day) >= 1 && Number(day) <= 31) rule = `monthly@${Number(day)}@${hhmm}`;
  }
  return rule && isValidRule(rule) ? rule : null;
}
