/**
 * Asking about and changing reminders that exist: "what reminders do I have", "did I set any
 * reminders for today", "cancel the pills reminder", "cancel my alarm for tomorrow", "move the pills
 * reminder to 6pm", "snooze that for 10 minutes", "pause the water reminder", "meri reminders
 * dikhao", "pills wala reminder cancel kar do", "پانی والی یاد دہانی روک دیں". A question about reminders
 * never sets one and never completes a todo: these rules run before both.
 */
import { rx, tidy, Work } from './work-text.ts';
import { refFrom } from './fillers.ts';
import { when, iso, result, type Msg, type RuleResult } from './message.ts';
import { atClock, wallIn } from './when.ts';
import { CANCEL, DELETE_EN, DELETE_UR, SHOW_EN, SHOW_UR, UR_AUX } from './vocab.ts';

/** The noun: a reminder or an alarm, in the three languages. */
const NOUN = '(?:reminders?|alarms?|remainders?|ریمائنڈرز?|ریمائینڈرز?|یاد\\s*دہانی(?:اں|وں)?|yaad\\s*dehani(?:yan|yon)?|alarm)';
const HAS_NOUN = rx(`‹${NOUN}›`);
const NOUN_WORDS = rx(`‹(?:the\\s+|my\\s+|this\\s+|that\\s+|our\\s+)?${NOUN}(?:\\s+(?:about|called|named|for|to|of|regarding))?›|‹(?:والا|والی|والے|wala|wali|wale)›|‹(?:میری|میرے|meri|mere|my)›`, 'giu');

const CREATE_FORM = rx('‹(?:set(?:\\s+up)?|create|add|make|schedule|put|new|send\\s+me|need|want)\\s+(?:(?!(?:the|my|that|this|our|any|all|some)\\s)[\\w\'-]+\\s+){0,3}(?:reminders?|alarms?)›|‹(?:reminder|alarm)\\s+(?:set|laga|lagao|lagaen|lagayen|bana|banao|create)›|‹(?:remind|ping|nudge)\\s+(?:me|us)\\s+(?:to|about|at|in|on)›|‹(?:how|why|difference|thanks?|thank\\s+you)›');
const ASK_EN = rx(`${SHOW_EN}|‹(?:did\\s+i\\s+set|have\\s+i\\s+set|are\\s+there|got\\s+any|upcoming|pending|all)›`);
const ASK_UR = rx(`${SHOW_UR}|‹(?:کتنی|کتنے|kitni|kitne|hain|ہیں)›`);
const TODAY = rx('‹(?:today|tonight|aaj|آج)›');
/** A yes/no or when-question about a reminder or alarm already set. */
const SET_QUESTION = rx(
  "^[\\s,]*(?:(?:hey|ok|okay|so|and)[\\s,]+)*(?:did\\s+(?:i|you|we)|have\\s+(?:i|you|we)|had\\s+i|is\\s+(?:my|the|there\\s+an?|an?)|are\\s+(?:my|the|there\\s+any)|at\\s+what\\s+time\\s+(?:have|did)|what\\s+time\\s+(?:is|did|have))›|" +
  '‹(?:kya|کیا)›[\\s\\S]*‹(?:set|سیٹ|laga|لگا)›\\s*(?:hai|hain|he|kiya|kia|ہے|ہیں|کیا)[\\s?؟]*$',
);
const WEEK = rx('‹(?:this\\s+week|week|weekly|hafte|hafta|ہفتے|ہفتہ)›');

/** "band kar do" / "بند کر دو": switching an alarm or reminder off. */
const SWITCH_OFF_UR = `‹(?:بند|band)›${UR_AUX}`;
const REMOVE = rx(`${CANCEL}|${DELETE_EN}|${DELETE_UR}|${SWITCH_OFF_UR}|‹(?:turn\\s+off|switch\\s+off|disable|stop)›`);
const REMOVE_WORDS = rx(`${CANCEL}|${DELETE_EN}|${DELETE_UR}|${SWITCH_OFF_UR}|‹(?:turn\\s+off|switch\\s+off|disable|stop)›|‹(?:please|pls|can\\s+you|could\\s+you)›`, 'giu');

const PAUSE = rx('‹(?:pause|hold|suspend|put\\s+on\\s+hold|روک|روکیں|روکو|rok|roko|rokein)›');
const RESUME = rx('‹(?:resume|unpause|restart|restore|start\\s+again|turn\\s+back\\s+on|دوبارہ\\s*شروع|پھر\\s*سے\\s*شروع|dobara\\s+shuru|phir\\s+se\\s+shuru|dubara\\s+shuru)›');
const PAUSE_WORDS = rx(`‹(?:pause|hold|suspend|put\\s+on\\s+hold|for\\s+now|resume|unpause|restart|restore|start\\s+again|turn\\s+back\\s+on|روک|روکیں|روکو|rok|roko|rokein|دوبارہ|پھر\\s*سے|شروع|dobara|dubara|phir\\s+se|shuru)›${UR_AUX}`, 'giu');

