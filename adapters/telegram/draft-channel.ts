/**
 * Streaming as drafts in a private chat (sendMessageDraft, Bot API 9.5+): the answer grows in the
 * chat's draft preview instead of a message edited every second, and is persisted with one
 * sendMessage per message once the answer is complete. One of these wraps the Telegram channel for
 * a single incoming message; anything else sent through it (another chat, a background task's
 * later result) passes straight to the real channel.
 */
import type { Logger } from 'pino';
import { PlatformError, type Channel, type ConversationRef, type DirectSendOptions, type DirectTarget, type MessageHandle, type Reply } from '../../src/core/index.ts';
import type { TelegramChannel } from './telegram-channel.ts';

interface Draft {
  id: number;
  conversation: ConversationRef;
  reply: Reply;
}

const PREFIX = 'draft:';

/** A per-answer Channel that streams to drafts (see file comment). */
export class DraftStreamChannel implements Channel {
  readonly platform = 'telegram' as const;
  readonly #drafts = new Map<string, Draft>();
  #open = true;

  constructor(
    private readonly inner: TelegramChannel,
    private readonly conversation: ConversationRef,
    private readonly nextDraftId: () => number,
    private readonly log: Logger,
    /** Told when Telegram refuses drafts for good, so later answers use plain messages. */
    private readonly onUnsupported: () => void,
  ) {}

  get capabilities() {
    return this.inner.capabilities;
  }

  async send(conversation: ConversationRef, reply: Reply): Promise<MessageHandle> {
    if (!this.#open || conversation.chatId !== this.conversation.chatId || conversation.kind !== 'dm') return this.inner.send(conversation, reply);
    const id = this.nextDraftId();
    try {
      await this.inner.draft(conversation, id, reply);
    } catch (error) {
      // A 400/404 means this server or chat has no drafts (older Bot API); anything else is the chat's own problem.
      if (!(error instanceof PlatformError && error.permanent && (error.code === 400 || error.code === 404))) throw error;
      this.log.warn({ err: error }, 'drafts refused; streaming with message edits instead');
      this.#open = false;
      this.onUnsupported();
      return this.inner.send(conversation, reply);
    }
    const messageId = `${PREFIX}${id}`;
    this.#drafts.set(messageId, { id, conversation, reply });
    return { conversation, messageId };
  }

  async edit(handle: MessageHandle, reply: Reply): Promise<void> {
    const draft = this.#drafts.get(handle.messageId);
    if (!draft) return this.inner.edit(handle, reply);
    const textChanged = draft.reply.text !== reply.text;
    draft.reply = reply;
    if (this.#open && textChanged) await this.inner.draft(draft.conversation, draft.id, reply);
  }

  sendDirect(target: DirectTarget, reply: Reply, _options?: DirectSendOptions): Promise<MessageHandle> {
    return this.inner.sendDirect(target, reply);
  }

  typing(conversation: ConversationRef): Promise<void> {
    return this.inner.typing(conversation);
  }

  /** Sends each draft's final content as a real message, in order; later use goes to the real channel. */
  async persist(): Promise<void> {
    this.#open = false;
    for (const draft of this.#drafts.values()) {
      const actions = draft.reply.actions?.filter((a) => a.data !== 'stop');
      await this.inner.send(draft.conversation, { ...draft.reply, actions }).catch((error: unknown) => {
        this.log.error({ err: error }, 'persisting a streamed draft failed');
      });
    }
    this.#drafts.clear();
  }
}
