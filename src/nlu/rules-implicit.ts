/**
 * Requests people make without a command word:
 * - questions about what they wrote or saved are searches ("what did i write about the wifi",
 *   "maine wifi ke baare mein kya likha tha", "میں نے ... کے بارے میں کیا لکھا تھا");
 * - something they have to do is a todo: "kal dopahar 2 baje bank jana hai", "کل بل جمع کرانا ہے",
 *   "i need to call the bank tomorrow", an instruction with a deadline ("submit the report by
 *   friday") or a stated priority ("high priority: file taxes by end of month").
 */
import { rx, LETTER_RANGES } from './work-text.ts';
import { refFrom } from './fillers.ts';
import { result, type Msg, type RuleResult } from './message.ts';
import { todoFrom } from './rules-todo.ts';
import { IMPERATIVE_EN } from './vocab.ts';

const POLITE = "^[\\s,]*(?:(?:please|pls|hey|ok|okay|so|and|also|um|hmm|btw)[\\s,]+)*";
const SAVED_VERB_EN =
  '(?:write|wrote|written|save|saved|note|noted|jot|jotted|store|stored|keep|kept|put|mention|mentioned|say|said|record|recorded|add|added|log|logged)›(?:\\s+down›)?';

/** "what do i have due / on / planned tomorrow": the calendar or the list, not a search. */
const NOT_SAVED =
  '(?:(?:due|overdue|on|planned|scheduled|going\\s+on|coming\\s+up|lined\\s+up|left|pending|for)\\s+)*' +
  '(?:today|tonight|tomorrow|this\\s+\\w+|next\\s+\\w+|the\\s+(?:week|weekend|month|rest)|coming\\s+week)›|(?:due|overdue|left|pending|to\\s+do)›';

/** "what did i write about X", "do i have anything saved about X", "where did i note X". */
const SEARCH_QUESTION_EN = rx(
  `${POLITE}(?:(?:what|anything|which\\s+notes?)\\s+(?:else\\s+)?(?:did|have|do)\\s+i\\s+(?:ever\\s+|already\\s+)?${SAVED_VERB_EN}|` +
  `(?:do|did)\\s+i\\s+(?:have|ever|already)?\\s*(?:${SAVED_VERB_EN}\\s+)?(?:anything|something|stuff|notes?)\\s+(?:${SAVED_VERB_EN}\\s+)?|` +
  `have\\s+i\\s+(?:ever\\s+)?${SAVED_VERB_EN}\\s+(?:anything|something)|` +
  `what\\s+do\\s+i\\s+have\\s+(?!${NOT_SAVED})(?:${SAVED_VERB_EN})?|what\\s+(?:was|is)\\s+(?:it\\s+)?(?:that\\s+)?i\\s+${SAVED_VERB_EN})\\s*` +
  '(?:‹(?:about|on|regarding|re|for|related\\s+to|concerning|mentioning|with)›|(?=\\S))',
);
const SEARCH_QUESTION_WHERE = rx(
  `${POLITE}(?:where\\s+did\\s+i\\s+(?:${SAVED_VERB_EN})|(?:anything|something|stuff|notes?)\\s+(?:i\\s+)?(?:${SAVED_VERB_EN})\\s*(?:‹(?:about|on|regarding|re|for|related\\s+to|concerning|mentioning|with)›)?)`,
);
/** Roman Urdu / Urdu: "maine X ke baare mein kya likha tha", "X ke bare mein maine kya save kiya". */
const SEARCH_QUESTION_UR = rx(
  '‹(?:kya|kia|کیا)\\s*' +
  '(?:likha|likhaa|likhi|save\\s*kiya|note\\s*kiya|rakha|bataya|لکھا|لکھی|سیو\\s*کیا|محفوظ\\s*کیا|نوٹ\\s*کیا|رکھا|بتایا)›',
);
const I_DID_UR = rx('‹(?:maine|mene|meine|main\\s+ne|mein\\s+ne|میں\\s*نے)›');
const UR_QUESTION_NOISE = rx(
  '‹(?:maine|mene|meine|main\\s+ne|mein\\s+ne|میں\\s*نے)›|‹(?:kya|kia|کیا)\\s*(?:likha|likhaa|likhi|save\\s*kiya|note\\s*kiya|rakha|bataya|لکھا|لکھی|سیو\\s*کیا|محفوظ\\s*کیا|نوٹ\\s*کیا|رکھا|بتایا)›|' +
  '‹(?:tha|thi|the|hai|تھا|تھی|تھے|ہے)›|‹(?:ke\\s*(?:baare|bare|bary)\\s*(?:mein|main|me)|کے\\s*بارے\\s*میں|se\\s*related|سے\\s*متعلق|notes?\\s*(?:mein|main|me)|نوٹس\\s*میں|نوٹ\\s*میں)›',
  'giu',
);

