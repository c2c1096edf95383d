/**
 * Additions to FakeDiscordServer that the Discord adapter's tests need, kept apart so the fake's own
 * files stay with their author. `withDeferredUpdateEdits`: on real Discord, after a component
 * interaction is acknowledged with DEFERRED_UPDATE_MESSAGE (type 6) or UPDATE_MESSAGE (type 7),
 * `PATCH /webhooks/{app}/{token}/messages/@original` edits the message the component is on; the
 * fake answers 10008 Unknown Message because that message belongs to an earlier interaction. This
 * makes the pressed message the press's original response, as Discord does.
 */
import type { FakeDiscordServer, InteractionRecord } from './fake-discord.ts';

/** Lets a component interaction's `@original` be the message its button is on (see file comment). */
export function withDeferredUpdateEdits(dc: FakeDiscordServer): FakeDiscordServer {
  const interactions = dc.state.interactions;
  const set = interactions.set.bind(interactions);
  interactions.set = (id: string, rec: InteractionRecord) => {
    const callbacks = rec.callbacks;
    callbacks.push = (...items: InteractionRecord['callbacks']) => {
      const n = Array.prototype.push.apply(callbacks, items);
      if (rec.type === 3 && items.some((c) => c.type === 6 || c.type === 7)) adopt(dc, rec);
      return n;
    };
    return set(id, rec);
  };
  return dc;
}

function adopt(dc: FakeDiscordServer, rec: InteractionRecord): void {
  const messageId = (rec.payload.message as { id?: string } | undefined)?.id;
  const msg = messageId ? dc.state.channels.get(rec.channelId)?.messages.get(messageId) : undefined;
  if (!msg) return;
  msg.interactionId = rec.id;
  rec.originalMessageId = msg.id;
}
