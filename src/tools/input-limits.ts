/**
 * Limits on what any tool stores, whoever calls it (chat, the offline parser, a model, an MCP
 * client): a date more than ten years away (a year-6109 reminder from "/remind 2147483648 minutes",
 * a model's typo, an MCP client's "9999") is a mistake, not a plan; a repeat more often than once a
 * minute ("cron * * * * * *", every second) would flood the person. Both are refused with a clear
 * reply instead of being kept.
 */
import { UserFacingError } from '../core/errors.ts';
import { firesMoreThanOncePerMinute } from '../recurrence/next-run.ts';

/** How many years ahead (and back) a stored date may lie. */
export const HORIZON_YEARS = 10;

const YEAR_MS = 365.25 * 86_400_000;

/** True when `instant` lies within HORIZON_YEARS of `now`, either way. */
export function withinHorizon(instant: Date, now: Date): boolean {
  return Math.abs(instant.getTime() - now.getTime()) <= HORIZON_YEARS * YEAR_MS;
}

/**
 * Throws 'dateTooFar' when any date among the (already validated) tool input's own fields lies
 * beyond the horizon, 'recurrenceTooOften' when its repeat rule fires more than once a minute.
 * Run by the tool registry for every tool.
 */
export function assertWithinLimits(input: unknown, now: Date): void {
  if (!input || typeof input !== 'object') return;
  for (const value of Object.values(input)) {
    if (value instanceof Date && !withinHorizon(value, now)) {
      throw new UserFacingError('dateTooFar', { years: HORIZON_YEARS });
    }
  }
  const rule = (input as { recurrence?: unknown }).recurrence;
  if (typeof rule === 'string' && firesMoreThanOncePerMinute(rule)) {
    throw new UserFacingError('recurrenceTooOften', { text: rule.slice(0, 60) });
  }
}
