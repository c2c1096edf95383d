/**
 * What a change request says beyond the contract's params, for the orchestrator that applies it
 * to whichever item the ref names: the kind of item the words name ("the meeting", "my alarm"),
 * and whether the new time was a day, a clock time or both ("to monday" keeps the item's clock
 * time, "7 baje kar do" keeps its day).
 */
import { rx, Work } from './work-text.ts';
import { sanitize } from './normalize.ts';
import { detectLanguageVariant } from './language.ts';
import { takeWhen } from './dates.ts';
import { forgetDateReadings } from './dates-en.ts';
import type { ParseContext } from './types.ts';
import { MEMO_NOUNS } from './vocab.ts';

export type ItemKind = 'todo' | 'event' | 'reminder' | 'memo';

/** Only words that name a kind outright (not "call" or "lunch", which are titles as often). */
const NAMED: ReadonlyArray<[ItemKind, RegExp]> = [
  ['reminder', rx('‹(?:reminders?|alarms?|ریمائنڈرز?|یاد\\s*دہانی|yaad\\s*dehani)›')],
  ['memo', rx(MEMO_NOUNS)],
  ['event', rx('‹(?:events?|meetings?|appointments?|appt|calendar|ایونٹ|میٹنگ|اپائنٹمنٹ|ملاقات)›')],
  ['todo', rx('‹(?:todos?|to-dos?|tasks?|کام|ٹاسک|kaam)›')],
];

/**
 * The kind of item the words name, if they name exactly one: first outside the ref ("the standup
 * notes event"), else anywhere ("the meeting", where the kind word is the ref itself).
 */
export function namedItemKind(text: string, ref = ''): ItemKind | null {
  const work = new Work(sanitize(text));
  const whole = work.key;
  const refKey = new Work(sanitize(ref)).key;
  const at = refKey ? whole.indexOf(refKey) : -1;
  if (at >= 0) work.blank(at, at + refKey.length);
  return only(work.key) ?? only(whole);
}

function only(key: string): ItemKind | null {
  const named = NAMED.filter(([, re]) => re.test(key)).map(([kind]) => kind);
  return named.length === 1 ? named[0]! : null;
}

/** Whether the new time in a change request gave a day, a clock time, or both; null when none was read. */
export function changeTiming(text: string, ref: string, ctx: ParseContext): { hasDate: boolean; hasTime: boolean } | null {
  forgetDateReadings(); // the readings cache is per message text, not per clock
  const clean = sanitize(text);
  const work = new Work(clean);
  const refKey = new Work(sanitize(ref)).key;
  const at = refKey ? work.key.indexOf(refKey) : -1;
  if (at >= 0) work.blank(at, at + refKey.length);
  const found = takeWhen(work, detectLanguageVariant(clean), ctx);
  return found ? { hasDate: found.hasDate, hasTime: found.hasTime } : null;
}
