import type { ItemView, Reply } from '../core/reply.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import type { AgentTaskRunner } from './agent-tasks.ts';
import type { BuiltinHandler } from './builtins.ts';
import type { LlmChatAgent } from './llm-chat-agent.ts';

/**
 * The conversation commands that exist once a model is configured: /new (forget the chat history),
 * /tasks (list background tasks), /cancel <ref> (stop one) and stop (the Stop button or /stop,
 * ending the answer being streamed). Registered on the orchestrator by the app.
 */
export function llmBuiltins(agent: LlmChatAgent, runner: AgentTaskRunner): Record<'new' | 'tasks' | 'cancel' | 'stop', BuiltinHandler> {
  return {
    async new(turn) {
      await agent.startFresh(turn);
      return { text: t(turn.lang, 'newConversation'), language: turn.lang };
    },
    async tasks(turn): Promise<Reply> {
      const tasks = await runner.list(turn.svc.userId);
      const title = t(turn.lang, 'tasksTitle');
      if (!tasks.length) return { text: t(turn.lang, 'tasksEmpty'), language: turn.lang };
      const items: ItemView[] = tasks.map((task) => ({
        kind: 'task', id: task.id, title: `#${task.id} ${task.instruction.slice(0, 80)}`,
        details: [t(turn.lang, `taskStatus_${task.status}` as MessageKey)], done: task.status === 'done',
      }));
      const lines = tasks.map((task) => `#${task.id} · ${t(turn.lang, `taskStatus_${task.status}` as MessageKey)} · ${task.instruction.slice(0, 60)}`);
      return { text: `${title}\n${lines.join('\n')}`, card: { type: 'list', title, items }, language: turn.lang };
    },
    async cancel(turn, args) {
      if (!args.trim()) return { text: t(turn.lang, 'taskCancelUsage'), language: turn.lang };
      const result = await runner.cancel(turn.svc.userId, args);
      if (result.kind === 'notFound') return { text: t(turn.lang, 'taskNotFound', { ref: args.trim().slice(0, 20) }), language: turn.lang };
      if (result.kind === 'finished') {
        return { text: t(turn.lang, 'taskAlreadyFinished', { id: result.task.id, status: t(turn.lang, `taskStatus_${result.task.status}` as MessageKey) }), language: turn.lang };
      }
      return { text: t(turn.lang, 'taskCancelled', { id: result.task.id }), language: turn.lang };
    },
    async stop(turn) {
      return { text: t(turn.lang, agent.stop(turn.chatKey) ? 'stopDone' : 'stopNothing'), language: turn.lang, ephemeral: true };
    },
  };
}
