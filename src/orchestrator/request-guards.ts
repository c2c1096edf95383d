/**
 * Refusals the router gives before running a tool, so nothing half-understood is saved: a request
 * whose date, time, duration or repeat cannot be meant as written ("feb 30", "25:99",
 * "2147483648 minutes", "in 0m", "every second"), and a message with no words at all (only emoji or
 * punctuation), which used to become a todo or a chat turn. Each refusal says what was wrong, in
 * the person's language.
 */
import type { Reply } from '../core/reply.ts';
import { t, type Language } from '../i18n/index.ts';
import { findTimeProblem, type TimeProblem } from '../nlu/index.ts';

/** Tools that save something at a time: their request text is checked before they run. */
const TIMED_TOOLS = new Set(['create_todo', 'create_event', 'create_reminder', 'update_todo', 'update_event']);

function monthName(lang: Language, month: number): string {
  return new Intl.DateTimeFormat(lang === 'ur' ? 'ur' : 'en', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, month - 1, 1));
}

/** The reply for a time problem, in `lang`. */
export function timeProblemText(lang: Language, problem: TimeProblem): string {
  const text = problem.text.slice(0, 60);
  switch (problem.kind) {
    case 'impossibleDate':
      return problem.month
        ? t(lang, 'impossibleDate', { text, month: monthName(lang, problem.month), day: problem.day })
        : t(lang, 'impossibleDateNoMonth', { text });
    case 'impossibleTime': return t(lang, 'impossibleTime', { text });
    case 'tooFar': return t(lang, 'dateTooFar', { years: 10 });
    case 'zeroDuration': return t(lang, 'zeroDuration', { text });
    case 'tooOften': return t(lang, 'recurrenceTooOften', { text });
  }
}

/**
 * A refusal when `tool` saves something at a time and `text` (what the person wrote) holds a time
 * that cannot be meant; null otherwise.
 */
export function timeRefusal(lang: Language, tool: string, text: string): Reply | null {
  if (!TIMED_TOOLS.has(tool)) return null;
  const problem = findTimeProblem(text);
  return problem ? { text: timeProblemText(lang, problem), language: lang } : null;
}

/** True when a message has no letter or digit in any script: only emoji, symbols or punctuation. */
export function isWordless(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}

/** The friendly "I didn't understand" for a wordless message. */
export function wordlessReply(lang: Language): Reply {
  return { text: t(lang, 'emojiOnly'), language: lang };
}
