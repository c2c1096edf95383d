import type { z } from 'zod';
import type { ChangeHooks } from '../core/change-hooks.ts';
import type { ConversationRef } from '../core/inbound.ts';
import type { Reply } from '../core/reply.ts';
import type { Language } from '../i18n/index.ts';
import type { Services } from '../services/index.ts';
import type { ServiceContext } from '../services/scope.ts';
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
 * One action the assistant can take. The same definition feeds slash commands, the offline parser,
 * the LLM's tool list (JSON schema from `input`) and help text.
 */
export interface Tool<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: S;
  execute(ctx: ToolContext, input: z.output<S>): Promise<ToolOutcome>;
}

/** Keeps each tool's input type tied to its schema without casts at the definition site. */
export function defineTool<S extends z.ZodType>(tool: Tool<S>): Tool<S> {
  return tool;
}
