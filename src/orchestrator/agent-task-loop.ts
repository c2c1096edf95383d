import { ModelError } from '../core/errors.ts';
import type { ChatModel } from '../llm/model-client.ts';
import type { ModelFunctionTool, ModelMessage } from '../llm/model-types.ts';
import { taskSystemPrompt, type PromptContext } from '../llm/prompts.ts';
import { runToolCalls } from '../llm/tool-calls.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import type { ToolContext } from '../tools/tool.ts';

/** Why a task loop ended without a report. */
export type TaskStopReason = 'steps' | 'model' | 'budget';

/** The loop's outcome: a report for the person, or why there is none. */
export type TaskLoopResult = { ok: true; report: string; steps: number } | { ok: false; reason: TaskStopReason; steps: number; error?: unknown };

/** What one run of the agent loop needs. */
export interface TaskLoopInput {
  model: ChatModel;
  registry: ToolRegistry;
  tools: ModelFunctionTool[];
  ctx: ToolContext;
  prompt: PromptContext;
  instruction: string;
  maxSteps: number;
  signal: AbortSignal;
  /** Called after each model call with its tokens; returns false when the budget is used up. */
  onUsage(promptTokens: number, completionTokens: number): Promise<boolean>;
  /** Called after each step (to store progress). */
  onStep(steps: number): Promise<void>;
}

/**
 * The background agent: model → tool calls → results → model, over the same tool registry and in
 * the same user scope as chat, until the model writes its report or the step limit is reached (the
 * last step offers no tools, so the model has to report). Invalid tool arguments go back to the
 * model as errors and are never executed. Cancellation and the time limit arrive through `signal`
 * (the model call then throws ModelCallCancelled, which the caller handles).
 */
export async function runTaskLoop(input: TaskLoopInput): Promise<TaskLoopResult> {
  const allowed = new Set(input.tools.map((t) => t.function.name));
  const messages: ModelMessage[] = [
    { role: 'system', content: taskSystemPrompt(input.prompt, input.maxSteps) },
    { role: 'user', content: input.instruction },
  ];
  for (let step = 1; step <= input.maxSteps; step++) {
    let answer;
    try {
      answer = await input.model.complete({ messages, tools: step < input.maxSteps ? input.tools : undefined, signal: input.signal });
    } catch (error) {
      if (error instanceof ModelError) return { ok: false, reason: 'model', steps: step - 1, error };
      throw error;
    }
    const withinBudget = await input.onUsage(answer.promptTokens, answer.completionTokens);
    await input.onStep(step);
    if (!answer.toolCalls.length) {
      const report = answer.content.trim();
      return report ? { ok: true, report, steps: step } : { ok: false, reason: 'model', steps: step };
    }
    if (!withinBudget) return { ok: false, reason: 'budget', steps: step };
    messages.push({
      role: 'assistant', content: answer.content || null,
      tool_calls: answer.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })),
    });
    const results = await runToolCalls(input.registry, input.ctx, answer.toolCalls, allowed);
    for (const r of results) messages.push({ role: 'tool', tool_call_id: r.call.id, content: r.content });
    input.signal.throwIfAborted();
  }
  return { ok: false, reason: 'steps', steps: input.maxSteps };
}
