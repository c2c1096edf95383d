/**
 * Deleting a todo or an event: "get rid of the dry cleaning todo", "remove #7 from my todos",
 * "cancel lunch with sara", "shadi wala event calendar se hata do". Calendar words or "cancel"
 * point at an event; task words or nothing at all point at a todo.
 */
import { rx } from './work-text.ts';
import { refFrom } from './fillers.ts';
import { result, type Msg, type RuleResult } from './message.ts';
import { DELETE_EN, DELETE_UR, CANCEL, EVENT_NOUNS, TODO_NOUNS } from './vocab.ts';

const POLITE = "^[\\s,]*(?:(?:please|pls|hey|ok|okay|can you|could you|would you|kindly|also|and|now|just)[\\s,]+)*";
const EN_START = rx(`${POLITE}(?:${DELETE_EN}|‹(?:cancel|call\\s+off|unschedule)›)`);
const UR_ANY = rx(`(?:${DELETE_UR})|(?:${CANCEL})`);
const IS_CANCEL = rx(CANCEL);
const EVENTISH = rx(`${EVENT_NOUNS}|‹(?:from|off)\\s+(?:my|the)\\s+(?:calendar|schedule|agenda)›`);
const TODOISH = rx(TODO_NOUNS);
const QUESTION = rx("^[\\s]*(?:how|why|what|can\\s+i|should\\s+i)›|‹(?:کیسے|kaise|kese)›");

const VERBS = rx(`${DELETE_UR}|${CANCEL}|${DELETE_EN}|‹(?:call\\s+off|unschedule)›`, 'giu');
const CONTAINERS = rx(
  '‹(?:from|off|in|on)\\s+(?:my|the|our)\\s+(?:todo\\s+list|to-do\\s+list|task\\s+list|todos|tasks|list|calendar|schedule|agenda)›|' +
  '‹(?:کیلنڈر|calendar|لسٹ|list|فہرست|ٹو\\s*ڈو|todo|tasks?)\\s*(?:سے|se|mein|میں)›',
  'giu',
);
const ITEM_WORDS = rx(
  '‹(?:the\\s+|my\\s+|this\\s+|that\\s+)?(?:todo|to-do|task|item|event|reminder)\\s*(?:about|called|named|titled|for|regarding|with)?›|' +
  '‹(?:والا|والی|والے|wala|wali|wale)\\s*(?:ایونٹ|event|کام|ٹاسک|task|kaam|todo|reminder|ریمائنڈر|ریمائینڈر)?›|‹(?:ایونٹ|ٹاسک|ریمائنڈر|ریمائینڈر)›|' +
  "‹(?:we'?re|i'?m|it'?s|not\\s+(?:doing|needed|happening)|no\\s+longer)›[\\s\\S]*$",
  'giu',
);

/** The delete rule for todos and events. */
export function deleteRule(m: Msg): RuleResult | null {
  if (!(EN_START.test(m.key) || UR_ANY.test(m.key)) || QUESTION.test(m.key)) return null;
  const isEvent = !TODOISH.test(m.key) && (EVENTISH.test(m.key) || IS_CANCEL.test(m.key));
  m.work.blankAll(VERBS);
  m.work.blankAll(CONTAINERS);
  m.work.blankAll(ITEM_WORDS);
  return result(isEvent ? 'delete_event' : 'delete_todo', { ref: refFrom(m.work) }, ['ref']);
}
