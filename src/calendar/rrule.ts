/**
 * Our repeat rules (scheduler rules: daily@09:00, weekdays@…, weekly@mon,thu@…, monthly@D@…,
 * monthly@1mon@…, or cron, with every=/from=/until=/count=/skip= options) and iCalendar RRULEs +
 * EXDATEs, in both directions, for the shapes calendars and people actually use. Anything else has
 * no RRULE: the export then carries the raw rule in X-CLAWCHAT-RECURRENCE so a ClawChat import
 * still gets it back exactly.
 */
import { wallTime, zonedToUtc } from '../core/zoned-time.ts';
import { isValidRule, nextOccurrence } from '../recurrence/next-run.ts';
import { dateKey, formatRule, MAX_COUNT, MAX_EVERY, parseRule, wallKey } from '../recurrence/rule-grammar.ts';

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const DOW_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/** Most EXDATEs an import keeps (the newest), the rule grammar's own limit. */
const MAX_IMPORTED_SKIPS = 50;

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

/** FREQ and BY* parts for a base cron pattern, or null when it has no simple equivalent. */
function baseToRrule(cron: string): string | null {
  const fields = cron.split(' ');
  const [minute, hour, dom, month, dow] = fields.length === 6 ? fields.slice(1) : fields;
  if (!/^\d+$/.test(minute ?? '') || !/^\d+$/.test(hour ?? '') || month !== '*') return null;
  if (dom === '*' && dow === '*') return 'FREQ=DAILY';
  const nth = dom === '*' ? /^([0-6])#([1-4]|L)$/.exec(dow ?? '') : null;
  if (nth) return `FREQ=MONTHLY;BYDAY=${nth[2] === 'L' ? '-1' : nth[2]}${DAYS[Number(nth[1])]}`;
  if (dom === '*' && dow) {
    const days = expandDows(dow);
    return days?.length ? `FREQ=WEEKLY;BYDAY=${days.map((d) => DAYS[d]).join(',')}` : null;
  }
  if (dow === '*' && dom === 'L') return 'FREQ=MONTHLY;BYMONTHDAY=-1';
  if (dow === '*' && /^\d{1,2}$/.test(dom ?? '')) return `FREQ=MONTHLY;BYMONTHDAY=${Number(dom)}`;
  return null;
}

/** An instant as an RRULE UTC date-time (20261231T235959Z). */
function utcStamp(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * The RRULE value ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO") for a rule, or null when it has no simple
 * equivalent. UNTIL is the end of the until= day in `timeZone`, as UTC (RFC 5545 wants UTC when
 * DTSTART carries a TZID). COUNT is what is left after `fired` occurrences, because the exported
 * DTSTART/DUE is the item's next occurrence, not the first one.
 */
export function ruleToRrule(rule: string, timeZone = 'UTC', fired = 0): string | null {
  const p = parseRule(rule);
  if (!p) return null;
  const base = baseToRrule(p.cron);
  if (!base) return null;
  const parts = [base];
  if (p.every > 1) parts.push(`INTERVAL=${p.every}`);
  if (p.until) {
    const [y, m, d] = p.until.split('-').map(Number) as [number, number, number];
    parts.push(`UNTIL=${utcStamp(new Date(zonedToUtc(timeZone, y, m, d + 1).getTime() - 1000))}`);
  }
  if (p.count !== null) parts.push(`COUNT=${Math.max(1, p.count - fired)}`);
  return parts.join(';');
}

/** The skipped occurrences of a rule as instants in `timeZone`, for EXDATE. */
export function ruleExceptions(rule: string, timeZone: string): Date[] {
  const p = parseRule(rule);
  if (!p) return [];
  return p.skips.map((s) => {
    const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
    return zonedToUtc(timeZone, y, m, d, Number(s.slice(11, 13)), Number(s.slice(14, 16)));
  });
}

/** The local date (YYYY-MM-DD) an RRULE UNTIL ends on: a DATE as written, a UTC time seen in `timeZone`, a floating time as written. */
function untilDate(value: string, timeZone: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value);
  if (!m) return null;
  if (m[7]) return dateKey(wallTime(new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)), timeZone));
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/**
 * Our rule for an RRULE whose occurrences start at `start` (seen in `timeZone`), with the EXDATE
 * instants `exceptions`, or null for what the scheduler cannot repeat faithfully (yearly, several
 * times a day, BYDAY lists in a month, odd week starts with INTERVAL). INTERVAL anchors the series
 * on the start's local date (from=); COUNT becomes until= the local date of the last counted
 * occurrence, since an imported item has no record of how many already fired (EXDATEs count, as in
 * RFC 5545).
 */
