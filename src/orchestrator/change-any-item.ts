/**
 * A change said in words ("move call bank to monday", "meeting ko 7 baje kar do", "change pay rent
 * to high priority") names an item, not its kind: the parser guesses update_todo or update_event
 * from the words, but "call bank" may well be a todo. Here the ref is looked up among todos,
 * events, reminders and notes (in the turn's scope, through the services' own word search), and
 * the change goes to the update tool of the kind where it was found, with the new time under that
 * kind's param (todo due, event start, reminder at). Nothing is ever created from a change request:
 * found nowhere, the person is told so.
 *
 * Found in several kinds, the kind the words named wins ("the meeting"), else todo > event >
 * reminder > note (there is no cross-kind picker yet).
 */
import type { Reply } from '../core/reply.ts';
import { toZonedIso, wallTime, zonedToUtc } from '../core/zoned-time.ts';
import { t } from '../i18n/index.ts';
import { changeTiming, namedItemKind, type ItemKind } from '../nlu/index.ts';
import { NotFoundError } from '../services/errors.ts';
import { meansLastDelivered } from '../tools/reminder-refs.ts';
import type { Classification } from './classifier.ts';
import type { TurnContext } from './context.ts';

/** What the router runs instead: a tool plan, or a reply when there is nothing to change. */
export type ChangePlan = { kind: 'tool'; tool: string; params: Record<string, unknown>; missing?: string[] } | { kind: 'reply'; reply: Reply };

const TOOL: Record<ItemKind, string> = { todo: 'update_todo', event: 'update_event', reminder: 'update_reminder', memo: 'update_memo' };
const KIND_OF_TOOL: Record<string, ItemKind> = { update_todo: 'todo', update_event: 'event', update_reminder: 'reminder', update_memo: 'memo' };
/** Where nothing in the words decides, the order kinds are preferred in. */
const ORDER: readonly ItemKind[] = ['todo', 'event', 'reminder', 'memo'];

/** A change without its kind: `when` is the new time whatever the kind calls it. */
type Field = 'when' | 'end' | 'title' | 'priority' | 'category' | 'location' | 'content' | 'text';
const FIELD_OF_PARAM: Record<string, Field> = {
  due: 'when', start: 'when', at: 'when', end: 'end', title: 'title', priority: 'priority', category: 'category', location: 'location', content: 'content', text: 'text',
};
/** Each kind's update tool param for each field it can take. */
const PARAM: Record<ItemKind, Partial<Record<Field, string>>> = {
  todo: { when: 'due', title: 'title', priority: 'priority', category: 'category' },
  event: { when: 'start', end: 'end', title: 'title', location: 'location' },
  reminder: { when: 'at', title: 'text', text: 'text' },
  memo: { title: 'title', content: 'content' },
};

/** An item found by words, with the time the change would move (null: it has none). */
interface Found { id: number; time: Date | null }

/**
 * The plan for an update_* intent read from free text, or null when this is not such a change (the
 * normal path handles it: a list number, "#id", "that reminder").
 */
