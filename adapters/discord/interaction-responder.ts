import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type Message } from 'discord.js';
import { REPLY_BACKOFF, withBackoff } from '../../src/core/backoff.ts';
import type { Channel, MessageHandle } from '../../src/core/channel.ts';
import type { Clock } from '../../src/core/clock.ts';
import type { ConversationRef } from '../../src/core/inbound.ts';
import type { Reply } from '../../src/core/reply.ts';
import { discordCode, toPlatformError } from './errors.ts';
import { DISCORD_CAPABILITIES } from './discord-channel.ts';
import { renderReply } from './render.ts';

type Repliable = ChatInputCommandInteraction | ButtonInteraction;

/** An interaction's token lets the bot answer for 15 minutes; retrying past that is pointless. */
const INTERACTION_TOKEN_MS = 15 * 60_000;
/** "Interaction has already been acknowledged". */
const ALREADY_ACKNOWLEDGED = 40060;

/**
 * Answers one interaction through Discord's once-only acknowledgement: a direct reply (or, for a
 * button whose answer replaces its message, an update) when the answer is ready in time, else a
 * deferral followed by an edit of the original; later messages are follow-ups. It keeps answers
 * ephemeral where they must be (personal items or errors in a place others can read), even when
 * a public deferral was already sent (the placeholder is then removed and the answer follows
 * privately). Every call is retried with backoff honouring retry_after, within the interaction
 * token's life; an acknowledgement repeated after a lost answer that Discord refuses as "already
 * acknowledged" had gone through, and counts as done (never shown twice).
 */
export class InteractionResponder {
  #state: 'new' | 'deferred' | 'deferredUpdate' | 'replied' = 'new';
  #deferredEphemeral = false;
  /** The original response message once it holds real content (the first streamed chunk). */
  #originalId: string | undefined;

  constructor(
    private readonly interaction: Repliable,
    private readonly place: { personal: boolean; shared: boolean },
    private readonly clock: Clock,
  ) {}

  /**
   * One interaction call with retries. `ack` names the acknowledgement a call makes: when a retry
   * of it is refused with 40060, an earlier attempt was accepted, so it is done (and discord.js is
   * told, or it would refuse the follow-ups).
   */
  async #retry<T>(op: () => Promise<T>, ack?: 'replied' | 'deferred'): Promise<T | undefined> {
    let attempts = 0;
    try {
      return await withBackoff(async () => {
        attempts++;
        try {
          return await op();
        } catch (error) {
          throw toPlatformError(error);
        }
      }, { clock: this.clock, policy: { ...REPLY_BACKOFF, deadlineMs: Math.min(REPLY_BACKOFF.deadlineMs, INTERACTION_TOKEN_MS) } });
    } catch (error) {
      if (!ack || attempts < 2 || discordCode(error) !== ALREADY_ACKNOWLEDGED) throw error;
      this.interaction[ack] = true;
      return undefined;
    }
  }

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
    const i = this.interaction;
    if (this.#state === 'new' && i.isButton()) await this.#retry(() => i.deferUpdate(), 'deferred');
    else if (this.#state === 'deferred') await this.#retry(() => i.deleteReply()).catch(() => {});
  }

  /** Acknowledges without an answer yet: "thinking…" for commands, a silent deferral for buttons. */
  async defer(ephemeral = this.place.personal): Promise<void> {
    if (this.#state !== 'new') return;
    const i = this.interaction;
    if (i.isButton()) {
      await this.#retry(() => i.deferUpdate(), 'deferred');
      this.#state = 'deferredUpdate';
      return;
    }
    const eph = this.place.shared && ephemeral;
    await this.#retry(() => i.deferReply(eph ? { flags: MessageFlags.Ephemeral } : {}), 'deferred');
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
      if (this.#state === 'new') await this.#retry(() => i.update(first!), 'replied');
      else await this.#retry(() => i.editReply(first!));
      this.#state = 'replied';
    } else if (this.#state === 'new') {
      await this.#retry(() => i.reply({ ...first!, ...flags }), 'replied');
      this.#state = 'replied';
    } else if (this.#state === 'deferred' && (this.#deferredEphemeral === ephemeral || this.#deferredEphemeral)) {
      await this.#retry(() => i.editReply(first!));
      this.#state = 'replied';
    } else if (this.#state === 'deferred') {
      // A public "thinking…" but a private answer: remove the placeholder, answer privately.
      await this.#retry(() => i.deleteReply()).catch(() => {});
      await this.#retry(() => i.followUp({ ...first!, ...flags }));
      this.#state = 'replied';
    } else {
      await this.#retry(() => i.followUp({ ...first!, ...flags }));
      this.#state = 'replied';
    }
    for (const part of rest) await this.#retry(() => i.followUp({ ...part, ...flags }));
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
        const [first, ...rest] = renderReply(reply, { personal });
        try {
          let message: Message;
          if (this.#originalId === undefined && this.#state === 'deferred') {
            message = (await this.#retry(() => i.editReply(first!)))!;
            this.#originalId = message.id;
            this.#state = 'replied';
          } else {
            message = (await this.#retry(() => i.followUp({ ...first!, ...flags })))!;
          }
          // A long card continues in follow-ups; the handle stays the first message (the one later edits target).
          for (const part of rest) await this.#retry(() => i.followUp({ ...part, ...flags }));
          return handle(conversation, message);
        } catch (error) {
          throw toPlatformError(error);
        }
      },
      edit: async (h, reply) => {
        const [first, ...rest] = renderReply(reply, { personal });
        try {
          await this.#retry(() => i.editReply({ ...first!, message: h.messageId === this.#originalId ? '@original' : h.messageId }));
          for (const part of rest) await this.#retry(() => i.followUp({ ...part, ...flags }));
        } catch (error) {
          throw toPlatformError(error);
        }
      },
      sendDirect: () => Promise.reject(toPlatformError(new Error('direct messages go through the bot channel'))),
    };
  }
}
