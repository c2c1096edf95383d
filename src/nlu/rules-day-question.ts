/**
 * Questions about a day or a stretch of the calendar, answered from events and todos together:
 * "what do I have on friday", "anything on tomorrow?", "am I free on the 3rd", "what's my agenda
 * for monday", "what is on my plate today?", "what do I have planned next", "kal kya hai",
 * "aaj ka din kaisa hai", "jumme ko kya hai", "میرا کل کا شیڈول کیا ہے", "آج کیا ہے"; and the
 * count questions "how many todos / meetings / reminders do I have (this week)".
 *
 * In the contract a day question is list_events: `range` for today / tomorrow / week / next_week /
 * month (what the README and the other rules already say for "what meetings do i have tomorrow"),
 * and `date` (YYYY-MM-DD) for any other single day, which the contract's ranges cannot name. The
 * list_events tool answers a single day with the whole day (events, todos due, reminders), so the
 * parser need not tell "what do I have" from "what's on my calendar". Today's questions that are
 * about the day rather than the calendar ("what's on my plate today") stay daily_briefing, as
 * "how does my day look" is; both show the same view.
 *
 * A message is a day question only when nothing is left once the question frame, the filler
 * words and the day are taken out: "what do I have to buy friday", "kal ki meeting kya hai" or
 * "what's the weather tomorrow" keep their own readings.
 */
import { rx } from './work-text.ts';
import { when, result, type Msg, type RuleResult } from './message.ts';
import { wallIn, todayIn } from './when.ts';
import { addDays } from '../core/zoned-time.ts';

const LEAD = "^[\\s,]*(?:(?:please|pls|hey|ok|okay|so|and|um|hmm|btw|tell\\s+me|can\\s+you\\s+tell\\s+me|could\\s+you\\s+tell\\s+me)[\\s,]+)*";

/** English question frames, at the start of the message. */
const EN_FRAME = rx(
  `${LEAD}(?:` +
  "what(?:\\s+(?:else|all))?\\s+(?:do\\s+(?:i|we)\\s+have|have\\s+(?:i|we)\\s+got|(?:i|we)'?ve\\s+got|(?:i|we)\\s+got|(?:is|are)\\s+there|does\\s+my\\s+(?:day|schedule|calendar|agenda)\\s+look\\s+like)|" +
  "(?:what'?s|whats|what\\s+is|what\\s+all\\s+is|what\\s+are)|" +
  '(?:is\\s+there\\s+anything|is\\s+anything|anything|any\\s+plans|do\\s+(?:i|we)\\s+have\\s+anything|have\\s+(?:i|we)\\s+got\\s+anything|got\\s+anything)|' +
  '(?:am\\s+i|are\\s+we)\\s+(?:free|busy|available|booked)|' +
  "how(?:'?s|\\s+is|\\s+does|\\s+do|\\s+are)\\s+(?:my|our|the)\\s+(?:day|schedule|calendar|agenda|plans?)" +
  ')›',
);
/** Frames that ask about the calendar (list_events for today too) rather than the day (daily_briefing). */
const EN_CALENDAR_FRAME = rx(
  `${LEAD}(?:what'?s|whats|what\\s+is)\\s+on›(?!\\s+my\\s+plate)|${LEAD}(?:is\\s+there\\s+anything|is\\s+anything|anything|do\\s+(?:i|we)\\s+have\\s+anything|got\\s+anything)›|` +
  `${LEAD}(?:am\\s+i|are\\s+we)›|‹(?:schedule|calendar|agenda|calender)›`,
);

/** Urdu and Roman Urdu: a question word with the day ("kal kya hai", "آج کا دن کیسا ہے", "kal free hoon?"). */
const UR_QUESTION = rx(
  '‹(?:kya|kia|kaisa|kaisi|kesa|kaise|free|busy|فارغ|مصروف|کیا|کیسا|کیسی|کیسے)›',
);

