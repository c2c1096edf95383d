/**
 * Questions about the person's own calendar entries that are not about a whole day: "when is my
 * meeting with the boss next week", "what time does the dinner party start tonight", "who will be
 * at the meeting this friday", "do i have anywhere to be this afternoon", "how many hours was i in
 * meetings". They are answered with the events of the range they name (all upcoming without one).
 *
 * A question word opens the message and the person's own entry is named ("my/the/that meeting",
 * "my appointments"); public events ("what concerts are happening near me", "events in milan") and
 * things that are not entries ("the weather tomorrow") are left to the other rules and the model.
 */
import { rx } from './work-text.ts';
import { result, type Msg, type RuleResult } from './message.ts';
import { eventRange } from './params.ts';

const QUESTION = rx(
  "^[\\s,]*(?:(?:please|pls|hey|ok|okay|so|and|can\\s+you|could\\s+you)[\\s,]+)*(?:tell\\s+me\\s+)?" +
  "(?:when|what\\s+time|what\\s+day|who|where|which|how\\s+(?:many|long|much\\s+time)|is\\s+there|are\\s+there|is\\s+my|are\\s+my|do\\s+i|did\\s+i|have\\s+i|am\\s+i|was\\s+i|what)›",
);
const OWN_ENTRY = rx(
  "‹(?:my|the|that|this|our|next|upcoming|today'?s|tomorrow'?s|tonight'?s)\\s+(?:(?:[a-z'-]+\\s+){0,2})" +
  '(?:meetings?|appointments?|events?|party|parties|dinner|lunch|breakfast|call|interview|class|lecture|session|standup|sync|conference|webinar|reservation|flight|schedule|calendar|agenda|plans)›|' +
  '‹(?:in\\s+meetings|anywhere\\s+to\\s+be|somewhere\\s+to\\s+be)›',
);
/** Public events, places and the world: not the person's calendar. */
const NOT_MINE = rx("‹(?:near\\s+me|nearby|around\\s+here|in\\s+town|concerts?|games?|matches|tournament|weather|traffic|trains?|buses|movies?|shows?|festival|happening\\s+in)›");
/** A request to set or change something is not a question about it. */
const ACTION = rx('‹(?:add|create|schedule|set|book|make|put|move|change|cancel|delete|remove|remind)›');

/** The calendar-question rule (see the module comment). */
export function calendarQuestionRule(m: Msg): RuleResult | null {
  const k = m.key;
  if (!QUESTION.test(k) || !OWN_ENTRY.test(k) || NOT_MINE.test(k) || ACTION.test(k)) return null;
  return result('list_events', { range: eventRange(k) });
}
