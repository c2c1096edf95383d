/**
 * Calendar events: creating ("schedule a meeting with the design team on monday from 2 to 3pm in
 * conference room b", "/event dentist tue 4pm", "کل شام 7 بجے ... کیلنڈر میں ڈال دیں") and
 * listing by range ("what meetings do i have tomorrow", "اگلے ہفتے کے ایونٹس دکھائیں").
 */
import { rx, tidy, LETTER_RANGES, type Work } from './work-text.ts';
import { titleFrom } from './fillers.ts';
import { eventRange } from './params.ts';
import { when, iso, result, type Msg, type RuleResult } from './message.ts';
import { SHOW_EN, SHOW_UR, UR_AUX, TODO_NOUNS } from './vocab.ts';
import type { When } from './when.ts';

const POLITE = "^[\\s,]*(?:(?:please|pls|hey|ok|okay|can you|could you|would you|kindly|also|and|now)[\\s,]+)*";

const EN_CALENDAR = rx(
  '\\s*‹(?:to|on|in|onto|into)\\s+(?:my|the|our)\\s+(?:calendar|calender|schedule|agenda|diary)›(?:\\s+for›)?',
);
const EN_VERB = rx(
  `${POLITE}(?:schedule|book|put|add|create|make|set\\s+up|arrange|organi[sz]e|plan|block(?:\\s+out)?|pencil\\s+in|` +
  `(?:i\\s+)?(?:have|got|need)\\s+(?:a|an)|there'?s\\s+(?:a|an))›(?:\\s+(?:a|an|new|the|my)›)?(?:\\s+(?:event|calendar\\s+event)›(?:\\s*[:\\-–—])?)?`,
);
const EN_STRONG = rx(
  `${POLITE}(?:schedule|book|set\\s+up|arrange|organi[sz]e|pencil\\s+in|block\\s+out)›|` +
  `${POLITE}(?:add|create|make|new|put)\\s+(?:a\\s+|an\\s+|new\\s+)*(?:event|calendar\\s+event|meeting|appointment)›|^[\\s]*(?:event|new\\s+event)\\s*[:\\-–—]`,
);
const EN_HAVE_EVENT = rx(
  `${POLITE}(?:i\\s+(?:have|got|'ve\\s+got)|there'?s|i\\s+have\\s+got)\\s+(?:a|an|my)›`,
);
const UR_CALENDAR = rx(
  `‹(?:کیلنڈر|کیلینڈر|کیلنڈار|calendar|calender|schedule|شیڈول)\\s*(?:میں|پر|mein|main|me|pe|par)›`,
);
const UR_ADD = rx(`‹(?:شامل|ڈال|لکھ|ایڈ|درج|لگا|رکھ|سیٹ|add|daal|dal|daalo|likh|shamil|laga|rakh|set|fix|book|schedule|bana|بنا|save)${UR_AUX}›`);
const UR_EVENT_MAKE = rx(
  `‹(?:ایونٹ|event|میٹنگ|meeting|اپائنٹمنٹ|appointment)\\s*(?:بنا|رکھ|سیٹ|لگا|شیڈول|bana|rakh|set|laga|schedule|fix)${UR_AUX}›|` +
  `‹(?:رکھ|rakh|fix|طے)${UR_AUX}›`,
);
const UR_EVENT_WORD = rx('‹(?:ایونٹ|event)›');
const UR_MAKE_VERB = rx(`(?:‹(?:ایونٹ|event)\\s*)?‹(?:بنا|رکھ|سیٹ|لگا|شیڈول|bana|rakh|set|laga|schedule|fix|طے)${UR_AUX}›`);
const EN_LOCATION = rx('\\s‹(?:at|in|@)\\s+((?:the\\s+)?[^,.;!?]{2,40}?)[\\s,.!]*$|\\s@\\s*([^,.;!?]{2,40}?)[\\s,.!]*$');
const UR_LOCATION = rx(`^[\\s,]*([${LETTER_RANGES}]+(?:\\s[${LETTER_RANGES}]+)?)\\s+(?:میں|پر|mein|main|pe|par)›\\s+(?=\\S)`);
const NOT_PLACE = rx('^(?:the\\s+)?(?:morning|evening|afternoon|night|calendar|list|the\\s+calendar|person|advance|time|mind)$|^(?:کیلنڈر|لسٹ|calendar|list|ghar\\s*walon|aaj|kal)$');
const DURATION = rx('\\s*‹for\\s+(an?|one|two|three|half\\s+an|\\d+(?:\\.\\d+)?)\\s*(hours?|hrs?|minutes?|mins?)›');
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, 'half an': 0.5 };

