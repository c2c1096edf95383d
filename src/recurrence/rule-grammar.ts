/**
 * The text form of a repeat rule, as stored in Reminder/Todo/Event.recurrence. Kept a plain string
 * so every row written before these options existed is still a valid rule with no options:
 *
 *   rule    := base ( ';' option )*
 *   base    := cron (5 or 6 fields) | daily@HH:MM | weekdays@HH:MM | weekly@DOWS@HH:MM
 *            | monthly@D@HH:MM      D = 1-31 or L (last day of the month)
 *            | monthly@NDOW@HH:MM   N = 1-4 or L, DOW = sun..sat: monthly@1mon = first Monday, monthly@Lfri = last Friday
 *   option  := every=N              every N-th day / week / month (daily, weekdays, weekly, monthly); needs from=
 *            | from=YYYY-MM-DD      first local date of the series; period 0 of every=N is the one holding it
 *            | until=YYYY-MM-DD     last local date on which it may fire (inclusive)
 *            | count=N              fires at most N times; how many already fired is the item's repeatCount column
 *            | skip=YYYY-MM-DDTHH:MM,…  local wall times of single occurrences that do not fire (EXDATE)
 *
 * Options are written in that order by `formatRule`, so equal rules are equal strings. This module
 * only reads and writes the text; next-run.ts turns it into instants.
 */

/** A base rule's period, which `every=N` counts in. Cron patterns have none (every= is refused). */
export type RulePeriod = 'day' | 'week' | 'month' | null;

/** A rule read into its parts. */
export interface ParsedRule {
  /** The base as written (friendly form or cron), without options. */
  base: string;
  /** The cron pattern croner runs for the base. */
  cron: string;
  /** What `every=N` counts: days for daily, weeks for weekly/weekdays, months for monthly. */
  period: RulePeriod;
  /** Repeat every N-th period (1 = every one). */
  every: number;
  /** First local date of the series (YYYY-MM-DD), or null. */
  from: string | null;
  /** Last local date it may fire on (YYYY-MM-DD, inclusive), or null. */
  until: string | null;
  /** Most occurrences it fires, or null for no limit. */
  count: number | null;
  /** Local wall times (YYYY-MM-DDTHH:MM) of occurrences that are skipped, sorted. */
  skips: string[];
  /** The base's one wall time (HH:MM) when it has one, so a skip written at it also matches a day
   * whose occurrence a spring-forward moved (01:30 fired at 02:00). */
  nominal: string | null;
}

const DOW_NAMES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;
/** Upper bounds that keep a rule's evaluation cheap and its meaning plausible. */
export const MAX_EVERY = 366;
export const MAX_COUNT = 1000;
const MAX_SKIPS = 50;

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

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The cron pattern and period of a base rule, or null when it is not one. */
function parseBase(base: string): { cron: string; period: RulePeriod } | null {
  const parts = base.split('@');
  const kind = parts[0]?.toLowerCase();
  if (parts.length > 1) {
    const time = parseHhMm(parts[parts.length - 1] ?? '');
    if (!time) return null;
    const hm = `${time.minute} ${time.hour}`;
    if (kind === 'daily' && parts.length === 2) return { cron: `${hm} * * *`, period: 'day' };
    if (kind === 'weekdays' && parts.length === 2) return { cron: `${hm} * * 1-5`, period: 'week' };
    if (kind === 'weekly' && parts.length === 3) {
      const dows = parseDows(parts[1] ?? '');
      return dows ? { cron: `${hm} * * ${dows}`, period: 'week' } : null;
    }
    if (kind === 'monthly' && parts.length === 3) {
      const d = (parts[1] ?? '').trim().toUpperCase();
      if (d === 'L' || (/^\d{1,2}$/.test(d) && Number(d) >= 1 && Number(d) <= 31)) return { cron: `${hm} ${d === 'L' ? 'L' : Number(d)} * *`, period: 'month' };
      const nth = /^([1-4]|L)(SUN|MON|TUE|WED|THU|FRI|SAT)$/.exec(d);
      if (nth) return { cron: `${hm} * * ${DOW_NAMES[nth[2]!.toLowerCase()]}#${nth[1]}`, period: 'month' };
      return null;
    }
    return null;
  }
  const fields = base.split(/\s+/);
  return fields.length === 5 || fields.length === 6 ? { cron: fields.join(' '), period: null } : null;
}

const cache = new Map<string, ParsedRule | null>();

/**
 * Reads a rule, or null when its text is malformed (unknown base or option, a bad date, every=
 * without from= or on a cron base). Whether the cron can fire at all is next-run.ts's question.
 */
export function parseRule(rule: string): ParsedRule | null {
  const cached = cache.get(rule);
  if (cached !== undefined) return cached;
  const parsed = parseUncached(rule);
  if (cache.size > 5_000) cache.clear();
  cache.set(rule, parsed);
  return parsed;
}

function parseUncached(rule: string): ParsedRule | null {
  const [head, ...options] = rule.trim().split(';');
  const base = (head ?? '').trim();
  const b = parseBase(base);
  if (!b) return null;
  const fields = b.cron.split(' ');
  const [minute, hour] = fields.length === 6 ? fields.slice(1) : fields;
  const nominal = /^\d{1,2}$/.test(minute ?? '') && /^\d{1,2}$/.test(hour ?? '') ? `${hour!.padStart(2, '0')}:${minute!.padStart(2, '0')}` : null;
  const out: ParsedRule = { base, cron: b.cron, period: b.period, every: 1, from: null, until: null, count: null, skips: [], nominal };
  const seen = new Set<string>();
  for (const option of options) {
    const m = /^\s*(every|from|until|count|skip)=([^;]*)$/i.exec(option);
    if (!m) return null;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (seen.has(key)) return null;
    seen.add(key);
    if (key === 'every' || key === 'count') {
      if (!/^\d{1,4}$/.test(value)) return null;
      const n = Number(value);
      if (n < 1 || n > (key === 'every' ? MAX_EVERY : MAX_COUNT)) return null;
      if (key === 'every') out.every = n;
      else out.count = n;
    } else if (key === 'from' || key === 'until') {
      if (!isCalendarDate(value)) return null;
      out[key] = value;
    } else {
      const skips = value.split(',').map((s) => s.trim());
      if (skips.length > MAX_SKIPS || skips.some((s) => !WALL.exec(s) || !isCalendarDate(s.slice(0, 10)))) return null;
      out.skips = [...new Set(skips)].sort();
    }
  }
  if (out.every > 1 && (!out.period || !out.from)) return null;
  return out;
}

/** Writes parts back as a rule, options in their canonical order (the inverse of parseRule). */
export function formatRule(parts: Pick<ParsedRule, 'base'> & Partial<Omit<ParsedRule, 'base' | 'cron' | 'period' | 'nominal'>>): string {
  const out = [parts.base];
  if (parts.every && parts.every > 1) out.push(`every=${parts.every}`);
  if (parts.from) out.push(`from=${parts.from}`);
  if (parts.until) out.push(`until=${parts.until}`);
  if (parts.count) out.push(`count=${parts.count}`);
  if (parts.skips?.length) out.push(`skip=${[...new Set(parts.skips)].sort().join(',')}`);
  return out.join(';');
}

/** A local wall time as a skip entry: YYYY-MM-DDTHH:MM. */
export function wallKey(w: { year: number; month: number; day: number; hour: number; minute: number }): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}`;
}

/** A local calendar date as YYYY-MM-DD. */
export function dateKey(w: { year: number; month: number; day: number }): string {
  return wallKey({ ...w, hour: 0, minute: 0 }).slice(0, 10);
}