/** Words around a day question that carry no item of their own. */
const FILLER = rx(
  "‹(?:on|for|in|at|of|my|our|the|me|i|we|please|pls|plz|" +
  'planned|plans?|scheduled|happening|going\\s+on|lined\\s+up|coming\\s+up|booked|in\\s+store|up|rest|' +
  'calendar|calender|schedule|agenda|plate|day|diary|look|looks|looking|like|free|busy|available|' +
  'kya|kia|kaisa|kaisi|kesa|kaise|hai|hain|he|hay|h|hoon|hun|hu|main|mai|mein|mera|meri|mere|mujhe|ka|ke|ki|ko|liye|lie|din|plan|programme|program|koi|' +
  'میرا|میری|میرے|مجھے|میں|کا|کے|کی|کو|لیے|لئے|دن|شیڈول|پلان|پروگرام|کیلنڈر|ایجنڈا|کیا|کیسا|کیسی|کیسے|ہے|ہیں|ہوں|فارغ|مصروف|کوئی)›|[?؟!.,،]',
  'gu',
);

/** "next", "up next", "coming up": the next things ahead, with no day. */
const NEXT = rx("‹(?:next|up\\s+next|coming\\s+up\\s+next|coming\\s+up|ahead|aage|agla|agle|اگلا|اگلے|آگے)›");
const RANGE_WORDS: ReadonlyArray<[RegExp, string]> = [
  [rx('‹(?:next\\s+week|the\\s+coming\\s+week|coming\\s+week|agle\\s+hafte|agla\\s+hafta|اگلے\\s+ہفتے|اگلا\\s+ہفتہ)›'), 'next_week'],
  [rx('‹(?:this\\s+week|the\\s+week|is\\s+hafte|اس\\s+ہفتے)›'), 'week'],
  [rx('‹(?:this\\s+month|the\\s+month|is\\s+mahine|اس\\s+مہینے)›'), 'month'],
];
/** "the weekend", "tonight's plans" are answered by the other rules, or need a range the contract lacks. */
const NOT_A_DAY = rx('‹(?:weekend|weekends|month|year|hafta|ہفتہ\\s+وار)›(?<!this\\s+month|the\\s+month)');
/** "what's the day today", "how is the day today": the date or small talk, not the person's day. */
const THE_DAY = rx('(?<!rest\\s+of\\s+)‹the\\s+day›');
/** A time expression that names one day (not "december" or "at 5" alone). */
const ONE_DAY = rx(
  '\\d|‹(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)›|‹(?:tomorrow|tmrw|tmr|day\\s+after|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|' +
  'eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty|thirtieth|thirty|' +
  'kal|parson|parso|peer|pir|mangal|budh|jumerat|jumma|jumme|juma|jumay|hafta|itwar|somwar|' +
  'کل|پرسوں|پیر|منگل|بدھ|جمعرات|جمعہ|جمعے|ہفتہ|ہفتے|اتوار)',
);
/** "what do I have due tomorrow", "what tasks do I have friday": the todo list's questions. */
const TODO_WORDS = rx('‹(?:due|overdue|deadlines?|todos?|to-?dos?|tasks?|to\\s+do)›');
const TODAY_WORDS = rx("‹(?:today|today's|tonight|aaj|aj|آج|the\\s+rest\\s+of\\s+(?:the\\s+)?day)›");

/** How many of a kind: a count answer (the list with its count, or the stats). */
const HOW_MANY = rx(
  `(?:${LEAD}how\\s+many|‹(?:kitne|kitni|کتنے|کتنی))\\s+(?:(todos?|to-?dos?|tasks?|things\\s+to\\s+do|kaam|ٹاسک|کام)|(meetings?|events?|appointments?|میٹنگز|میٹنگیں|ایونٹس)|(reminders?|alarms?|یاد\\s*دہانیاں))›` +
  "(?:\\s+(?:do|have|did|are|is|hain|hai|ہیں|ہے)›(?:\\s*(?:i|we|there)›)?(?:\\s+(?:got|have)›)?)?",
);
const HOW_MANY_NOT_MINE = rx('‹(?:can|could|should|may|sakta|sakti|sakte|سکتا|سکتی|سکتے)›');
/** Words of a count question that name no item ("how many reminders do I have set up for next week"). */
const COUNT_FILLER = rx('‹(?:set\\s+up|set|scheduled|planned|booked|left|so\\s+far|kiye|kiya|کیے|کیا|hue|hui)›', 'gu');
/** The spans the reminder list can show (today, this or next week). */
const REMINDER_SPAN = rx("‹(?:today|today's|aaj|aj|آج|(?:this|next|the)\\s+week|week|is\\s+hafte|agle\\s+hafte|hafte|اس\\s+ہفتے|اگلے\\s+ہفتے)›", 'gu');
const HOW_MANY_TODO_DONE = rx('‹(?:did|done|finished|completed|complete|finish)›');

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day-question rule (see the module comment). */
export function dayQuestionRule(m: Msg): RuleResult | null {
  return howMany(m) ?? dayQuestion(m);
}