/** Takes "at riverside park" / "in conference room b" / "دفتر میں" off the end or start. */
function takeLocation(work: Work): string | undefined {
  const en = EN_LOCATION.exec(work.key);
  if (en) {
    const place = tidy(work.clean.slice(en.index, en.index + en[0].length).replace(/^\s*(?:at|in|@)\s+/i, '').replace(/^\s*@/, ''));
    if (place && !NOT_PLACE.test(place.toLowerCase()) && !/^\d/.test(place)) {
      work.blank(en.index, en.index + en[0].length);
      return place;
    }
  }
  const ur = UR_LOCATION.exec(work.key);
  if (ur && ur[1] && !NOT_PLACE.test(ur[1])) {
    const start = ur.index + ur[0].indexOf(ur[1]);
    const place = tidy(work.clean.slice(start, start + ur[1].length));
    work.blank(ur.index, ur.index + ur[0].length);
    return place;
  }
  return undefined;
}

function takeDuration(work: Work, at: When | null): Date | undefined {
  const d = work.blankFirst(DURATION);
  if (!d || !at) return undefined;
  const n = NUMBER_WORDS[(d[1] ?? '').toLowerCase().replace(/\s+/g, ' ')] ?? Number(d[1]);
  const minutes = /^h/i.test(d[2] ?? '') ? n * 60 : n;
  return Number.isFinite(minutes) && minutes > 0 ? new Date(at.start.getTime() + minutes * 60_000) : undefined;
}

/** Builds an event from the message: title, start, and end/location when stated. */
export function eventFrom(m: Msg, at: When | null = null): RuleResult {
  m.work.blankAll(EN_CALENDAR);
  m.work.blankFirst(UR_CALENDAR);
  m.work.blankFirst(EN_VERB);
  m.work.blankFirst(UR_MAKE_VERB);
  m.work.blankFirst(UR_ADD);
  const start = at ?? when(m);
  const end = start?.end ?? takeDuration(m.work, start);
  const location = takeLocation(m.work);
  const title = titleFrom(m.work);
  return result('create_event', {
    title, start: start ? iso(m, start.start) : undefined, end: end ? iso(m, end) : undefined, location,
  }, ['title', 'start']);
}

/** The explicit create_event rule: a calendar, a scheduling verb or an "event" is named. */
export function createEventRule(m: Msg): RuleResult | null {
  if ((EN_CALENDAR.test(m.key) && !ASKING.test(m.key)) || EN_STRONG.test(m.key) || UR_CALENDAR.test(m.key) ||
    (UR_EVENT_MAKE.test(m.key) && !TODO_NOUNS_RE.test(m.key)) || (UR_EVENT_WORD.test(m.key) && UR_ADD.test(m.key))) {
    if (/\b(?:reminder|alarm)\b/.test(m.key)) return null;
    return eventFrom(m);
  }
  if (EN_HAVE_EVENT.test(m.key)) {
    const probe = m.work.copy();
    const at = when({ ...m, work: probe });
    if (at?.hasTime && EVENT_HINT_RE.test(m.key)) return eventFrom(m);
  }
  return null;
}

const TODO_NOUNS_RE = rx(TODO_NOUNS);
const ASKING = rx("^[\\s]*(?:what|which|any|anything|do|does|is|are|am|how|when|show|list|whats|what's|check)›|\\?[\\s]*$");
const EVENT_HINT = '‹(?:meeting|appointment|call|lunch|dinner|breakfast|interview|class|party|flight|session|date|dentist|doctor|event|wedding|match|game|practice|' +
  'mulaqat|dawat|shadi|function|' +
  'میٹنگ|ملاقات|اپائنٹمنٹ|ڈاکٹر|ڈینٹسٹ|دعوت|شادی|تقریب|کلاس|انٹرویو|پارٹی|فلائٹ|لنچ|ڈنر|ایونٹ|میچ)›';
