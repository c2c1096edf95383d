/**
 * Renders notifications in the user's language (i18n catalogs), with the Done/Snooze buttons. The
 * button data format and `parseNotificationAction` are the contract the button handler relies on,
 * so they live here next to the rows they point at.
 */
import type { Reply, ReplyAction } from '../core/reply.ts';
import type { Platform } from '../core/inbound.ts';
import type { Db } from '../db/database.ts';
import { wallTime } from '../core/zoned-time.ts';
import { formatDate, t, type Language } from '../i18n/index.ts';
import { buildBriefing, type BriefingData } from './briefing.ts';
import type { NotificationPayload } from './notification-payload.ts';
import type { NotificationRow } from './notification-store.ts';
import type { SnoozeChoice } from './reminder-planner.ts';
import { TASK_RESULT_KIND, taskResultLanguage, taskResultText } from './task-results.ts';

/** What the delivery loop hands a renderer for one notification. */
export interface RenderRequest {
  row: NotificationRow;
  payload: NotificationPayload;
  platform: Platform;
  /** The channel can show buttons. */
  buttons: boolean;
  language: string | null;
  timeZone: string;
  /** When the send happens (the injected clock's now). */
  now: Date;
}

/** Turns a notification into the Reply to send; injected into DeliveryLoop so text and i18n stay with the lead. */
export type NotificationRenderer = (req: RenderRequest) => Promise<Reply>;

/** A pressed notification button, decoded. */
export type NotificationAction =
  | { action: 'done'; notificationId: number }
  | { action: 'snooze'; notificationId: number; choice: SnoozeChoice };

const SNOOZE_CODES: Record<string, SnoozeChoice> = { '10m': '10m', '1h': '1h', tm: 'tomorrow' };

/** Done + Snooze (10 min, 1 hour, tomorrow morning) buttons for a reminder-like notification. */
export function reminderActions(notificationId: number, lang: Language = 'en'): ReplyAction[] {
  const labels = { done: t(lang, 'button_done'), m10: t(lang, 'button_snooze10'), h1: t(lang, 'button_snooze60'), tomorrow: t(lang, 'button_snoozeTomorrow') };
  return [
    { label: labels.done, data: `ntf:done:${notificationId}`, style: 'primary' },
    { label: labels.m10, data: `ntf:snz:${notificationId}:10m` },
    { label: labels.h1, data: `ntf:snz:${notificationId}:1h` },
    { label: labels.tomorrow, data: `ntf:snz:${notificationId}:tm` },
  ];
}

/** Decodes button data made by `reminderActions`; null for anything else (untrusted input). */
export function parseNotificationAction(data: string): NotificationAction | null {
  const m = /^ntf:(done|snz):(\d{1,12})(?::(10m|1h|tm))?$/.exec(data);
  if (!m) return null;
  const notificationId = Number(m[2]);
  if (m[1] === 'done') return m[3] ? null : { action: 'done', notificationId };
  const choice = m[3] ? SNOOZE_CODES[m[3]] : undefined;
  return choice ? { action: 'snooze', notificationId, choice } : null;
}