const SNOOZE = rx('‹(?:snooze|snoozed)›|‹remind\\s+me\\s+again›|‹(?:again|later)\\s+in\\s+(?:\\d|an?\\s|one\\s|ek\\s)');
const SNOOZE_WORDS = rx('‹(?:snooze|remind\\s+me\\s+again|again|later|for|by|in|after|baad|بعد|that|this|it|please|pls)›', 'giu');
/** "that", "this", "it": the reminder that just arrived, no name needed. */
const DEICTIC = rx('‹(?:that|this|it|woh|wo|ye|yeh|وہ|یہ|اسے)›');
const DURATION = rx('‹(\\d{1,4}|an?|one|ek|ایک)\\s*(min(?:ute)?s?|mins?|m|minute|منٹ|hours?|hrs?|h|ghante|ghanta|گھنٹے|گھنٹہ)›');

const UPDATE = rx('^[\\s,]*(?:(?:please|pls|can you|could you|would you|kindly|also|and|now|just)[\\s,]+)*(?:move|reschedule|push|postpone|prepone|shift|change|update|edit|set|reset|correct|make|bump|delay)›|‹(?:بدل|تبدیل|badal|badlo|badaliye|badlein|badlen|change|shift|reset|correct|prepone)›|‹(?:کر|kar|kr)\\s+(?:دیں|دو|do|dein|den)›');
const UPDATE_WORDS = rx('‹(?:move|moved|reschedule|push|postpone|prepone|shift|change|update|edit|set|reset|correct|make|bump|delay|بدل|تبدیل|badal|badlo|badaliye|badlein|badlen|instead|rather)›' + UR_AUX + '|‹(?:کر|kar|kr)\\s+(?:دیں|دو|do|dein|den)›|‹(?:please|pls|can\\s+you|could\\s+you)›', 'giu');
const RATHER = rx('[\\s,]*‹(?:rather\\s+than|instead\\s+of|not)›\\s+[^,]*$');
/** "my 7am alarm", "the 6:30 reminder": a time that names the alarm, not its new time. */
const NAMED_BY_TIME = rx(`‹(\\d{1,2}(?:[:.]\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)?)\\s+${NOUN}`);
/** "… to 8", "… to 8:30": a bare hour, read on the named alarm's side of noon. */
const TO_CLOCK = rx('‹(?:to|for|at)\\s+(\\d{1,2})(?:[:.](\\d{2}))?\\s*(am|pm)?[\\s.!]*$');
const TO_TEXT = rx('^(.*?)\\s+(?:to|into)\\s+(.+)$');

/** What is left once the rule's own words are gone: the reminder's words ("pills"), or nothing. */
function refOf(m: Msg, ...words: RegExp[]): string {
  for (const w of words) m.work.blankAll(w);
  m.work.blankAll(NOUN_WORDS);
  // Roman particles left at the edges once the verb went ("alarm ko … reset karen" → "ko").
  const ref = refFrom(m.work).replace(/^(?:ko|ka|ki|ke)\s+|\s+(?:ko|ka|ki|ke|kare|karen|karein|karo|kar|kijiye)$/giu, '').trim();
  return /^(?:that|this|it|woh|wo|ye|yeh|وہ|یہ|for|to|of|ko|ka|ki|ke|kare|karen|karo|kar)$/i.test(ref) ? '' : ref;
}

/** The rule for questions about reminders and for changing, pausing, snoozing or cancelling one. */
export function manageReminderRule(m: Msg): RuleResult | null {
  const k = m.key;
  if (SNOOZE.test(k) && !CREATE_FORM.test(k)) return snooze(m);
  if (!HAS_NOUN.test(k)) return null;
  // "did I set an alarm to wake up?", "is my school alarm set", "kya mera alarm set hai": asking, not setting.
  if (SET_QUESTION.test(k)) return result('list_reminders', { filter: TODAY.test(k) ? 'today' : WEEK.test(k) ? 'week' : undefined });
  if (PAUSE.test(k) || RESUME.test(k)) {
    const intent = RESUME.test(k) ? 'resume_reminder' : 'pause_reminder';
    return result(intent, { ref: refOf(m, PAUSE_WORDS) }, DEICTIC.test(k) ? [] : ['ref']);
  }
  if (REMOVE.test(k)) {
    const at = when(m);
    const ref = refOf(m, REMOVE_WORDS);
    return result('cancel_reminder', { ref: ref || undefined, day: at && !ref ? iso(m, at.start) : undefined }, (at && !ref) || DEICTIC.test(k) ? [] : ['ref']);
  }
  if (UPDATE.test(k) && !CREATE_FORM.test(k)) {
    const changed = update(m);
    if (changed) return changed;
  }
  if (CREATE_FORM.test(k)) return null;
  if (ASK_EN.test(k) || ASK_UR.test(k) || /[?؟]\s*$/.test(k)) {
    const filter = TODAY.test(k) ? 'today' : WEEK.test(k) ? 'week' : undefined;
    return result('list_reminders', { filter });
  }
  return null;
}

