/**
 * The message read as one given intent. Used when the intent model says what a message is and no
 * rule claimed it as that ("wake me up at five am" is a reminder although it never says "remind"):
 * the first rule that reads it as that intent wins; failing that, the intent's plain reading takes
 * the time out and keeps the rest of the words as the title, text or ref.
 */
import { rx } from './work-text.ts';
import { refFrom, titleFrom } from './fillers.ts';
import { iso, result, when, type Msg, type Rule, type RuleResult } from './message.ts';
import { eventFrom } from './rules-event.ts';
import { todoFrom } from './rules-todo.ts';
import { eventRange } from './params.ts';
import { CANCEL, DELETE_EN, DELETE_UR } from './vocab.ts';

const SET = '(?:set|create|add|make|put|schedule|start|need|want)';
/** The words that ask for an alarm or a timer, in the three languages; what remains is its label. */
const ALARM_WORDS = rx(
  `‹(?:${SET}\\s+(?:up\\s+)?(?:an?\\s+|my\\s+|the\\s+|me\\s+an?\\s+|another\\s+)?(?:new\\s+)?(?:alarms?|timers?|reminders?)|` +
  '(?:alarms?|timers?|الارم|ٹائمر)\\s*(?:set|laga|lagao|lga|lgao|lagana|lagado|سیٹ|لگا)\\w*(?:\\s*(?:kar|kr|کر)\\w*)?(?:\\s*(?:do|dein|den|de|dijiye|dena|دو|دیں|دینا))?|' +
  'alarms?|timers?|الارم|ٹائمر|' +
  'wake\\s+(?:me|us)(?:\\s+up)?|get\\s+me\\s+up|(?:utha|jaga|uthana|jagana|اٹھا|جگا)\\s*(?:dena|do|dijiye|dein|دینا|دو|دیں)?)›' +
  '(?:\\s*(?:for|at|to|on|ke\\s*liye|کے\\s*لیے|کے\\s*لئے)›)?',
  'giu',
);
const WAKE = rx("‹(?:wake|get\\s+me\\s+up|utha|jaga|uthana|jagana|اٹھا|جگا)");
const TIMER = rx('‹(?:timers?|ٹائمر)›');
const ALARM_NOUN = rx("‹(?:alarms?|timers?|الارم|ٹائمر|wake\\s+(?:me|us)|get\\s+me\\s+up|utha|jaga|اٹھا|جگا)");
const REMOVE_WORDS = rx(`${DELETE_EN}|${DELETE_UR}|${CANCEL}|‹(?:turn\\s+off|switch\\s+off|disable|stop|band\\s*kar\\w*|بند\\s*کر\\w*)›`, 'giu');
const ITEM_NOUNS = rx(
  '‹(?:the\\s+|my\\s+|this\\s+|that\\s+|all\\s+)?(?:alarms?|reminders?|timers?|events?|todos?|tasks?|items?|notes?|appointments?|meetings?|الارم|ریمائنڈر|ایونٹ)' +
  '(?:\\s+(?:about|called|named|for|to|of|regarding|set\\s+for))?›|' +
  '‹(?:from|off|in|on)\\s+(?:my|the)\\s+(?:list|calendar|schedule|todo\\s+list|shopping\\s+list)›|‹(?:والا|والی|والے|wala|wali|wale)›',
  'giu',
);
const TODAY = rx('‹(?:today|tonight|aaj|آج)›');
const WEEK = rx('‹(?:this\\s+week|week|weekly|hafte|hafta|ہفتے|ہفتہ)›');

/**
 * An alarm, a timer or "wake me": a reminder whose label defaults to what it is. A time alone
 * ("kal raat 9 baje", often the answer to a question) is no reminder request: no reading.
 */
function alarmFrom(m: Msg): RuleResult | null {
  const named = m.work.blankAll(ALARM_WORDS) > 0;
  const at = when(m);
  const words = titleFrom(m.work).replace(/^(?:for|at|to|on|ke liye|کے لیے)\s+/i, '');
  if (!named && !words) return null;
  return result('create_reminder', { text: words || alarmLabel(m), at: at ? iso(m, at.start) : undefined }, ['text', 'at']);
}

/**
 * An alarm or timer set without words ("set an alarm for 6 am") is labelled by what it is, so the
 * person is not asked what to be reminded about.
 */
export function withAlarmLabel<R extends RuleResult>(r: R, m: Msg): R {
  if (r.intent !== 'create_reminder' || r.params.text !== undefined || !ALARM_NOUN.test(m.key)) return r;
  const labelled: R = Object.assign({}, r, { params: { ...r.params, text: alarmLabel(m) } });
  const missing = r.missing?.filter((p) => p !== 'text');
  if (missing?.length) labelled.missing = missing;
  else delete labelled.missing;
  return labelled;
}

/** What an alarm without words is called: "wake up", "timer" or "alarm" (in Urdu for Urdu script). */
function alarmLabel(m: Msg): string {
  const urdu = m.variant === 'ur';
  if (WAKE.test(m.key)) return urdu ? 'جاگنا' : 'wake up';
  if (TIMER.test(m.key)) return urdu ? 'ٹائمر' : 'timer';
  return urdu ? 'الارم' : 'alarm';
}

/** The words that name the item once the removal words and nouns are gone. */
function removal(intent: string, m: Msg): RuleResult {
  const at = intent === 'cancel_reminder' ? when(m) : null;
  m.work.blankAll(REMOVE_WORDS);
  m.work.blankAll(ITEM_NOUNS);
  const ref = refFrom(m.work);
  if (intent === 'cancel_reminder' && !ref && at) return result(intent, { day: iso(m, at.start) });
  return result(intent, { ref }, ['ref']);
}

/**
 * Reads the message as `intent`; null when there is no sensible reading of it as that intent (the
 * caller then does not act on the model's word alone). `fresh` gives an untouched copy each time.
 */
export function readAs(intent: string, fresh: () => Msg, rules: readonly Rule[]): RuleResult | null {
  for (const rule of rules) {
    try {
      const r = rule(fresh());
      if (r?.intent === intent) return r;
    } catch {
      // A rule that fails on this message has no reading of it.
    }
  }
  const m = fresh();
  switch (intent) {
    case 'general_chat': return result('general_chat', {});
    case 'create_reminder': return alarmFrom(m);
    case 'create_event': return eventFrom(m);
    case 'create_todo': return todoFrom(m);
    case 'list_events': return result('list_events', { range: eventRange(m.key) });
    case 'list_todos': return result('list_todos', {});
    case 'list_reminders': return result('list_reminders', { filter: TODAY.test(m.key) ? 'today' : WEEK.test(m.key) ? 'week' : undefined });
    case 'daily_briefing': case 'get_stats': return result(intent, {});
    case 'delete_todo': case 'delete_event': case 'cancel_reminder': return removal(intent, m);
    default: return null;
  }
}
