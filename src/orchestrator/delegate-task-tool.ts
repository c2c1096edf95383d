import { t } from '../i18n/index.ts';
import { delegateTask } from '../tools/chat-tools.ts';
import { defineTool, type Tool } from '../tools/tool.ts';
import type { AgentTaskRunner } from './agent-tasks.ts';

/**
 * delegate_task when a model is configured: the same name, description and input schema as the
 * registry's offline version (so the model's tool list is unchanged), but it queues a background
 * task for the acting user — taken from the context, never from the model's arguments.
 */
export function createDelegateTaskTool(runner: AgentTaskRunner): Tool {
  return defineTool({
    name: delegateTask.name,
    description: delegateTask.description,
    input: delegateTask.input,
    command: delegateTask.command,
    async execute(ctx, input) {
      const id = await runner.enqueue({
        userId: ctx.svc.userId, instruction: input.instruction, conversation: ctx.conversation, language: ctx.lang,
        ...(ctx.svc.scope.kind === 'space' && { spaceId: ctx.svc.scope.spaceId }),
      });
      return { reply: { text: t(ctx.lang, 'taskQueued', { id }), language: ctx.lang }, result: { status: 'queued', task: id } };
    },
  }) as Tool;
}
