/** The orchestrator's entry, the only part of it adapters import. */
import type { InboundMessage } from '../core/inbound.ts';
import type { Reply } from '../core/reply.ts';
import type { ReplyOutlet } from './outlet.ts';
import { ToolRegistry } from '../tools/registry.ts';
import { CommandCatalog } from './command-catalog.ts';

/** Anything that turns an inbound message into a reply: the Orchestrator, or a test double. */
export interface MessageHandler {
  handle(message: InboundMessage, outlet?: ReplyOutlet): Promise<Reply | null>;
}

export type { ReplyOutlet } from './outlet.ts';

/** Line/word-boundary splitting of long text: the one rule streaming and every adapter use. */
export { splitMessage } from './reply-stream.ts';

export { Orchestrator, type OrchestratorDeps, type OrchestratorSettings } from './orchestrator.ts';

export { CommandCatalog, type CommandMenuEntry } from './command-catalog.ts';

/**
 * What adapters read of the command catalog: Telegram's menus, Discord's picker tree and how a
 * pick routes back to a core command. Pass the running app's (`orchestrator.commands`); without
 * one, adapters use `defaultCommandSurface()`, the catalog of the built-in tools and builtins.
 */
export type CommandSurface = Pick<CommandCatalog, 'menu' | 'picker' | 'route'>;

/** The catalog of the registry's built-in tools and the conversation builtins. */
export function defaultCommandSurface(): CommandSurface {
  return new CommandCatalog(new ToolRegistry());
}

export { slashCommandText, commandText, type SlashTextKey } from './slash-commands.ts';

export type { Suggestion, SuggestionKind, SuggestionRequest, Suggestions } from './suggestions.ts';

/**
 * What a platform adapter reports back to the core besides messages: a user who blocked the bot or
 * closed their DMs, a user who is reachable again, a group that changed id (Telegram supergroup
 * migration). Implemented over the services in the composition root.
 */
export interface PlatformEvents {
  markUnreachable(platform: 'telegram' | 'discord' | 'console', userId: string): Promise<void>;
  migrateChat(platform: 'telegram' | 'discord', oldChatId: string, newChatId: string): Promise<void>;
}