const EVENT_HINT_RE = rx(EVENT_HINT);
const LIST_EVENT_NOUNS = '‹(?:events?|meetings?|appointments?|calendar|calender|schedule|agenda|plans|ایونٹس|ایونٹ|میٹنگز|میٹنگیں|میٹنگ|کیلنڈر|شیڈول|ملاقاتیں|اپائنٹمنٹس|events|meetings|calendar)›';
/** "what's on next week", "anything planned for tomorrow", "whats happening this month", "what do i have tomorrow". */
const WHATS_ON = "(?:what'?s|whats|what\\s+is|what\\s+all\\s+is|is\\s+there\\s+anything|anything|what\\s+(?:else\\s+)?(?:do\\s+i\\s+have|have\\s+i\\s+got|do\\s+we\\s+have)|do\\s+i\\s+have\\s+anything)";
const LATER = '(?:tomorrow|this\\s+week|next\\s+week|the\\s+week|coming\\s+week|this\\s+month|next\\s+month|the\\s+month|this\\s+weekend|the\\s+weekend)';
const WHATS_ON_RANGE =
  `‹${WHATS_ON}\\s+(?:on|planned|scheduled|lined\\s+up|coming\\s+up|booked)\\s+(?:for\\s+|in\\s+)?(?:the\\s+rest\\s+of\\s+)?(?:today|tonight|${LATER})(?!')›|` +
  // "what's happening today" is the day's briefing (briefingRule); later ranges are the calendar.
  `‹${WHATS_ON}\\s+(?:happening|going\\s+on|up)\\s+(?:for\\s+|in\\s+)?(?:the\\s+rest\\s+of\\s+)?${LATER}(?!')›|` +
  `‹${WHATS_ON}\\s+(?:for\\s+)?${LATER}(?=[\\s?.!]*$)`;
const SHOW_EVENTS = rx(
  `${WHATS_ON_RANGE}|` +
  `(?:${SHOW_EN}|${SHOW_UR})[\\s\\S]*${LIST_EVENT_NOUNS}|${LIST_EVENT_NOUNS}[\\s\\S]*(?:${SHOW_UR})|` +
  `‹(?:kya|kia|kon\\s*se|kaun\\s*se|konse|کیا|کون\\s*سے|کونسے)›[\\s\\S]*${LIST_EVENT_NOUNS}[\\s\\S]*‹(?:hain|hai|ہیں|ہے)›|` +
  '‹(?:am\\s+i\\s+(?:free|busy|booked))›|^[\\s]*(?:my\\s+)?(?:events|calendar|schedule|agenda)[\\s?.!]*$',
);

/** "add my sister visiting to my family calendar", "schedule my doctors appointment": putting on, not showing. */
const PUT_ON = rx("^[\\s,]*(?:(?:please|pls|hey|ok|okay|olly|can\\s+you|could\\s+you|i\\s+want\\s+you\\s+to)[\\s,]+)*(?:add|put|schedule|set\\s+up|book|create|make|note|mark|flag|block|enter|insert|save)›");

/** The list_events rule: a request to see the calendar, with a range when named. */
export function listEventsRule(m: Msg): RuleResult | null {
  if (!SHOW_EVENTS.test(m.key) || PUT_ON.test(m.key)) return null;
  return result('list_events', { range: eventRange(m.key) });
}

/**
 * The fallback "add X <time>" rule: with a clock time and no task words it is an event, otherwise
 * a todo is the safer reading (tried after every explicit rule).
 */
export function addWithTimeIsEvent(m: Msg): When | null {
  if (TODO_NOUNS_RE.test(m.key)) return null;
  const probe = m.work.copy();
  const at = when({ ...m, work: probe });
  return at?.hasTime ? at : null;
}

/**
 * "kal 5 baje dentist appointment", "dentist appointment tomorrow at 4": no verb, but a clock time
 * and a calendar noun say "put this on my calendar". Tried last, and never for questions.
 */
export function timedEventRule(m: Msg): RuleResult | null {
  if (ASKING.test(m.key) || !EVENT_HINT_RE.test(m.key)) return null;
  return addWithTimeIsEvent(m) ? eventFrom(m) : null;
}
