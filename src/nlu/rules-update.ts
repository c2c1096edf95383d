/**
 * Changing an existing todo or event: "move the dentist appointment to wednesday at 5pm",
 * "change priority of renew passport to low", "rename 'file taxes' to 'file federal and state taxes'",
 * "رپورٹ والے کام کی تاریخ پرسوں کر دیں", "کلائنٹ میٹنگ کی جگہ بدل کر زوم کر دیں".
 * Task words or a date-only change point at a todo; event words or a clock time at an event.
 */
import { rx, tidy, Work } from './work-text.ts';
import { refFrom } from './fillers.ts';
import { takePriority, takeCategory, priorityValue } from './params.ts';
import { when, iso, result, type Msg, type RuleResult } from './message.ts';
import { EVENT_NOUNS, TODO_NOUNS, UR_AUX } from './vocab.ts';

const POLITE = "^[\\s,]*(?:(?:please|pls|hey|ok|okay|can you|could you|would you|kindly|also|and|now|just)[\\s,]+)*";
const EN_VERB = rx(
  `${POLITE}(?:move|moved|reschedule|push|postpone|shift|change|rename|update|edit|bump|delay|prepone|bring\\s+forward|` +
  'make|set|switch|retitle|modify)›',
);
const RENAME = rx(`${POLITE}(?:rename|retitle|change\\s+(?:the\\s+)?(?:name|title)\\s+of|change)\\s+(.+?)\\s+(?:to|as|into)\\s+(.+)$`);
const FIELD_OF = rx(
  `${POLITE}(?:change|set|update|make|move|switch)\\s+(?:the\\s+)?(priority|category|location|venue|place|due\\s+date|date|time|deadline)\\s+(?:of|for|on)\\s+(.+?)\\s+(?:to|as)\\s+(.+)$`,
);
const MAKE_PRIORITY = rx(`${POLITE}(?:make|mark|set)\\s+(.+?)\\s+(?:as\\s+)?(?:a\\s+)?((?:high|low|medium)\\s+priority|urgent|important|not\\s+urgent)›`);
/** "change pay rent to high priority", "set X as urgent": a new priority for a named item. */
const PRIORITY_TO = rx(
  `${POLITE}(?:change|set|make|switch|update|mark|bump|move|put)\\s+(.+?)\\s+(?:to|as|into|on)\\s+(?:a\\s+|the\\s+)?` +
  '((?:high|higher|low|lower|medium|normal|top)\\s*(?:-\\s*)?priority|priority\\s+(?:high|low|medium)|urgent|not\\s+urgent)[\\s.!]*$',
);
/** "set pay rent to work", "change X to the home category": a new category (a todo's). */
const CATEGORY_TO = rx(`${POLITE}(?:set|change|switch|put|file)\\s+(.+?)\\s+(?:to|as|under|into)\\s+(?:my\\s+|the\\s+)?(work|home|personal|other)(?:\\s+(?:list|tasks|category))?[\\s.!]*$`);
const MOVE_TO = rx(`${POLITE}(?:move|moved|reschedule|push|postpone|shift|change|bump|delay|prepone|bring\\s+forward|update)\\s+(.+?)\\s+(?:to|till|until|for|back\\s+to|forward\\s+to|over\\s+to)\\s+(.+)$`);
const MOVE_NO_TO = rx(`${POLITE}(?:reschedule|postpone|push\\s+back|move)\\s+(.+)$`);
const UR_FIELD = rx(
  `^(.+?)\\s*(?:کی|کا|کے|ki|ka|ke)\\s*(تاریخ|ڈیٹ|date|tareekh|tarikh|وقت|ٹائم|time|waqt|جگہ|مقام|لوکیشن|location|jagah|jaga|جگہ|ترجیح|priority)` +
  `\\s*(?:(?:بدل|تبدیل|badal|tabdeel|change)\\s*(?:کر|kar)\\s*(?:کے)?\\s*)?(.+?)\\s*(?:کر|kar|kr|pe|par|پر|رکھ|rakh)${UR_AUX}[\\s.!]*$`,
);
/** "meeting ko 7 baje kar do", "pay rent ko kal pe kar do", "میٹنگ کو سات بجے کر دو": the words between ko and kar are only a time. */
const UR_KO_KAR = rx(
  `^(.+?)\\s*(?:کو|ko)\\s+(.+?)\\s*(?:پر|پہ|pe|par|tak|تک)?\\s*(?:کر|kar|kr|karo|kro|کرو|kardo|krdo|کردو|kardein|کردیں|رکھ|rakh)${UR_AUX}[\\s.!]*$`,
);
/** "میٹنگ کا وقت بدل دو", "meeting ka time change kar do": which item, the new time still to ask. */
const UR_FIELD_ASK = rx(
  `^(.+?)\\s*(?:کی|کا|کے|ki|ka|ke)\\s*(تاریخ|ڈیٹ|date|tareekh|tarikh|وقت|ٹائم|time|waqt)\\s*(?:بدل|بدلو|بدلیں|تبدیل|badal|badlo|badlein|tabdeel|change|shift|شفٹ)${UR_AUX}[\\s.!؟?]*$`,
);
const UR_MOVE = rx(`^(.+?)\\s*(?:کو|ko)\\s+(.+?)\\s*(?:پر|pe|par|تک|tak)?\\s*(?:منتقل|شفٹ|shift|move|muntaqil)${UR_AUX}[\\s.!]*$`);
const TODO_RE = rx(TODO_NOUNS);
const EVENT_RE = rx(EVENT_NOUNS);
const STRIP_ITEM = rx(
  '‹(?:todo|to-do|task|item|event)›\\s*$|^\\s*‹(?:the|my)\\s+(?:todo|task)\\s+(?:called|named|about|for)?›|' +
  '‹(?:والے|والا|والی|wale|wala|wali)\\s*(?:کام|ٹاسک|task|kaam|event|ایونٹ)?›|‹(?:کام|ٹاسک)›\\s*$',
  'giu',
);