export async function planChange(turn: TurnContext, c: Classification, source: string): Promise<ChangePlan | null> {
  const asked = KIND_OF_TOOL[c.intent];
  const ref = typeof c.params.ref === 'string' ? c.params.ref.trim() : '';
  if (!asked || !ref || /^#?\s*[0-9\u06F0-\u06F9\u0660-\u0669]{1,9}$/.test(ref)) return null;
  if (asked === 'reminder' && meansLastDelivered(ref)) return null;

  const change: Partial<Record<Field, unknown>> = {};
  for (const [param, value] of Object.entries(c.params)) {
    const field = FIELD_OF_PARAM[param];
    if (field && value !== undefined) change[field] = value;
  }
  // "میٹنگ کا وقت بدل دو": no new time yet; the kind found is asked for it.
  const asksTime = (c.missing ?? []).some((p) => p === 'due' || p === 'start' || p === 'at');
  const needs: Field[] = [...Object.keys(change) as Field[], ...(asksTime ? ['when' as const] : [])];
  const able = ORDER.filter((kind) => needs.every((f) => PARAM[kind][f] !== undefined));

  const found = new Map<ItemKind, Found[]>();
  for (const kind of able) {
    const items = await findIn(turn, kind, ref);
    if (items.length) found.set(kind, items);
  }
  if (found.size === 0) return { kind: 'reply', reply: { text: t(turn.lang, 'changeNotFound', { ref }), language: turn.lang } };

  const named = namedItemKind(source, ref);
  const kind = named && found.has(named) ? named : ORDER.find((k) => found.has(k))!;
  const items = found.get(kind)!;
  const one = items.length === 1 ? items[0]! : null;
  // One item: its id, so the tool acts on what was found; several: the words, so the tool asks which.
  const params: Record<string, unknown> = { ref: one ? `#${one.id}` : ref };
  for (const [field, value] of Object.entries(change) as Array<[Field, unknown]>) {
    const param = PARAM[kind][field];
    if (param) params[param] = value;
  }
  if (one && typeof change.when === 'string') Object.assign(params, retimed(turn, kind, one, change.when, source, ref));
  return { kind: 'tool', tool: TOOL[kind], params, missing: asksTime && change.when === undefined ? [PARAM[kind].when!] : undefined };
}

/** The items of one kind whose words match the ref, in the turn's scope (none when the kind is closed to this person). */
async function findIn(turn: TurnContext, kind: ItemKind, ref: string): Promise<Found[]> {
  const { services } = turn.tool;
  const svc = turn.svc;
  try {
    switch (kind) {
      case 'todo': {
        const open = await services.todos.findByWords(svc, ref, { status: 'open' });
        const todos = open.length ? open : await services.todos.findByWords(svc, ref, { status: 'any' });
        return todos.map((x) => ({ id: x.id, time: x.dueAt }));
      }
      case 'event':
        return (await services.events.findByWords(svc, ref)).map((x) => ({ id: x.id, time: x.startAt }));
      case 'reminder': {
        const byWords = await services.reminders.findByWords(svc, ref);
        const list = byWords.length ? byWords : await remindersAtClock(turn, ref);
        return list.map((x) => ({ id: x.id, time: x.at }));
      }
      case 'memo':
        return (await services.memos.findByWords(svc, ref)).map((x) => ({ id: x.id, time: null }));
    }
  } catch (error) {
    if (error instanceof NotFoundError) return [];
    throw error;
  }
}

/** "my 7am alarm": the upcoming reminders that ring at that clock time in the person's zone. */
async function remindersAtClock(turn: TurnContext, ref: string) {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/i.exec(ref);
  if (!m) return [];
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const pm = m[3] ? /^p/i.test(m[3]) : null;
  const upcoming = await turn.tool.services.reminders.listUpcoming(turn.svc, { limit: 200 });
  return upcoming.filter((r) => {
    const w = wallTime(r.at, turn.svc.timeZone);
    const sameHour = pm === null ? w.hour % 12 === hour % 12 : w.hour === (hour % 12) + (pm ? 12 : 0);
    return sameHour && w.minute === minute;
  });
}

/**
 * The new time fitted to the item: a day alone keeps the item's clock time ("move call bank to
 * monday"), a clock time alone keeps its day ("meeting ko 7 baje kar do"), unless that lands in the
 * past.
 */
function retimed(turn: TurnContext, kind: ItemKind, item: Found, when: string, source: string, ref: string): Record<string, unknown> {
  const zone = turn.svc.timeZone;
  let start = new Date(when);
  if (!Number.isFinite(start.getTime())) return {};
  const said = changeTiming(source, ref, { now: turn.svc.now, timeZone: zone });
  if (item.time && said && said.hasDate !== said.hasTime) {
    const old = wallTime(item.time, zone);
    const wanted = wallTime(start, zone);
    const fitted = said.hasTime
      ? zonedToUtc(zone, old.year, old.month, old.day, wanted.hour, wanted.minute)
      : zonedToUtc(zone, wanted.year, wanted.month, wanted.day, old.hour, old.minute);
    if (fitted.getTime() >= turn.svc.now.getTime()) start = fitted;
  }
  // An event keeps its length: update_event moves its end with a new start.
  return { [PARAM[kind].when!]: toZonedIso(start, zone) };
}
