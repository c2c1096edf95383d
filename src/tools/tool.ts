import type { z } from 'zod';
import type { ChangeHooks } from '../core/change-hooks.ts';
import type { ConversationRef } from '../core/inbound.ts';
import type { Reply } from '../core/reply.ts';
import type { Language } from '../i18n/index.ts';
import type { Services } from '../services/index.ts';
import type { ServiceContext } from '../services/scope.ts';
import type { CommandSpec } from './command.ts';
import type { LastListMemory } from './last-list.ts';

/** Everything a tool may use. The acting user and scope come from here, never from tool input. */
export interface ToolContext {
  svc: ServiceContext;
  services: Services;
  lang: Language;
  userName: string;
  conversation: ConversationRef;
  /** The shared space's display name, when acting in one. */
  spaceTitle?: string;
  lastList: LastListMemory;
  hooks: ChangeHooks;
  /** Told of each tool's outcome in this turn (the orchestrator remembers which message created which item). */
  onOutcome?: (tool: string, outcome: ToolOutcome) => void;
}

/** What a tool returns: a reply for the person and a compact JSON result for a model. */
export interface ToolOutcome {
  reply: Reply;
  result: Record<string, unknown>;
  /** The tool needs one more input from the person (e.g. which of several matches); the orchestrator
   * keeps the call and completes it with their next message. */
  ask?: { param: string };
}

/**
 * One action the assistant can take. The same definition feeds the LLM's tool list (JSON schema
 * from `input`), MCP, the offline parser's intents and, through `command`, every command surface:
 * typed commands, `/help`, the Telegram menus, the Discord command tree and the parser's slash table.
 */
export interface Tool<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: S;
  /**
   * How people reach the tool by command. Every tool needs one (the command-surface test fails
   * without it); a tool reached only by conversation still says so with an empty `typed` list.
   */
  command?: CommandSpec;
  execute(ctx: ToolContext, input: z.output<S>): Promise<ToolOutcome>;
}

/** Keeps each tool's input type tied to its schema without casts at the definition site. */
export function defineTool<S extends z.ZodType>(tool: Tool<S>): Tool<S> {
  return tool;
}