/** The search-question rule. */
export function searchQuestionRule(m: Msg): RuleResult | null {
  const en = SEARCH_QUESTION_EN.exec(m.key) ?? SEARCH_QUESTION_WHERE.exec(m.key);
  if (en) {
    m.work.blank(0, en.index + en[0].length);
    const query = refFrom(m.work).replace(/\?+$/, '').trim();
    return query ? result('search', { query }) : null;
  }
  if (!SEARCH_QUESTION_UR.test(m.key) || !I_DID_UR.test(m.key)) return null;
  m.work.blankAll(UR_QUESTION_NOISE);
  const query = refFrom(m.work).replace(/[?؟]+$/, '').trim();
  return query ? result('search', { query }) : null;
}

/** "jana hai", "karna hai", "بھیجنی ہے": an infinitive with "is" is something to do. */
const OBLIGATION_UR = rx(
  '‹(?!(?:apna|apni|apne|purana|purani|purane|zamana|mana|khana|pana|اپنا|اپنی|اپنے|پرانا|پرانی|پرانے|زمانہ|منع)›)' +
  `[${LETTER_RANGES}]+(?:na|ni|ne|نا|نی|نے)\\s*(?:hai|hain|he|hy|h|ہے|ہیں)›`,
);
const OBLIGATION_EN = rx(
  "^[\\s,]*(?:(?:ok|okay|so|and|also|btw|oh)[\\s,]+)*(?:i\\s+)?(?:(?:really\\s+|still\\s+|also\\s+)?(?:need|have|must|should|got)\\s+to|'ve\\s+got\\s+to|gotta|must|should)\\s+(?!remember|forget|know|think|ask|talk\\s+to\\s+you)",
);
const QUESTION = rx('‹(?:kya|kia|kyun|kyu|kab|kahan|kaise|kon|kaun|کیا|کیوں|کب|کہاں|کیسے|کون)›|^[\\s]*(?:what|why|when|where|how|who|which|do|does|did|should|can|is|are)›|[?؟]\\s*$');
const NEGATION = rx('‹(?:nahi|nahin|nai|mat|نہیں|مت|not|never|no|don\'?t|didn\'?t)›');
const DATE_HINT = rx(
  '\\d|‹(?:today|tonight|tomorrow|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|' +
  'morning|afternoon|evening|noon|night|week|weekend|month|eom|end\\s+of|next|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|' +
  'january|february|march|april|june|july|august|september|october|november|december)',
);

/** "submit report by friday", "pay rent before the 1st": an instruction with a deadline. */
const DEADLINE = rx(
  '‹(?:by|before|due|until|till|deadline)\\s+(?:the\\s+|this\\s+|next\\s+|end\\s+of\\s+|tomorrow|tonight|today|eom|\\d|' +
  '(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*›)',
);
const INSTRUCTION = rx(`${POLITE}(?:${IMPERATIVE_EN})›`);
/** "high priority: ...", "urgent - ...", "p1: ...", "zaroori: ...". */
const PRIORITY_LABEL = rx(
  '^[\\s]*(?:(?:high|highest|low|medium|top|normal)[\\s-]*(?:priority|prio|pri)|priority\\s*(?:high|low|medium)|urgent|important|asap|p[123]|' +
  `zaroori|zaruri|ضروری|اہم|فوری|fori)(?:\\s*[:\\-–—!]|\\s+(?=(?:${IMPERATIVE_EN})›))`,
);
const EXPLICIT_PRIORITY = rx('‹(?:(?:high|highest|low|medium|top|normal)[\\s-]*(?:priority|prio)|asap|urgent|not\\s+urgent)›');

/** The implicit-todo rule: obligation, deadline or stated priority (see the module comment). */
export function implicitTodoRule(m: Msg): RuleResult | null {
  const k = m.key;
  if (PRIORITY_LABEL.test(k) && !/[?؟]\s*$/.test(k)) return todoFrom(m);
  if (m.variant !== 'en' && OBLIGATION_UR.test(k) && !QUESTION.test(k) && !NEGATION.test(k)) return todoFrom(m);
  if (OBLIGATION_EN.test(k) && DATE_HINT.test(k) && !/[?]\s*$/.test(k) && !NEGATION.test(k)) {
    m.work.blankFirst(OBLIGATION_EN);
    const r = todoFrom(m);
    return r.params.due ? r : null;
  }
  if (INSTRUCTION.test(k) && !/[?]\s*$/.test(k) && (DEADLINE.test(k) || EXPLICIT_PRIORITY.test(k))) return todoFrom(m);
  return null;
}
