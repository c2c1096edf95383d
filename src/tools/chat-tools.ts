import { z } from 'zod';
import { t } from '../i18n/index.ts';
import { words } from './schemas.ts';
import { defineTool } from './tool.ts';
import { textOption, textPlanner } from './command.ts';

/**
 * Hand a longer job to the background agent. Without a language model there is no agent, so the
 * offline assistant says so plainly instead of pretending.
 */
export const delegateTask = defineTool({
  name: 'delegate_task',
  description: 'Run a longer task in the background (research, planning, several steps); the result arrives later as a message.',
  input: z.object({ instruction: words(2_000) }),
  command: {
    names: { en: ['delegate', 'agent', 'do'] }, description: 'cmd_delegate', usage: 'usage_text', order: 60, plan: textPlanner('delegate_task', 'instruction'),
    picker: { name: 'delegate', order: 45, options: [textOption('task', 'slash_opt_task', true, 2000)], route: { kind: 'command', command: 'delegate', args: 'task' } },
  },
  async execute(ctx) {
    return { reply: { text: t(ctx.lang, 'delegateOffline'), language: ctx.lang }, result: { status: 'unavailable' } };
  },
});

/** Small talk and questions; offline it explains what it can do instead. */
export const generalChat = defineTool({
  name: 'general_chat',
  description: 'Talk with the user when no other tool fits.',
  input: z.object({}),
  // Chat is what free text is; only Discord's picker has a command for it (`/ask`, streamed).
  command: {
    names: { en: ['ask'] }, description: 'slash_ask', usage: 'usage_text', order: 100, typed: [],
    picker: { name: 'ask', order: 44, options: [textOption('question', 'slash_opt_question', true, 4000)], route: { kind: 'text', option: 'question' } },
  },
  async execute(ctx) {
    return { reply: { text: t(ctx.lang, 'chatOffline'), language: ctx.lang }, result: { status: 'offline' } };
  },
});
