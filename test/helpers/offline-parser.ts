/**
 * The offline parser as the app runs it: with the slash-command table of the one command catalog
 * (the parser itself keeps no command names). NLU tests import `parseMessage` from here.
 */
import { parseMessage as parseWith, type ParseContext, type ParsedMessage } from '../../src/nlu/index.ts';
import { CommandCatalog } from '../../src/orchestrator/command-catalog.ts';
import { ToolRegistry } from '../../src/tools/registry.ts';

/** The registry's slash-command table (tools and conversation builtins). */
export const SLASH_COMMANDS = new CommandCatalog(new ToolRegistry()).slashTable();

/** parseMessage reading slash commands the way the app does. */
export function parseMessage(text: string, ctx: ParseContext): ParsedMessage {
  return parseWith(text, ctx, SLASH_COMMANDS);
}
