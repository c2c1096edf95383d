import { z } from 'zod';
import { t } from '../i18n/index.ts';
import { words } from './schemas.ts';
import { defineTool } from './tool.ts';

/**
 * Hand a longer job to the background agent. Without a language model there is no agent, so the
 * offline assistant says so plainly instead of pretending.
 */
export const delegateTask = defineTool({
  name: 'delegate_task',
  description: 'Run a longer task in the background (research, planning, several steps); the result arrives later as a message.',
  input: z.object({ instruction: words(2_000) }),
  async execute(ctx) {
    return { reply: { text: t(ctx.lang, 'delegateOffline'), language: ctx.lang }, result: { status: 'unavailable' } };
  },
});

/** Small talk and questions; offline it explains what it can do instead. */
export const generalChat = defineTool({
  name: 'general_chat',
  description: 'Talk with the user when no other tool fits.',
  input: z.object({}),
  async execute(ctx) {
    return { reply: { text: t(ctx.lang, 'chatOffline'), language: ctx.lang }, result: { status: 'offline' } };
  },
});