function dayQuestion(m: Msg): RuleResult | null {
  const en = EN_FRAME.exec(m.key);
  if (!en && (m.variant === 'en' || !UR_QUESTION.test(m.key))) return null;
  if (NOT_A_DAY.test(m.key) || TODO_WORDS.test(m.key) || THE_DAY.test(m.key)) return null;
  const calendar = EN_CALENDAR_FRAME.test(m.key);
  if (en) m.work.blank(en.index, en.index + en[0].length);
  const span = dayOf(m);
  if (!span) return null;
  m.work.blankAll(FILLER);
  if (m.work.rest().replace(/[\s'’]+/g, '')) return null;
  if (span === 'today') return calendar ? result('list_events', { range: 'today' }) : result('daily_briefing', {});
  return result('list_events', span === 'next' ? {} : ISO_DAY.test(span) ? { date: span } : { range: span });
}

/**
 * The day or stretch the question names, taken out of the working text: 'today', 'tomorrow',
 * 'week', 'next_week', 'month', 'next' (the upcoming items), or a YYYY-MM-DD day.
 */
function dayOf(m: Msg): string | null {
  for (const [re, range] of RANGE_WORDS) if (m.work.blankFirst(re)) return range;
  if (m.work.blankFirst(TODAY_WORDS)) return 'today';
  const before = m.work.key;
  const at = when(m);
  if (!at) return m.work.blankFirst(NEXT) ? 'next' : null;
  const taken = Array.from(before, (ch, i) => (ch !== m.work.key[i] ? ch : ' ')).join('');
  if (!at.hasDate || !ONE_DAY.test(taken)) return null;
  const day = wallIn(at.start, m.ctx.timeZone);
  const today = todayIn(m.ctx);
  const same = (d: { year: number; month: number; day: number }) => d.year === day.year && d.month === day.month && d.day === day.day;
  if (same(today)) return 'today';
  if (same(addDays(today, 1))) return 'tomorrow';
  return `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

/**
 * "how many todos do I have" → get_stats (open, done this week, overdue); with a day or a filter
 * the todo list of it. "how many meetings this week" → the event list, whose title counts them.
 * "how many reminders (today)" → the reminder list. "how many alarms can I set" asks no count of
 * the person's own items and passes.
 */
function howMany(m: Msg): RuleResult | null {
  const hit = HOW_MANY.exec(m.key);
  if (!hit || HOW_MANY_NOT_MINE.test(m.key)) return null;
  m.work.blank(hit.index, hit.index + hit[0].length);
  const rest = m.key.slice(hit.index + hit[0].length);
  if (hit[1]) {
    if (HOW_MANY_TODO_DONE.test(rest) || HOW_MANY_TODO_DONE.test(hit[0])) return result('get_stats', {});
    const filter = /\b(?:today|aaj|aj)\b|آج/u.test(rest) ? 'today' : /\b(?:tomorrow|kal)\b|کل/u.test(rest) ? 'tomorrow'
      : /\b(?:overdue|late)\b/.test(rest) ? 'overdue' : /\b(?:this\s+week|week|hafte)\b|ہفتے/u.test(rest) ? 'week' : undefined;
    return filter ? result('list_todos', { filter }) : result('get_stats', {});
  }
  const filter = /\b(?:today|aaj|aj)\b|آج/u.test(rest) ? 'today'
    : /\b(?:next\s+week|agle\s+hafte)\b|اگلے/u.test(rest) ? undefined : /\b(?:week|hafte)\b|ہفتے/u.test(rest) ? 'week' : undefined;
  const span = hit[2] ? dayOf(m) : null;
  if (!hit[2]) m.work.blankAll(REMINDER_SPAN);
  m.work.blankAll(COUNT_FILLER);
  m.work.blankAll(FILLER);
  if (m.work.rest().replace(/[\s'’]+/g, '')) return null;
  if (!hit[2]) return result('list_reminders', { filter });
  if (span && ISO_DAY.test(span)) return result('list_events', { date: span });
  return result('list_events', span && span !== 'next' ? { range: span } : {});
}
