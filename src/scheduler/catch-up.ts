/**
 * What to do with a row that comes due, decided from how late it is. After downtime nothing is
 * dropped silently: a one-shot missed by less than the grace window is sent marked late, older ones
 * are folded into one summary message per user, a recurring item fires once for the whole missed
 * period (the planner then skips forward), and a briefing for a past local day is retired as stale
 * and logged (yesterday's agenda is noise) while the next one is planned. A task result is news
 * whenever it arrives: always sent as it is, never folded or marked late.
 */
import { wallTime } from '../core/zoned-time.ts';
import type { NotificationPayload } from './notification-payload.ts';
import type { NotificationRow } from './notification-store.ts';

/** The decision for one claimed row. */
export type CatchUpDecision = 'send' | 'send-late' | 'summarize' | 'skip-stale';

/** The thresholds catch-up works with. */
export interface CatchUpPolicy {
  /** One-shot rows later than this go into a summary instead (default 12 hours). */
  graceMs: number;
  /** Rows later than this are flagged late in their payload (default 5 minutes). */
  lateAfterMs: number;
}

function localDate(instant: Date, timeZone: string): string {
  const w = wallTime(instant, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** Pure: the decision for `row` (with its parsed payload) at `now`. */
export function decideCatchUp(row: NotificationRow, payload: NotificationPayload, now: Date, policy: CatchUpPolicy, timeZone = 'UTC'): CatchUpDecision {
  const lateness = now.getTime() - row.dueAt.getTime();
  if (row.kind === 'summary' || row.kind === 'task' || lateness <= policy.lateAfterMs) return 'send';
  if (row.kind === 'briefing') {
    const zone = payload.timeZone ?? timeZone;
    return localDate(row.dueAt, zone) === localDate(now, zone) ? 'send-late' : 'skip-stale';
  }
  if (payload.recurring && payload.snoozedFrom === undefined) return 'send-late';
  return lateness <= policy.graceMs ? 'send-late' : 'summarize';
}
