import type { Channel } from '../core/channel.ts';
import type { ConversationRef } from '../core/inbound.ts';

/**
 * Where the answer to a message goes when the core wants to deliver it itself (streaming a long
 * answer by editing its own message). Adapters pass one with each message; without it the core
 * returns the whole reply for the adapter to send.
 */
export interface ReplyOutlet {
  channel: Channel;
  conversation: ConversationRef;
  /** Abort signal raised when the person presses Stop or the process shuts down. */
  signal?: AbortSignal;
}
