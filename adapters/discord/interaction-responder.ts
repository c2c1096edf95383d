import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type Message } from 'discord.js';
import type { Channel, MessageHandle } from '../../src/core/channel.ts';
import type { ConversationRef } from '../../src/core/inbound.ts';
import type { Reply } from '../../src/core/reply.ts';
import { toPlatformError } from './errors.ts';
import { DISCORD_CAPABILITIES } from './discord-channel.ts';
import { renderReply } from './render.ts';

type Repliable = ChatInputCommandInteraction | ButtonInteraction;

/**
 * Answers one interaction through Discord's once-only acknowledgement: a direct reply (or, for a
 * button whose answer replaces its message, an update) when the answer is ready in time, else a
 * deferral followed by an edit of the original; later messages are follow-ups. It keeps answers
 * ephemeral where they must be (personal items or errors in a place others can read), even when
 * a public deferral was already sent (the placeholder is then removed and the answer follows
 * privately).
 */
export class InteractionResponder {
  #state: 'new' | 'deferred' | 'deferredUpdate' | 'replied' = 'new';
  #deferredEphemeral = false;
  /** The original response message once it holds real content (the first streamed chunk). */
  #originalId: string | undefined;

  constructor(
    private readonly interaction: Repliable,
    private readonly place: { personal: boolean; shared: boolean },
  ) {}

  /** True once Discord has been told something (deferral or answer). */
  get acknowledged(): boolean {
    return this.#state !== 'new';
  }

  /** True once a streamed answer has written into the original response. */
  get streamed(): boolean {
    return this.#originalId !== undefined;
  }

  /**
   * The core chose to say nothing (a duplicate delivery, a muted sender): acknowledge a press
   * silently, and remove a "thinking…" placeholder so it does not hang forever.
   */
  async settle(): Promise<void> {
    if (this.#state === 'new' && this.interaction.isButton()) await this.interaction.deferUpdate();
    else if (this.#state === 'deferred') await this.interaction.deleteReply().catch(() => {});
  }

  /** Acknowledges without an answer yet: "thinking…" for commands, a silent deferral for buttons. */
  async defer(ephemeral = this.place.personal): Promise<void> {
    if (this.#state !== 'new') return;
    if (this.interaction.isButton()) {
      await this.interaction.deferUpdate();
      this.#state = 'deferredUpdate';
      return;
    }
    const eph = this.place.shared && ephemeral;
    await this.interaction.deferReply(eph ? { flags: MessageFlags.Ephemeral } : {});
    this.#state = 'deferred';
    this.#deferredEphemeral = eph;
  }

  /** Shows a complete answer in whatever way the acknowledgement so far allows. */
  async deliver(reply: Reply): Promise<void> {
    const ephemeral = this.place.shared && (this.place.personal || reply.ephemeral === true);
    const parts = renderReply(reply, { personal: this.place.personal });
    const flags = ephemeral ? { flags: MessageFlags.Ephemeral as const } : {};
    const [first, ...rest] = parts;
    const i = this.interaction;
    if (i.isButton() && reply.replaceOriginal && !ephemeral && (this.#state === 'new' || this.#state === 'deferredUpdate')) {
      if (this.#state === 'new') await i.update(first!);
      else await i.editReply(first!);
      this.#state = 'replied';
    } else if (this.#state === 'new') {
      await i.reply({ ...first!, ...flags });
      this.#state = 'replied';
    } else if (this.#state === 'deferred' && (this.#deferredEphemeral === ephemeral || this.#deferredEphemeral)) {
      await i.editReply(first!);
      this.#state = 'replied';
    } else if (this.#state === 'deferred') {
      // A public "thinking…" but a private answer: remove the placeholder, answer privately.
      await i.deleteReply().catch(() => {});
      await i.followUp({ ...first!, ...flags });
      this.#state = 'replied';
    } else {
      await i.followUp({ ...first!, ...flags });
      this.#state = 'replied';
    }
    for (const part of rest) await i.followUp({ ...part, ...flags });
  }

  /**
   * A Channel writing into this interaction, for answers the core streams: the first message is
   * the deferred original (edited in), later ones are follow-ups, and edits go to whichever of
   * them the handle names. Call after `defer()`.
   */
  channel(): Channel {
    const i = this.interaction;
    const personal = this.place.personal;
    const flags = this.#deferredEphemeral ? { flags: MessageFlags.Ephemeral as const } : {};
    const handle = (conversation: ConversationRef, message: Message): MessageHandle => ({ conversation, messageId: message.id });
    return {
      platform: 'discord',
      capabilities: DISCORD_CAPABILITIES,
      send: async (conversation, reply) => {
        const [first] = renderReply(reply, { personal });
        try {
          if (this.#originalId === undefined && this.#state === 'deferred') {
            const message = await i.editReply(first!);
            this.#originalId = message.id;
            this.#state = 'replied';
            return handle(conversation, message);
          }
          return handle(conversation, await i.followUp({ ...first!, ...flags }));
        } catch (error) {
          throw toPlatformError(error);
        }
      },
      edit: async (h, reply) => {
        const [first] = renderReply(reply, { personal });
        try {
          await i.editReply({ ...first!, message: h.messageId === this.#originalId ? '@original' : h.messageId });
        } catch (error) {
          throw toPlatformError(error);
        }
      },
      sendDirect: () => Promise.reject(toPlatformError(new Error('direct messages go through the bot channel'))),
    };
  }
}
