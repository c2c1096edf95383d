import { z } from 'zod';
import { ValidationError } from '../core/errors.ts';
import { sanitizeStrings } from '../core/sanitize-text.ts';
import { assertWithinLimits } from './input-limits.ts';
import { delegateTask, generalChat } from './chat-tools.ts';
import { createEvent, deleteEvent, listEvents, updateEvent } from './event-tools.ts';
import { dailyBriefing, getStats, search } from './info-tools.ts';
import { createMemo, deleteMemo, listMemos, updateMemo } from './memo-tools.ts';
import { cancelReminder, listReminders, pauseReminder, resumeReminder, snoozeReminder } from './reminder-manage-tools.ts';
import { createReminder, updateReminder } from './reminder-tools.ts';
import { setBriefing, setLanguage, setTimezone } from './settings-tools.ts';
import { skipOccurrence } from './skip-tools.ts';
import { RefQuestion } from './ref-resolver.ts';
import type { Tool, ToolContext, ToolOutcome } from './tool.ts';
import { completeTodo, createTodo, deleteTodo, listTodos, updateTodo } from './todo-tools.ts';

/** Every tool, one per intent of the NLU contract (../shared/nlu/README.md). */
export const ALL_TOOLS: readonly Tool[] = [
  createTodo, listTodos, completeTodo, deleteTodo, updateTodo,
  createReminder, listReminders, updateReminder, cancelReminder, pauseReminder, resumeReminder, snoozeReminder, skipOccurrence,
  createEvent, listEvents, updateEvent, deleteEvent,
  createMemo, listMemos, deleteMemo, updateMemo,
  search, dailyBriefing, getStats,
  setTimezone, setLanguage, setBriefing,
  delegateTask, generalChat,
] as Tool[];

/**
 * The one registry of actions. Input is validated with the tool's zod schema before `execute`
 * (model and parser output are untrusted); a tool may be replaced (e.g. general_chat by the LLM's).
 */
export class ToolRegistry {
  readonly #tools = new Map<string, Tool>();
  constructor(tools: readonly Tool[] = ALL_TOOLS) {
    for (const tool of tools) this.#tools.set(tool.name, tool);
  }

  get(name: string): Tool | undefined {
    return this.#tools.get(name);
  }

  list(): Tool[] {
    return [...this.#tools.values()];
  }

  /** Replaces or adds a tool (used to plug in model-backed chat and delegation). */
  register(tool: Tool): void {
    this.#tools.set(tool.name, tool);
  }

  /** Validates `input` against the tool's schema; throws ValidationError listing the problems. */
  parseInput(name: string, input: unknown): unknown {
    const tool = this.#tools.get(name);
    if (!tool) throw new ValidationError(`unknown tool ${name}`);
    // Every tool argument (MCP client, model, parser, buttons) passes the shared edge sanitizer.
    const clean = sanitizeStrings(input ?? {});
    const parsed = tool.input.safeParse(clean);
    if (!parsed.success) {
      const received = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), valueAt(clean, i.path)]));
      throw new ValidationError(`invalid input for ${name}`, parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`), received);
    }
    return parsed.data;
  }

  /**
   * Validates and runs a tool. A list number that cannot be read safely (RefQuestion) becomes a
   * question about `ref` that the person's next message answers, not an error.
   */
  async run(name: string, ctx: ToolContext, input: unknown): Promise<ToolOutcome> {
    const data = this.parseInput(name, input);
    assertWithinLimits(data, ctx.svc.now);
    try {
      const outcome = await this.#tools.get(name)!.execute(ctx, data as never);
      ctx.onOutcome?.(name, outcome);
      return outcome;
    } catch (error) {
      if (!(error instanceof RefQuestion)) throw error;
      const text = error.text(ctx.lang);
      return { reply: { text, language: ctx.lang }, result: { status: 'unclear_ref', reason: error.key, message: text }, ask: { param: 'ref' } };
    }
  }

  /** JSON schemas for a model's tool list, derived from the same zod schemas (no second copy). */
  jsonSchemas(): { name: string; description: string; parameters: Record<string, unknown> }[] {
    return this.list().map((tool) => ({
      name: tool.name,
      description: tool.description,
      parameters: z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
    }));
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}
