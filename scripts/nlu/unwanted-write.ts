/**
 * What eval-nlu.ts and tune-nlu.ts count as data changed on a message that did not ask for it: the
 * steering scorer's "unwanted write" (a write outside the row's accepted intents, on an
 * out-of-scope or near row), except changing a reminder or alarm the message asked to change. The
 * scorer's mapping predates the reminder tools and accepts no reminder change; a new reminder made
 * from a change request still counts.
 */

/** The scorer's writes (its WRITE pattern). */
export const SCORER_WRITE = /^(?:create_|update_|delete_|complete_|set_)/;

/** One scored row: its group, source label, accepted intents and the parser's answer. */
export interface ScoredRow {
  group: string;
  src_intent: string;
  accept: readonly string[];
  got: string;
}

/** The scorer's own count: a write nobody asked for, reminder changes included. */
export function scorerUnwanted(p: ScoredRow): boolean {
  return p.group !== 'core' && SCORER_WRITE.test(p.got) && !p.accept.includes(p.got);
}

/** The figure reported against the ≤ 1% target (see the module comment). */
export function unwantedWrite(p: ScoredRow): boolean {
  return scorerUnwanted(p) && !(/^UPDATE_(?:REMINDER|ALARM)/.test(p.src_intent) && p.got === 'update_reminder');
}