function refText(clean: string): string {
  const w = new Work(clean);
  w.blankAll(STRIP_ITEM);
  return refFrom(w);
}

function sub(m: Msg, start: number, text: string): Msg {
  const w = new Work(m.work.clean.slice(start, start + text.length));
  return { ...m, work: w, key: w.key };
}

/** Task words mean a todo; calendar words in the ref or a clock time mean an event. */
function pick(m: Msg, ref: string, hasTime: boolean): 'update_todo' | 'update_event' {
  if (TODO_RE.test(m.key)) return 'update_todo';
  if (EVENT_RE.test(ref)) return 'update_event';
  return hasTime ? 'update_event' : 'update_todo';
}

function timeChange(m: Msg, refStart: number, refStr: string, valStart: number, valStr: string, forceTodo = false): RuleResult | null {
  const v = sub(m, valStart, valStr);
  const at = when(v);
  if (!at) return null;
  const leftover = tidy(v.work.rest());
  if (leftover && !/^(?:instead|please|pls|pm|am|کر دیں|کر دو|kar do)$/i.test(leftover)) return null;
  const ref = refText(m.work.clean.slice(refStart, refStart + refStr.length));
  const intent = forceTodo ? 'update_todo' : pick(m, ref, at.hasTime);
  return intent === 'update_todo'
    ? result(intent, { ref, due: iso(m, at.start) }, ['ref'])
    : result(intent, { ref, start: iso(m, at.start), end: at.end ? iso(m, at.end) : undefined }, ['ref']);
}

