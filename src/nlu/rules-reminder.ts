/**
 * create_reminder: "remind me at 3pm to move the car", "ping me at noon to ...", "/remind 20m ...",
 * "کل صبح 8 بجے دوائی لینا یاد دلا دیں", "parson 2 baje doctor jana yaad dilana".
 * Without a time the intent still stands and `at` is reported missing, so the orchestrator asks.
 */
import { rx, alt } from './work-text.ts';
import { titleFrom } from './fillers.ts';
import { when, iso, result, type Msg, type RuleResult } from './message.ts';
import { DELETE_EN, DELETE_UR, CANCEL } from './vocab.ts';

const EN_TRIGGER = rx(
  '‹(?:(?:remind|ping|nudge|alert|notify|buzz)\\s+(?:me|us)|remind|' +
  '(?:set|create|add|make|schedule|put)\\s+(?:a\\s+|an\\s+|me\\s+a\\s+)?(?:reminder|alarm)|' +
  "reminder|don'?t\\s+let\\s+me\\s+forget)›(?:\\s*(?:to|about|abt|abut|bout|regarding|re|that|of|for|:|-)›)?",
);
/** Command forms only: "thanks for the reminder" must stay chat. */
const EN_COMMAND = rx(
  "‹(?:(?:remind|ping|nudge|alert|notify|buzz)\\s+(?:me|us)|don'?t\\s+let\\s+me\\s+forget|" +
  '(?:set|create|add|make|schedule|put)\\s+(?:a\\s+|an\\s+|me\\s+a\\s+)?(?:reminder|alarm)|reminder\\s*(?::|to|for|about|abt|regarding|at|in|on|-))›|' +
  '^(?:(?:please|pls|hey|ok|okay|can you|could you|would you|kindly)[\\s,]+)*(?:remind|reminder)›',
);

const UR_TRIGGER = rx(
  `(?:‹(?:مجھے|mujhe|mjhe|muje|mujhko)›\\s*)?(?:‹(?:کا|کی|کے|ka|ki|ke)›\\s*)?` +
  `‹(?:یاد\\s*(?:دلا|دلوا|کرا|کروا)\\S*|yaad\\s*(?:dila|dilwa|kara|karwa|krwa|dla)\\w*|yad\\s*(?:dila|dilwa|kara|karwa)\\w*|` +
  `(?:remind|reminder|ریمائنڈر|ریمائینڈر)\\s*(?:kar|کر|laga|لگا|set\\s*kar|سیٹ\\s*کر|bana|بنا)\\w*|` +
  `(?:ریمائنڈر|ریمائینڈر))›` +
  `(?:\\s*${alt(['دیں', 'دو', 'دینا', 'دیجیے', 'دیجئے', 'دے', 'دیں گے', 'dena', 'do', 'dein', 'den', 'dijiye', 'dijye', 'dyna', 'de', 'dena na'])}›)?`,
);

/** Asking to be reminded, as a verb ("yaad dila do", "remind me"), not the noun alone. */
const REMIND_VERB = rx("‹(?:یاد\\s*(?:دلا|دلوا|کرا|کروا)|yaad\\s*(?:dila|dilwa|kara|karwa|krwa|dla)|yad\\s*(?:dila|dilwa)|(?:remind|ping|nudge|alert|notify|buzz)\\s+(?:me|us)|don'?t\\s+let\\s+me\\s+forget)");
const REMOVE = rx(`${DELETE_EN}|${DELETE_UR}|${CANCEL}`);

function isReminderCommand(m: Msg): boolean {
  if (!UR_TRIGGER.test(m.key) && !EN_COMMAND.test(m.key)) return false;
  // "پلمبر والا ریمائنڈر کینسل کرو" removes a reminder; it does not set one.
  return REMIND_VERB.test(m.key) || !REMOVE.test(m.key);
}

/** Builds the reminder from what remains once the command words and the time are gone. */
export function reminderFrom(m: Msg): RuleResult {
  m.work.blankFirst(UR_TRIGGER);
  m.work.blankFirst(EN_TRIGGER);
  const at = when(m);
  const text = titleFrom(m.work);
  return result('create_reminder', { text, at: at ? iso(m, at.start) : undefined }, ['text', 'at']);
}

/** The create_reminder rule. */
export function reminderRule(m: Msg): RuleResult | null {
  return isReminderCommand(m) ? reminderFrom(m) : null;
}

const FOR_ME = rx('‹(?:(?:remind|ping|nudge|alert|notify|buzz|tell|message|dm)\\s+me|(?:mujhe|mjhe|muje|mujhko|mujhay)|(?:مجھے|مجھ\\s*کو)|privately|in\\s+private|in\\s+my\\s+dms?)›');
const FOR_US = rx('‹(?:(?:remind|ping|nudge|alert|notify|buzz|tell)\\s+(?:us|everyone|everybody|all|the\\s+group|the\\s+team)|(?:hamein|hume|humein|hamen|sab\\s*ko)|(?:ہمیں|ہم\\s*سب\\s*کو|سب\\s*کو))›');

/**
 * Who a reminder said in a group is for: "remind me" / "mujhe yaad dilana" → the sender privately
 * ('me'); "remind us" / "sab ko" → the group ('chat'); undefined when the words do not say. Kept out
 * of the parsed params (the shared intent contract has no such param): the router adds it in groups.
 */
export function reminderAudience(text: string): 'me' | 'chat' | undefined {
  const key = text.toLowerCase();
  if (FOR_US.test(key)) return 'chat';
  if (FOR_ME.test(key)) return 'me';
  return undefined;
}