export function rruleToRule(rrule: string, start: Date, timeZone: string, exceptions: readonly Date[] = []): string | null {
  const parts = new Map(rrule.toUpperCase().split(';').map((p) => p.split('=') as [string, string]));
  for (const key of parts.keys()) if (!['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'WKST', 'UNTIL', 'COUNT'].includes(key)) return null;
  const w = wallTime(start, timeZone);
  const hhmm = `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  const freq = parts.get('FREQ');
  const byday = parts.get('BYDAY');
  let base: string | null = null;
  if (freq === 'DAILY' && !byday && !parts.has('BYMONTHDAY')) base = `daily@${hhmm}`;
  if (freq === 'WEEKLY' && !parts.has('BYMONTHDAY')) {
    const days = (byday ?? DAYS[w.weekday]!).split(',').map((d) => DAYS.indexOf(d as (typeof DAYS)[number]));
    if (days.some((d) => d < 0)) return null;
    const sorted = [...new Set(days)].sort((a, b) => a - b);
    base = sorted.join(',') === '1,2,3,4,5' ? `weekdays@${hhmm}` : `weekly@${sorted.map((d) => DOW_NAMES[d]).join(',')}@${hhmm}`;
  }
  if (freq === 'MONTHLY' && !byday) {
    const day = parts.get('BYMONTHDAY') ?? String(w.day);
    if (day === '-1') base = `monthly@L@${hhmm}`;
    else if (/^\d{1,2}$/.test(day) && Number(day) >= 1 && Number(day) <= 31) base = `monthly@${Number(day)}@${hhmm}`;
  }
  if (freq === 'MONTHLY' && byday && !parts.has('BYMONTHDAY')) {
    const nth = /^([+]?[1-4]|-1)(SU|MO|TU|WE|TH|FR|SA)$/.exec(byday);
    if (nth) base = `monthly@${nth[1] === '-1' ? 'L' : nth[1]!.replace('+', '')}${DOW_NAMES[DAYS.indexOf(nth[2] as (typeof DAYS)[number])]}@${hhmm}`;
  }
  if (!base) return null;
  const every = Number(parts.get('INTERVAL') ?? '1');
  if (!Number.isInteger(every) || every < 1 || every > MAX_EVERY) return null;
  // Our weeks start on Monday; another week start only matters when weeks are skipped.
  if (every > 1 && freq === 'WEEKLY' && (parts.get('WKST') ?? 'MO') !== 'MO') return null;
  const from = every > 1 ? dateKey(w) : null;
  let until = parts.has('UNTIL') ? untilDate(parts.get('UNTIL')!, timeZone) : null;
  if (parts.has('UNTIL') && !until) return null;
  if (parts.has('COUNT')) {
    const count = Number(parts.get('COUNT'));
    if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) return null;
    const series = formatRule({ base, every, from, until });
    let at: Date | null = new Date(start.getTime() - 1);
    for (let i = 0; i < count && at; i++) {
      const next: Date | null = nextOccurrence(series, timeZone, at);
      if (!next) break;
      at = next;
    }
    if (at && at >= start) until = dateKey(wallTime(at, timeZone));
  }
  const skips = exceptions.filter((x) => x >= start).map((x) => wallKey(wallTime(x, timeZone))).sort().slice(-MAX_IMPORTED_SKIPS);
  const rule = formatRule({ base, every, from, until, skips });
  return isValidRule(rule) ? rule : null;
}
