import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { ChangeHooks } from '../core/change-hooks.ts';
import type { Clock } from '../core/clock.ts';
import { withCorrelation } from '../core/correlation.ts';
import { UserFacingError, ValidationError } from '../core/errors.ts';
import type { Platform } from '../core/inbound.ts';
import type { Db } from '../db/database.ts';
import { isMessageKey, t, type Language } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import type { Services } from '../services/index.ts';
import { LastListStore } from '../tools/last-list.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import type { ToolContext } from '../tools/tool.ts';
import { resolveMcpUser, type McpAccount } from './mcp-user.ts';
import { replyText } from './render-text.ts';

/** Tools that need a chat around them (free chat, background tasks reporting by DM): not served. */
export const MCP_EXCLUDED_TOOLS: ReadonlySet<string> = new Set(['general_chat', 'delegate_task']);

/** Argument names that would pick a person or a place: refused with a message saying why. */
const IDENTITY_ARGS = /^(user|users|user_?id|owner|owner_?id|identity|account|as|platform|external_?id|space|space_?id|chat|chat_?id|scope)$/i;

/**
 * A request the protocol itself refuses (an unknown tool), sent to the client as a JSON-RPC error
 * with this code (the SDK's McpError would prefix its own "MCP error -32602:" to the message, and
 * the client adds it again). Failures of a known tool are not thrown: they are results flagged
 * `isError` (see `toolFailure`).
 */
export class McpToolError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'McpToolError';
  }
}

/**
 * A tool execution error as the MCP spec (2025-11-25, "Error Handling") wants it: a normal result
 * flagged `isError` whose text says what was wrong, so the model reads it and can correct itself
 * (bad or refused arguments, nothing found, a refusal of the service). Protocol errors are kept
 * for requests that name no tool we serve and for our own failures.
 */
export function toolFailure(message: string): { content: { type: 'text'; text: string }[]; isError: true } {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** What the MCP server is built from. */
export interface McpServerDeps {
  db: Db;
  services: Services;
  tools: ToolRegistry;
  hooks: ChangeHooks;
  clock: Clock;
  logger: Logger;
  account: McpAccount;
  defaultTimeZone: string;
  version?: string;
}

/**
 * The tool registry as an MCP server, acting for exactly one ClawChat user (the configured
 * account). Tool schemas are the registry's zod schemas (as JSON Schema); arguments are validated
 * with the same schemas before anything runs. Arguments the schema does not know are refused —
 * in particular anything naming a user, so a client cannot act for someone else. A failure of a
 * served tool (bad or refused arguments, nothing found, a service refusal) is a result flagged
 * `isError` with the plain message; an unknown tool is a JSON-RPC InvalidParams error and an
 * unexpected failure an InternalError.
 */
export function createMcpServer(deps: McpServerDeps): Server {
  const log = deps.logger.child({ area: 'mcp' });
  const lastLists = new LastListStore(deps.db, deps.clock);
  const served = () => deps.tools.list().filter((tool) => !MCP_EXCLUDED_TOOLS.has(tool.name));
  const schemas = new Map(deps.tools.jsonSchemas().map((s) => [s.name, s]));
  const who = `${deps.account.platform}:${deps.account.externalId}`;
  const server = new Server({ name: 'clawchat', version: deps.version ?? '0.1.0' }, {
    capabilities: { tools: {} },
    instructions: `ClawChat todos, events, memos and reminders of ${who}. Times are ISO 8601 with an offset.`,
  });

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: served().map((tool) => {
      const schema = schemas.get(tool.name)!;
      return { name: tool.name, description: tool.description, inputSchema: { ...schema.parameters, type: 'object' as const } };
    }),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request) => withCorrelation(undefined, async () => {
    const { name } = request.params;
    const args: Record<string, unknown> = request.params.arguments ?? {};
    if (MCP_EXCLUDED_TOOLS.has(name) || !deps.tools.get(name)) {
      throw new McpToolError(ErrorCode.InvalidParams, `Unknown tool "${name}". Available: ${served().map((x) => x.name).join(', ')}.`);
    }
    const known = Object.keys((schemas.get(name)!.parameters.properties ?? {}) as Record<string, unknown>);
    for (const key of Object.keys(args)) {
      if (IDENTITY_ARGS.test(key)) {
        return toolFailure(`Argument "${key}" is not accepted: this server acts only for ${who} (set by MCP_USER), and tool arguments cannot choose another user.`);
      }
      if (!known.includes(key)) return toolFailure(`Unknown argument "${key}" for ${name}. Accepted: ${known.join(', ') || 'none'}.`);
    }
    try {
      deps.tools.parseInput(name, args);
    } catch (error) {
      if (error instanceof ValidationError) return toolFailure(`Invalid arguments for ${name}: ${error.issues.join('; ')}`);
      throw error;
    }
    const ctx = await toolContext(deps, lastLists);
    try {
      const outcome = await deps.tools.run(name, ctx, args);
      return {
        content: [{ type: 'text' as const, text: replyText(outcome.reply) }],
        structuredContent: outcome.result,
      };
    } catch (error) {
      if (error instanceof UserFacingError && isMessageKey(error.key)) {
        const vars = { ...error.vars };
        if (typeof vars.kind === 'string' && isMessageKey(`kind_${vars.kind}`)) vars.kind = t('en', `kind_${vars.kind}` as 'kind_todo');
        return toolFailure(t('en', error.key, vars));
      }
      if (error instanceof ValidationError) return toolFailure(`Invalid arguments for ${name}: ${error.issues.join('; ')}`);
      log.error({ err: error, tool: name }, 'MCP tool call failed');
      throw new McpToolError(ErrorCode.InternalError, `${name} failed unexpectedly; see the server log.`);
    }
  }));
  return server;
}

/** The acting user's context, read fresh for every call (time zone and language may change in chat). */
async function toolContext(deps: McpServerDeps, lastLists: LastListStore): Promise<ToolContext> {
  const { user } = await resolveMcpUser(deps.db, deps.services, deps.account);
  const lang: Language = user.language === 'ur' ? 'ur' : 'en';
  const svc = {
    userId: user.id, scope: { kind: 'personal' as const, userId: user.id }, isSpaceAdmin: false,
    timeZone: user.timezone ?? deps.defaultTimeZone, now: deps.clock.now(),
  };
  return {
    svc, services: deps.services, lang, userName: user.displayName,
    conversation: { platform: deps.account.platform as Platform, chatId: 'mcp', kind: 'dm' },
    lastList: lastLists.for(user.id, 'mcp'), hooks: deps.hooks,
  };
}