function hhmm(iso: string | Date, timeZone: string): string {
  const w = wallTime(typeof iso === 'string' ? new Date(iso) : iso, timeZone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

function localDateTime(iso: string, timeZone: string): string {
  const w = wallTime(new Date(iso), timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')} ${hhmm(iso, timeZone)}`;
}

/** The template briefing text used when no LLM is configured: one short line for an empty day. */
export function briefingTemplate(b: BriefingData, lang: Language = 'en', now?: Date): string {
  const greeting = t(lang, greetingKey(now ? wallTime(now, b.timeZone).hour : 8));
  if (b.empty) return t(lang, 'briefing_empty', { date: b.localDate, greeting });
  const lines = [t(lang, 'briefing_title', { date: b.localDate, greeting })];
  if (b.events.length) lines.push(t(lang, 'briefing_events'), ...b.events.map((e) => `• ${e.allDay ? t(lang, 'allDay') : hhmm(e.startAt, b.timeZone)} ${e.title}${e.location ? ` (${e.location})` : ''}`));
  if (b.dueToday.length) lines.push(t(lang, 'briefing_due'), ...b.dueToday.map((x) => `• ${x.title}${x.dueAt ? ` — ${hhmm(x.dueAt, b.timeZone)}` : ''}`));
  if (b.overdue.length) lines.push(t(lang, 'briefing_overdue'), ...b.overdue.map((x) => `• ${x.title}`));
  if (b.priorities.length) lines.push(t(lang, 'briefing_top'), ...b.priorities.map((x) => `• ${x.title} (${t(lang, `priority_${x.priority}` as 'priority_high')})`));
  return lines.join('\n');
}

/** Turns the user's language setting into a catalog language (English when unset or unknown). */
/**
 * The greeting for the person's local hour: a briefing set for 20:30 (or sent late) says "Good
 * evening", not "Good morning". Morning until 12:00, afternoon until 17:00, evening after.
 */
export function greetingKey(localHour: number): 'greeting_morning' | 'greeting_afternoon' | 'greeting_evening' {
  if (localHour >= 4 && localHour < 12) return 'greeting_morning';
  if (localHour >= 12 && localHour < 17) return 'greeting_afternoon';
  return 'greeting_evening';
}

function catalogLanguage(language: string | null): Language {
  return language === 'ur' ? 'ur' : 'en';
}

/**
 * The renderer: reminders, due todos and events with buttons, briefings from `buildBriefing` and the
 * template (or `summarize`, e.g. the model, when given), missed reminders as one list, task results
 * as their report (task-results.ts).
 */
export function createTemplateRenderer(db: Db, summarize?: (data: BriefingData, lang: Language) => Promise<string | null>): NotificationRenderer {
  return async ({ row, payload, buttons, timeZone, now, language }) => {
    const lang = catalogLanguage(language);
    const zone = payload.timeZone ?? timeZone;
    const late = (payload.late ? t(lang, 'notif_late') : '') + (payload.resent ? t(lang, 'notif_resent') : '');
    const actions = buttons ? reminderActions(row.id, lang) : undefined;
    const withActions = (text: string): Reply => (actions ? { text, actions, language: lang } : { text, language: lang });
    const title = payload.title ?? '';
    if (row.kind === TASK_RESULT_KIND) {
      // In the language the task was asked in; no buttons, as when it was answered directly.
      const taskLang = taskResultLanguage(payload, language);
      return { text: `${taskResultText(payload, taskLang)}${payload.resent ? t(taskLang, 'notif_resent') : ''}`, language: taskLang };
    }
    switch (row.kind) {
      case 'briefing': {
        const data = await buildBriefing(db, row.userId, now, zone);
        const text = (!data.empty && summarize ? await summarize(data, lang).catch(() => null) : null) ?? briefingTemplate(data, lang, now);
        return { text: `${text}${payload.resent ? t(lang, 'notif_resent') : ''}`, language: lang };
      }
      case 'summary': {
        const items = payload.items ?? [];
        return { text: [t(lang, 'notif_summary', { count: items.length }), ...items.map((i) => `• ${localDateTime(i.dueAt, zone)} ${i.title}`)].join('\n') + (payload.resent ? t(lang, 'notif_resent') : ''), language: lang };
      }
      case 'event':
        if (payload.allDay && payload.at) {
          // Its day in the event's own zone (a date has no time to convert).
          const date = formatDate(lang, new Date(payload.at), payload.eventTimeZone ?? zone);
          return withActions(`${t(lang, 'notif_eventAllDay', { text: title, date })}${late}`);
        }
        return withActions(`${t(lang, 'notif_event', { text: title, time: payload.at ? hhmm(payload.at, zone) : '?' })}${late}`);
      case 'todo':
        return withActions(`${payload.at ? t(lang, 'notif_todoAt', { text: title, time: hhmm(payload.at, zone) }) : t(lang, 'notif_todo', { text: title })}${late}`);
      default:
        return withActions(`${t(lang, 'notif_reminder', { text: title })}${late}`);
    }
  };
}
