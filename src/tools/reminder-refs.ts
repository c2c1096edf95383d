/**
 * What the reminder tools share: reading a reminder ref ("2", "#12", "pills", or "that" for the one
 * that just arrived in this chat), the card line of a reminder, and the buttons under it.
 */
import { UserFacingError } from '../core/errors.ts';
import type { ItemView, ReplyAction } from '../core/reply.ts';
import type { Reminder } from '../generated/prisma/client.ts';
import { formatDate, formatDateTime, t, type Language } from '../i18n/index.ts';
import { startOfLocalDay } from '../core/zoned-time.ts';
import { chatTargetOf, type DeliveredReminder, type ItemReminder } from '../services/index.ts';
import type { ServiceContext } from '../services/scope.ts';
import { groupOutboxTarget } from '../scheduler/group-target.ts';
import { undoAction } from './buttons.ts';
import { ambiguityOutcome, resolveRef, toAsciiDigits } from './ref-resolver.ts';
import type { ToolContext, ToolOutcome } from './tool.ts';

/** Words that point at the reminder that just arrived rather than naming one. */
const THAT = /^(?:that|this|it|that one|this one|the last one|the reminder|that reminder|this reminder|woh|wo|ye|yeh|isay|usay|اسے|وہ|یہ|اس|اُسے)$/iu;

/** A ref resolved: one of the scope's reminders, or a todo/event reminder that just arrived (snooze only). */
export type ReminderTarget = { kind: 'reminder'; reminder: Reminder } | { kind: 'item'; delivered: DeliveredReminder };

/** The chat's group outbox target in a group, null in a DM (where a user's direct reminders arrive). */
export function deliveredHere(ctx: ToolContext): string | null {
  return ctx.svc.scope.kind === 'space' && ctx.conversation.kind === 'group' ? groupOutboxTarget(chatTargetOf(ctx.conversation)) : null;
}

/** True when the ref means "the one that just arrived" (no ref, or "that"). */
export function meansLastDelivered(ref: string | undefined): boolean {
  const text = (ref ?? '').trim().replace(/[.!?؟۔]+$/u, '').trim();
  return text === '' || THAT.test(text);
}

/**
 * Resolves a reminder ref in the context's scope. "that"/nothing is the reminder delivered last in
 * this chat (`allowItems`: a todo's or event's reminder too, for snooze); a list number that is a
 * todo's or event's reminder says those follow their item. Several matches return the question.
 */
export async function resolveReminder(ctx: ToolContext, ref: string | undefined, allowItems = false, day?: Date): Promise<ReminderTarget | ToolOutcome> {
  if (day) return onDay(ctx, ref, day);
  if (meansLastDelivered(ref)) {
    const delivered = await ctx.services.reminders.lastDelivered(ctx.svc, deliveredHere(ctx));
    if (!delivered) throw new UserFacingError('reminderNothingToSnooze');
    if (delivered.sourceType === 'reminder') return { kind: 'reminder', reminder: await ctx.services.reminders.get(ctx.svc, delivered.sourceId) };
    if (!allowItems) throw new UserFacingError('reminderFollowsItem', { ref: delivered.title });
    return { kind: 'item', delivered };
  }
  const text = ref!.trim();
  const bare = /^(\d{1,9})$/.exec(toAsciiDigits(text));
  if (bare) {
    const shown = await ctx.lastList.get('reminder');
    const position = Number(bare[1]);
    if (shown && position <= shown.ids.length && shown.ids[position - 1] === 0) throw new UserFacingError('reminderFollowsItem', { ref: text });
  }
  const found = await resolveRef(ctx, 'reminder', ctx.services.reminders, text);
  if (found.kind === 'many') return ambiguityOutcome(ctx, 'reminder', text, found.items.map((r) => reminderLine(r, ctx.lang, ctx.svc)));
  return { kind: 'reminder', reminder: found.item };
}

/** "my alarm for tomorrow": the scope's upcoming reminders on that local day (with the ref's words, if any). */
async function onDay(ctx: ToolContext, ref: string | undefined, day: Date): Promise<ReminderTarget | ToolOutcome> {
  const from = startOfLocalDay(day, ctx.svc.timeZone);
  const to = startOfLocalDay(day, ctx.svc.timeZone, 1);
  const words = meansLastDelivered(ref) ? null : ref!.trim();
  const pool = words ? await ctx.services.reminders.findByWords(ctx.svc, words) : await ctx.services.reminders.listUpcoming(ctx.svc, { until: to });
  const found = pool.filter((r) => r.at >= from && r.at < to);
  const label = words ?? formatDate(ctx.lang, day, ctx.svc.timeZone);
  if (found.length === 0) throw new UserFacingError('notFoundRef', { kind: t(ctx.lang, 'kind_reminder'), ref: label });
  if (found.length > 1) return ambiguityOutcome(ctx, 'reminder', label, found.map((r) => reminderLine(r, ctx.lang, ctx.svc)));
  return { kind: 'reminder', reminder: found[0]! };
}

/** True when a resolve returned the "which one?" question rather than a reminder. */
export function isQuestion(r: ReminderTarget | ToolOutcome): r is ToolOutcome {
  return 'reply' in r;
}

/** A reminder as a card line: when it fires next, whether it repeats or is paused. */
export function reminderLine(r: Pick<Reminder, 'id' | 'text' | 'at' | 'recurrence' | 'status'>, lang: Language, svc: ServiceContext, position?: number): ItemView {
  const details = [formatDateTime(lang, r.at, svc.timeZone, svc.now)];
  if (r.recurrence) details.push(t(lang, 'reminderRepeatsMark'));
  if (r.status === 'paused') details.push(t(lang, 'reminderPausedMark'));
  return { kind: 'reminder', id: r.id, position, title: r.text, details };
}

/** A todo's or event's reminder as a card line, labelled with what it belongs to. */
export function itemReminderLine(r: ItemReminder, lang: Language, svc: ServiceContext, position?: number): ItemView {
  const details = [t(lang, r.kind === 'todo' ? 'reminderForTodo' : 'reminderForEvent'), formatDateTime(lang, r.at, svc.timeZone, svc.now)];
  if (r.recurring) details.push(t(lang, 'reminderRepeatsMark'));
  return { kind: r.kind, id: r.itemId, position, title: r.title, details };
}

/** Cancel and Pause/Resume (for repeating ones) under a reminder card, and Undo after a change. */
export function reminderActions(lang: Language, r: Pick<Reminder, 'id' | 'recurrence' | 'status'>, withUndo: boolean): ReplyAction[] {
  const actions: ReplyAction[] = [];
  if (r.recurrence && r.status === 'pending') actions.push({ label: t(lang, 'button_pause'), data: `pause:reminder:${r.id}` });
  if (r.status === 'paused') actions.push({ label: t(lang, 'button_resume'), data: `resume:reminder:${r.id}`, style: 'primary' });
  if (r.status === 'pending' || r.status === 'paused') actions.push({ label: t(lang, 'button_cancel'), data: `del:reminder:${r.id}`, style: 'danger' });
  if (withUndo) actions.push(undoAction(lang));
  return actions;
}
