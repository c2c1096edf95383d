/**
 * The intent model's data: which rows exist, which part is held out, and what each row teaches.
 *
 * - `../shared/nlu/external/dev.jsonl`: real requests (SLURP, Hinglish-TOP) with the sources' labels,
 *   mapped below to one ClawChat intent each;
 * - `../shared/nlu/dev.jsonl`: our dev cases (intent and params);
 * - `test/nlu/*.jsonl`: the cases earlier issues wrote (intent and params);
 * - `scripts/nlu/phrasings.jsonl`: phrasings the external data lacks (day questions, change requests,
 *   spoken times, alarms in Roman Urdu, thanks), taken from the rows of test/nlu/day-questions,
 *   change-requests and spoken-times tests plus a few written for it (intent only).
 *
 * The held-out part is a fixed 20% chosen by a hash of the row's id, never by content, so it does not
 * move when rows are added. Hinglish-TOP rows come in pairs (the English query and its Roman
 * translation): both sides of a pair fall on the same side of the split, or the model would be tested
 * on the translation of a sentence it was trained on.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Row {
  id: string;
  text: string;
  lang: string;
  /** The one intent this row teaches; null = not used for training (no agreed reading). */
  label: string | null;
  /** Where it came from: 'slurp', 'hinglish-top', 'dev', 'cases'. */
  source: string;
  held: boolean;
  /** In the tuning split (never also held out). */
  tune: boolean;
  /** The raw row, for the scorers. */
  raw: Record<string, unknown>;
}

export const HELD_OUT_PERCENT = 20;

/** FNV-1a, 32 bits: a stable hash so the split is the same on every machine. */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The id both sides of a Hinglish-TOP pair share ("htop-train-12-en" and "-cs" → "htop-train-12"). */
export function splitKey(id: string): string {
  return id.replace(/-(?:en|cs)$/, '');
}

export function isHeldOut(id: string): boolean {
  return stableHash(`clawchat-nlu-split-1:${splitKey(id)}`) % 100 < HELD_OUT_PERCENT;
}

/**
 * The tuning split: a further 20% of the rows outside the held-out part. The decision thresholds
 * (src/nlu/intent-decision.ts) were chosen on it, with a model trained without it
 * (`npm run train:nlu -- --tuning`), so neither the weights nor the thresholds saw the held-out rows.
 */
export function isTuning(id: string): boolean {
  return !isHeldOut(id) && stableHash(`clawchat-nlu-tune-1:${splitKey(id)}`) % 100 < 20;
}

/**
 * A source label → the ClawChat intent taught. SLURP files reminders under calendar_set, so a
 * calendar_set that says "remind" teaches create_reminder. Timers are reminders (the bot has no
 * separate timer); snoozing an alarm is snooze_reminder; labels with no agreed reading teach nothing.
 */
export function labelOf(row: { src_intent: string; group: string; text: string }): string | null {
  const s = row.src_intent;
  if (row.group === 'oos') return 'general_chat';
  switch (s) {
    case 'calendar_set': return /\bremind/i.test(row.text) ? 'create_reminder' : 'create_event';
    case 'calendar_query': return 'list_events';
    case 'calendar_remove': return 'delete_event';
    case 'alarm_set': case 'CREATE_ALARM': case 'CREATE_REMINDER': case 'CREATE_TIMER': return 'create_reminder';
    case 'lists_createoradd': return 'create_todo';
    case 'lists_query': return 'list_todos';
    case 'lists_remove': return 'delete_todo';
    case 'alarm_query': case 'GET_ALARM': case 'GET_REMINDER': case 'GET_REMINDER_DATE_TIME':
    case 'GET_REMINDER_AMOUNT': case 'GET_REMINDER_LOCATION': return 'list_reminders';
    case 'alarm_remove': case 'DELETE_REMINDER': case 'DELETE_ALARM': return 'cancel_reminder';
    case 'UPDATE_REMINDER': case 'UPDATE_REMINDER_DATE_TIME': case 'UPDATE_REMINDER_TODO': case 'UPDATE_ALARM': return 'update_reminder';
    case 'SNOOZE_ALARM': return 'snooze_reminder';
    // Public events ('what concerts are on this weekend') read like our day questions ('anything on
    // thursday'); with no agreed reading they teach nothing either way.
    case 'UNSUPPORTED_WEATHER': case 'UNSUPPORTED_MUSIC': case 'UNSUPPORTED_NAVIGATION': return 'general_chat';
    default: return null;
  }
}

function readJsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Every row, labelled and assigned to its side of the split. `shared` is the steering folder. */
export function loadRows(projectDir: string, shared = resolve(projectDir, '../shared')): Row[] {
  const rows: Row[] = [];
  for (const r of readJsonl(join(shared, 'nlu/external/dev.jsonl'))) {
    const id = String(r.id);
    rows.push({ id, text: String(r.text), lang: String(r.lang), label: labelOf(r as never), source: String(r.source), held: isHeldOut(id), tune: isTuning(id), raw: r });
  }
  for (const r of readJsonl(join(shared, 'nlu/dev.jsonl'))) {
    const id = String(r.id);
    rows.push({ id, text: String(r.text), lang: String(r.lang), label: String(r.intent), source: 'dev', held: isHeldOut(id), tune: isTuning(id), raw: r });
  }
  const casesDir = join(projectDir, 'test/nlu');
  const caseFiles = readdirSync(casesDir).filter((n) => n.endsWith('.jsonl')).sort().map((n) => join(casesDir, n));
  for (const path of [...caseFiles, join(projectDir, 'scripts/nlu/phrasings.jsonl')]) {
    const f = path.slice(projectDir.length);
    for (const r of readJsonl(path)) {
      // Our own cases all train: they are not what the figures are reported on.
      rows.push({ id: `${f}:${String(r.id)}`, text: String(r.text), lang: String(r.lang), label: String(r.intent), source: 'cases', held: false, tune: false, raw: r });
    }
  }
  return rows;
}