/** The update rule for todos and events. */
export function updateRule(m: Msg): RuleResult | null {
  const k = m.key;
  const f = FIELD_OF.exec(k);
  if (f) {
    const [, field = '', refS = '', valS = ''] = f;
    const refStart = k.indexOf(refS, f.index);
    const valStart = k.length - valS.length;
    const ref = refText(m.work.clean.slice(refStart, refStart + refS.length));
    if (field === 'priority') return result('update_todo', { ref, priority: takePriority(new Work(`${valS} priority`)) }, ['ref']);
    if (field === 'category') return result('update_todo', { ref, category: takeCategory(new Work(`, ${valS}`)) }, ['ref']);
    if (/location|venue|place/.test(field)) return result('update_event', { ref, location: tidy(m.work.clean.slice(valStart)) }, ['ref']);
    return timeChange(m, refStart, refS, valStart, valS, /due|deadline/.test(field));
  }
  const p = MAKE_PRIORITY.exec(k);
  if (p) {
    const refStart = k.indexOf(p[1]!, p.index);
    return result('update_todo', { ref: refText(m.work.clean.slice(refStart, refStart + p[1]!.length)), priority: takePriority(new Work(p[2]!)) }, ['ref']);
  }
  const pt = PRIORITY_TO.exec(k);
  if (pt) {
    const refStart = k.indexOf(pt[1]!, pt.index);
    return result('update_todo', { ref: refText(m.work.clean.slice(refStart, refStart + pt[1]!.length)), priority: priorityValue(pt[2]!) }, ['ref']);
  }
  const ct = CATEGORY_TO.exec(k);
  if (ct) {
    const refStart = k.indexOf(ct[1]!, ct.index);
    return result('update_todo', { ref: refText(m.work.clean.slice(refStart, refStart + ct[1]!.length)), category: takeCategory(new Work(`, ${ct[2]!}`)) }, ['ref']);
  }
  const mv = MOVE_TO.exec(k);
  if (mv) {
    const [, refS = '', valS = ''] = mv;
    const refStart = k.indexOf(refS, mv.index);
    const valStart = k.length - valS.length;
    const category = /^(?:my\s+|the\s+)?(?:work|home|personal|other)(?:\s+(?:list|tasks|category))?[\s.!]*$/i.exec(valS);
    if (category) return result('update_todo', { ref: refText(m.work.clean.slice(refStart, refStart + refS.length)), category: takeCategory(new Work(`, ${valS.replace(/^(?:my|the)\s+/i, '').split(/\s/)[0]}`)) }, ['ref']);
    const timed = timeChange(m, refStart, refS, valStart, valS);
    if (timed) return timed;
  }
  const r = RENAME.exec(k);
  if (r && !/^(?:change|update)\b/i.test(k.trim()) || (r && /['"‘“]/.test(k))) {
    const [, refS = '', valS = ''] = r!;
    const refStart = k.indexOf(refS);
    const valStart = k.length - valS.length;
    const ref = refText(m.work.clean.slice(refStart, refStart + refS.length));
    return result(pick(m, ref, false), { ref, title: tidy(m.work.clean.slice(valStart)) }, ['ref']);
  }
  const u = UR_FIELD.exec(k);
  if (u) {
    const [, refS = '', field = '', valS = ''] = u;
    const valStart = k.indexOf(valS, u.index + refS.length + field.length);
    const ref = refText(m.work.clean.slice(0, refS.length));
    if (/جگہ|مقام|لوکیشن|location|jagah|jaga/.test(field)) return result('update_event', { ref, location: tidy(m.work.clean.slice(valStart, valStart + valS.length)) }, ['ref']);
    if (/ترجیح|priority/.test(field)) return result('update_todo', { ref, priority: priorityValue(valS) }, ['ref']);
    const v = sub(m, valStart, valS);
    const at = when(v);
    if (at) {
      const intent = /وقت|ٹائم|time|waqt/.test(field) || (at.hasTime && EVENT_RE.test(refS)) ? 'update_event' : pick(m, ref, false);
      return intent === 'update_todo' ? result(intent, { ref, due: iso(m, at.start) }, ['ref']) : result(intent, { ref, start: iso(m, at.start) }, ['ref']);
    }
  }
  const um = UR_MOVE.exec(k);
  if (um) {
    const [, refS = '', valS = ''] = um;
    const res = timeChange(m, 0, refS, k.indexOf(valS, refS.length), valS);
    if (res) return res;
  }
  const kk = UR_KO_KAR.exec(k);
  if (kk) {
    const [, refS = '', valS = ''] = kk;
    const res = timeChange(m, 0, refS, k.indexOf(valS, refS.length), valS);
    if (res) return res;
  }
  const ask = UR_FIELD_ASK.exec(k);
  if (ask) {
    const ref = refText(m.work.clean.slice(0, ask[1]!.length));
    const timeField = /وقت|ٹائم|time|waqt/.test(ask[2]!);
    return timeField || EVENT_RE.test(ref) ? result('update_event', { ref }, ['ref', 'start']) : result('update_todo', { ref }, ['ref', 'due']);
  }
  if (MOVE_NO_TO.test(k) && EN_VERB.test(k)) {
    const mn = MOVE_NO_TO.exec(k)!;
    const w = m.work.copy();
    const at = when({ ...m, work: w });
    if (at) {
      const start = mn.index + mn[0].length - mn[1]!.length;
      w.blank(0, start);
      const ref = refText(w.clean);
      const intent = pick(m, ref, at.hasTime);
      return intent === 'update_todo' ? result(intent, { ref, due: iso(m, at.start) }, ['ref']) : result(intent, { ref, start: iso(m, at.start) }, ['ref']);
    }
  }
  return null;
}
