/** The orchestrator's entry, the only part of it adapters import. */
import type { InboundMessage } from '../core/inbound.ts';
import type { Reply } from '../core/reply.ts';
import type { ReplyOutlet } from './outlet.ts';

/** Anything that turns an inbound message into a reply: the Orchestrator, or a test double. */
export interface MessageHandler {
  handle(message: InboundMessage, outlet?: ReplyOutlet): Promise<Reply | null>;
}

export type { ReplyOutlet } from './outlet.ts';

/** Line/word-boundary splitting of long text: the one rule streaming and every adapter use. */
export { splitMessage } from './reply-stream.ts';

export { Orchestrator, type OrchestratorDeps, type OrchestratorSettings } from './orchestrator.ts';

export { commandMenu, type CommandMenuEntry } from './command-menu.ts';

export { slashCommandText, type SlashTextKey } from './slash-commands.ts';

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
