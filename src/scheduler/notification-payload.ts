/**
 * What a Notification row's `payload` JSON holds. The planner writes it and the renderer reads it, so
 * a reminder can be rendered without re-reading its source (which may have changed or been deleted
 * between planning and sending) and so catch-up can mark rows late or fold them into one summary.
 */

/** Kinds of rows the scheduler puts in the outbox. */
export type NotificationKind = 'reminder' | 'todo' | 'event' | 'briefing' | 'summary' | 'task';

/** A missed item folded into a summary message after downtime. */
export interface SummaryItem {
  kind: NotificationKind;
  title: string;
  /** When it was due (ISO, UTC). */
  dueAt: string;
  sourceType: string | null;
  sourceId: number | null;
}

/** The JSON stored in Notification.payload. Unknown fields are kept, so the lead may add some. */
export interface NotificationPayload {
  /** Reminder text, todo title or event title. */
  title?: string;
  /** Event start (ISO) or todo due time (ISO) — the moment the reminder is about. */
  at?: string;
  /** Minutes of lead before `at` (0 = at the time itself). */
  leadMinutes?: number;
  /** The item repeats; its next occurrence is planned once this row is done. */
  recurring?: boolean;
  /** The user's IANA time zone when planned, so the renderer shows local times. */
  timeZone?: string;
  /** Sent after its due time because the bot was down (set by catch-up). */
  late?: boolean;
  /** Sent a second time because the first send's outcome is unknown (it may have arrived). */
  resent?: boolean;
  /** This row is a snoozed copy of another notification. */
  snoozedFrom?: number;
  /** For `summary` rows: the missed one-shot items, oldest first. */
  items?: SummaryItem[];
  /** For `briefing` rows: the user's local date (YYYY-MM-DD) it is for. */
  localDate?: string;
  /** An all-day event: the renderer shows its date and "all day", not the midnight it starts at. */
  allDay?: boolean;
  /** For all-day events: the event's own zone, in which `at` is its day's midnight. */
  eventTimeZone?: string;
  /** For `task` rows (task-results.ts): the task, how it ended, its report or the reason it has none, its language. */
  taskId?: number;
  taskStatus?: string;
  result?: string | null;
  reason?: string | null;
  language?: string | null;
  [extra: string]: unknown;
}

/** Reads a payload column leniently: a corrupt payload renders as an empty one rather than failing the send. */
export function parsePayload(text: string | null | undefined): NotificationPayload {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as NotificationPayload) : {};
  } catch {
    return {};
  }
}