/** "move the pills reminder to 6pm", "change the reminder for the work meeting to 10 am on Monday rather than 9". */
function update(m: Msg): RuleResult | null {
  const rather = RATHER.exec(m.work.key);
  if (rather) m.work.blank(rather.index, m.work.key.length);
  const byTime = NAMED_BY_TIME.exec(m.work.key);
  if (byTime) {
    const moved = byTimeChange(m, byTime);
    if (moved) return moved;
  }
  const before = m.work.copy();
  const at = when(m);
  if (at) {
    const ref = refOf(m, UPDATE_WORDS);
    return result('update_reminder', { ref: ref.replace(/\s+(?:to|for|on|at)$/i, ''), at: iso(m, at.start) }, ['ref']);
  }
  m.work = before;
  m.work.blankAll(UPDATE_WORDS);
  const split = TO_TEXT.exec(m.work.key);
  if (!split) return null;
  const refEnd = split[1]!.length;
  const text = tidy(m.work.clean.slice(m.work.key.length - split[2]!.length));
  m.work.blank(refEnd, m.work.key.length);
  const ref = refOf(m);
  return text ? result('update_reminder', { ref, text }, ['ref']) : null;
}

/** "change my 7am alarm to 8": the alarm is named by its time ("7am" is the ref), 8 is its new time (still am). */
function byTimeChange(m: Msg, found: RegExpExecArray): RuleResult | null {
  const named = m.work.clean.slice(found.index, found.index + found[1]!.length);
  const old = when({ ...m, work: new Work(named) });
  if (!old?.hasTime) return null;
  const w = m.work.copy();
  w.blank(found.index, found.index + found[1]!.length);
  const rest = { ...m, work: w };
  const to = TO_CLOCK.exec(w.key);
  let at: Date | null = null;
  if (to) {
    const wall = wallIn(old.start, m.ctx.timeZone);
    const pm = to[3] ? to[3] === 'pm' : wall.hour >= 12;
    const hour = (Number(to[1]) % 12) + (pm ? 12 : 0);
    const minute = Number(to[2] ?? 0);
    if (Number(to[1]) > 12 || minute > 59) return null;
    at = atClock(m.ctx, { year: wall.year, month: wall.month, day: wall.day }, hour, minute);
  } else {
    at = when(rest)?.start ?? null;
  }
  return at ? result('update_reminder', { ref: tidy(named), at: iso(m, at) }, ['ref']) : null;
}

/** "snooze that for 10 minutes", "snooze the pills reminder an hour", "remind me again in 10 minutes"; also `/snooze`'s words. */
export function snooze(m: Msg): RuleResult {
  const d = DURATION.exec(m.work.key);
  let at: Date | undefined;
  if (d) {
    const n = /^\d+$/.test(d[1]!) ? Number(d[1]) : 1;
    const hours = /^(?:h|hours?|hrs?|ghante|ghanta|گھنٹے|گھنٹہ)$/.test(d[2]!);
    at = new Date(m.ctx.now.getTime() + n * (hours ? 3_600_000 : 60_000));
    m.work.blank(d.index, d.index + d[0].length);
  } else {
    const w = when(m);
    if (w) at = w.start;
  }
  const ref = refOf(m, SNOOZE_WORDS);
  return result('snooze_reminder', { ref: ref || undefined, at: at ? iso(m, at) : undefined });
}

/**
 * Whether the words themselves say snooze ("snooze that", "remind me again in 10 minutes"), as
 * opposed to a reminder request without words ("remind me in 10 minutes"), which is only a snooze
 * when a reminder has just arrived — something the caller knows and the parser does not.
 */
export function saysSnooze(text: string): boolean {
  return SNOOZE.test(new Work(text).key);
}

/**
 * "10 minute baad yaad dilana" / "remind me in 10 minutes" with nothing to remind about: said after
 * a reminder arrived, it is a snooze of that one, not a new reminder without words.
 */
export function textlessReminderIsSnooze(r: RuleResult, m: Msg): RuleResult {
  if (r.intent !== 'create_reminder' || r.params.text !== undefined || r.params.at === undefined) return r;
  // "set an alarm for 2 hours", "create alarm for 10 minutes": asking for a new one, not a snooze.
  if (!DURATION.test(m.key) || CREATE_FORM.test(m.key)) return r;
  return result('snooze_reminder', { at: r.params.at });
}
