import { z } from 'zod';
import { UserFacingError } from '../core/errors.ts';
import type { ItemView } from '../core/reply.ts';
import { formatDateTime, t } from '../i18n/index.ts';
import type { SkipResult } from '../services/index.ts';
import { undoAction } from './buttons.ts';
import { optionalItemOption, SCOPE_OPTION } from './command.ts';
import { ambiguityOutcome, resolveRef } from './ref-resolver.ts';
import { planSkip } from './reminder-commands.ts';
import { deliveredHere, isQuestion, meansLastDelivered, reminderLine, resolveReminder } from './reminder-refs.ts';
import { ref } from './schemas.ts';
import { defineTool, type ToolContext, type ToolOutcome } from './tool.ts';
import { todoView } from './views.ts';

/** What a skip acts on: one of the scope's repeating reminders or todos. */
type SkipTarget = { kind: 'reminder'; id: number } | { kind: 'todo'; id: number };

/** Words that name no reminder match no todo either: "not found" keys that let the todo lookup try. */
const NOT_FOUND = new Set(['notFound', 'notFoundRef']);

/**
 * The item "skip the next one" means: with no ref (or "that"), the one whose reminder arrived last
 * in this chat (a reminder, or a todo whose reminder it was); else a reminder by ref, and when no
 * reminder matches the words (and the kind was not said), a todo.
 */
async function skipTarget(ctx: ToolContext, r: string | undefined, kind: 'reminder' | 'todo' | undefined): Promise<SkipTarget | ToolOutcome> {
  if (meansLastDelivered(r)) {
    const delivered = await ctx.services.reminders.lastDelivered(ctx.svc, deliveredHere(ctx));
    if (!delivered) throw new UserFacingError('skipNothingDelivered');
    if (delivered.sourceType === 'event') throw new UserFacingError('notRepeating', { kind: 'event' });
    return { kind: delivered.sourceType === 'todo' ? 'todo' : 'reminder', id: delivered.sourceId };
  }
  if (kind !== 'todo') {
    try {
      const found = await resolveReminder(ctx, r);
      if (isQuestion(found)) return found;
      if (found.kind === 'reminder') return { kind: 'reminder', id: found.reminder.id };
    } catch (error) {
      if (kind === 'reminder' || !(error instanceof UserFacingError && NOT_FOUND.has(error.key))) throw error;
    }
  }
  const found = await resolveRef(ctx, 'todo', ctx.services.todos, r!, 'open');
  if (found.kind === 'many') return ambiguityOutcome(ctx, 'todo', r!, found.items.map((x) => todoView(x, ctx.lang, ctx.svc)));
  return { kind: 'todo', id: found.item.id };
}

/** The reply after a skip: which occurrence was skipped and when it comes next (or that it ended). */
function skippedReply(ctx: ToolContext, result: SkipResult<unknown>, item: ItemView, kind: 'reminder' | 'todo', id: number): ToolOutcome {
  const at = (d: Date) => formatDateTime(ctx.lang, d, ctx.svc.timeZone, ctx.svc.now);
  const text = result.next
    ? t(ctx.lang, 'occurrenceSkipped', { skipped: at(result.skipped), next: at(result.next) })
    : t(ctx.lang, 'occurrenceSkippedLast', { skipped: at(result.skipped) });
  return {
    reply: { text, card: { type: 'item', item }, actions: [undoAction(ctx.lang)], language: ctx.lang },
    result: { status: 'skipped', kind, id, skipped: result.skipped.toISOString(), next: result.next?.toISOString() ?? null },
  };
}

export const skipOccurrence = defineTool({
  name: 'skip_occurrence',
  description: 'Skip the next time of a repeating reminder (default) or repeating todo ("skip the next one"); later times stay. No ref (or "that") means the reminder that arrived last in this chat.',
  input: z.object({
    ref: ref.optional(),
    kind: z.enum(['reminder', 'todo']).optional().describe('What the ref names; a reminder when absent (a todo when no reminder matches its words)'),
  }),
  command: {
    names: { en: ['skip', 'skipnext'], ur: ['chhoro'] }, description: 'cmd_skip', usage: 'usage_skip', order: 40.7, plan: planSkip,
    picker: {
      group: 'reminder', name: 'skip', order: 43.7,
      options: [optionalItemOption('reminder'), SCOPE_OPTION], route: { kind: 'command', command: 'skip', args: 'item' },
    },
  },
  async execute(ctx, input) {
    const target = await skipTarget(ctx, input.ref, input.kind);
    if ('reply' in target) return target;
    if (target.kind === 'todo') {
      const skipped = await ctx.services.todos.skipNext(ctx.svc, target.id);
      await ctx.hooks.todoChanged(target.id);
      return skippedReply(ctx, skipped, todoView(skipped.after, ctx.lang, ctx.svc), 'todo', target.id);
    }
    const skipped = await ctx.services.reminders.skipNext(ctx.svc, target.id);
    await ctx.hooks.reminderChanged(target.id);
    return skippedReply(ctx, skipped, reminderLine(skipped.after, ctx.lang, ctx.svc), 'reminder', target.id);
  },
});
