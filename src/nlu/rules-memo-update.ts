/**
 * update_memo: "change the wifi memo to wifi password is 5678", "update my note about the gate code:
 * 4522", "rename the gift ideas note to birthday gifts", "wifi wala note badal do: password 5678",
 * "وائی فائی والا نوٹ بدل دیں: پاس ورڈ 5678". The words before "to"/":" name the note, the rest is its
 * new text (or, with "rename"/"title", its new title).
 */
import { rx, tidy, Work } from './work-text.ts';
import { refFrom } from './fillers.ts';
import { result, type Msg, type RuleResult } from './message.ts';
import { MEMO_NOUNS, UR_AUX } from './vocab.ts';

const POLITE = '^[\\s,]*(?:(?:please|pls|hey|ok|okay|can you|could you|would you|kindly|also|now|just)[\\s,]+)*';
const EN_VERB = rx(`${POLITE}(?:change|update|edit|replace|rewrite|rename|retitle|correct|fix|set)›`);
const RENAME = rx('‹(?:rename|retitle|title)›');
const UR_VERB = rx(`‹(?:بدل|تبدیل|اپڈیٹ|badal|badlo|tabdeel|update|change|edit)›${UR_AUX}`, 'giu');
const EN_VERB_WORDS = rx(`${POLITE}(?:change|update|edit|replace|rewrite|rename|retitle|correct|fix|set)›(?:\\s+the\\s+(?:text|content|title|name)\\s+of)?`, 'giu');
const NOTE_WORDS = rx(`‹(?:the|my|this|that)?\\s*(?:(?:wala|wali|wale|والا|والی|والے)\\s*)?${MEMO_NOUNS}\\s*(?:about|abt|on|regarding|for|titled|called|named|کو|ko)?›|‹(?:wala|wali|wale|والا|والی|والے)›`, 'giu');
const HAS_NOTE = rx(MEMO_NOUNS);
const UR_VERB_AT = rx(`‹(?:بدل|تبدیل|اپڈیٹ|badal|badlo|tabdeel|update|change|edit)›${UR_AUX}`);
/** "… to <new text>" or "…: <new text>". */
const SPLIT = /^(.*?)(?:\s+(?:to|into|as|with)\s+|\s*[:：\-–—]\s+)(.+)$/su;

/** The update_memo rule. */
export function updateMemoRule(m: Msg): RuleResult | null {
  const k = m.key;
  if (!HAS_NOTE.test(k) || !(EN_VERB.test(k) || UR_VERB.test(k))) return null;
  const w = m.work.copy();
  w.blankAll(EN_VERB_WORDS);
  w.blankAll(UR_VERB);
  let split = SPLIT.exec(w.key);
  if (!split) {
    // "وائی فائی والا نوٹ بدل دو پاس ورڈ 5678 ہے": no "to" or ":", the Urdu verb divides the note from its new text.
    const verb = UR_VERB_AT.exec(m.work.key);
    if (!verb || !HAS_NOTE.test(m.work.key.slice(0, verb.index))) return null;
    const end = verb.index + verb[0].length;
    split = Object.assign([m.work.key, m.work.key.slice(0, verb.index), m.work.key.slice(end)], { index: 0, input: m.work.key }) as unknown as RegExpExecArray;
  }
  const valueStart = w.key.length - split[2]!.length;
  const value = tidy(w.clean.slice(valueStart));
  const head = new Work(w.clean.slice(0, split[1]!.length));
  head.blankAll(NOTE_WORDS);
  const ref = refFrom(head);
  if (!value) return null;
  return result('update_memo', RENAME.test(k) ? { ref, title: value } : { ref, content: value }, ['ref']);
}
