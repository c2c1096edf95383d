import type { ConversationRef, Platform } from './inbound.ts';
import type { Reply } from './reply.ts';

/** What a platform can do; the core adapts streaming and splitting to it. */
export interface ChannelCapabilities {
  /** Longest text one message may carry. */
  maxMessageLength: number;
  /** Minimum milliseconds between edits of one message in a DM. */
  minEditIntervalDmMs: number;
  /** Minimum milliseconds between edits of one message in a group. */
  minEditIntervalGroupMs: number;
  buttons: boolean;
  format: 'html' | 'markdown' | 'plain';
  /**
   * How long the platform itself drops a repeated direct message with the same `idempotencyKey`
   * (Discord's message nonce). Absent: the platform cannot tell, so a repeat may show twice.
   */
  directDedupMs?: number;
}

/** Extras for one direct message. */
export interface DirectSendOptions {
  /** The same key on a repeated send lets a platform that de-duplicates (see `directDedupMs`) keep one message. */
  idempotencyKey?: string;
}

/** A sent message the core may edit later. */
export interface MessageHandle {
  conversation: ConversationRef;
  messageId: string;
}

/** The user a direct message goes to, as the platform knows them. */
export interface DirectTarget {
  platform: Platform;
  userId: string;
  /** The DM chat id when the platform needs one (Telegram: same as userId; Discord: a DM channel). */
  chatId?: string;
}

/**
 * The outbound port every platform implements. The core never sees platform objects: it sends,
 * edits and direct-messages structured replies through this.
 */
export interface Channel {
  readonly platform: Platform;
  readonly capabilities: ChannelCapabilities;
  send(conversation: ConversationRef, reply: Reply): Promise<MessageHandle>;
  edit(handle: MessageHandle, reply: Reply): Promise<void>;
  sendDirect(target: DirectTarget, reply: Reply, options?: DirectSendOptions): Promise<MessageHandle>;
  /** Shows "typing…" where the platform has it; optional. */
  typing?(conversation: ConversationRef): Promise<void>;
}
