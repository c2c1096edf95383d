/**
 * The named views of a list that every surface offers: the todo filters (`/todos done`, Discord's
 * filter choices, the page buttons, the parser's words) and the event ranges (`/events week`). One
 * constant each, so a new filter is added in one place and every surface follows.
 */

/** Which todos a list shows; date filters use the user's local calendar. */
export const TODO_FILTERS = ['open', 'done', 'overdue', 'today', 'tomorrow', 'week', 'all'] as const;

/** One of TODO_FILTERS. */
export type TodoFilter = (typeof TODO_FILTERS)[number];

/** Named windows of the calendar, in the user's local time. */
export const EVENT_RANGES = ['today', 'tomorrow', 'week', 'next_week', 'month'] as const;

/** One of EVENT_RANGES. */
export type EventRange = (typeof EVENT_RANGES)[number];

/** True when `word` is a todo filter (for text that arrives untyped: buttons, commands). */
export function isTodoFilter(word: string): word is TodoFilter {
  return (TODO_FILTERS as readonly string[]).includes(word);
}

/** True when `word` is an event range. */
export function isEventRange(word: string): word is EventRange {
  return (EVENT_RANGES as readonly string[]).includes(word);
}
