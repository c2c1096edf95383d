import { z } from 'zod';
import { isValidRule } from '../recurrence/next-run.ts';

/** Longest title/text a tool accepts; longer input gets a friendly "too long" instead of a cut. */
export const MAX_TITLE = 500;
/** Longest memo content. */
export const MAX_CONTENT = 4_000;

/** A short user-written text: trimmed, non-empty, bounded. */
export const words = (max = MAX_TITLE) => z.string().trim().min(1).max(max);

/**
 * True when the calendar fields written in an ISO string exist: Date.parse rolls "2027-02-30" over
 * to 2 March without a word, which must not happen to a date a person or an MCP client gave.
 */
function fieldsExist(iso: string): boolean {
  const [y, mo, d, h, mi] = iso.split(/[-T:]/).map(Number) as [number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h <= 23 && mi <= 59;
}

/** An instant as ISO 8601 with its UTC offset ("2026-11-21T17:00:00+05:00"), turned into a Date. */
export const instant = z
  .string()
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && Number.isFinite(Date.parse(s)), {
    message: 'must be an ISO 8601 date-time with offset, e.g. 2026-11-21T17:00:00+05:00', abort: true,
  })
  .refine(fieldsExist, { message: 'is not a real date or time (that day or hour does not exist)' })
  .transform((s) => new Date(s))
  .describe('ISO 8601 date-time with the UTC offset of the user\'s zone');

export const priority = z.enum(['low', 'medium', 'high']);
export const category = z.enum(['work', 'personal', 'home', 'other']);

/** Which item: a number from the last list, "#id", or words of its title. */
export const ref = words(200).describe('The item: a number from the last list shown, #id, or words from its title');

/** A repeating schedule (scheduler rule or cron pattern), checked by the scheduler's own parser. */
export const recurrence = z.string().trim().max(100).refine(isValidRule, { message: 'not a valid repeat rule' })
  .describe('How it repeats: daily@HH:MM, weekdays@HH:MM, weekly@mon,thu@HH:MM, monthly@D@HH:MM (D 1-31 or L), monthly@1mon@HH:MM / monthly@Lfri@HH:MM (first/last weekday), or a cron pattern; then optional ;every=N;from=YYYY-MM-DD (every N-th day/week/month from that date) ;until=YYYY-MM-DD ;count=N');
