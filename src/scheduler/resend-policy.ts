/**
 * What to do with an outbox row whose earlier send may already have reached the person (its process
 * died mid-send, or the platform's answer was lost). Pure, so the rule is stated once:
 * - a platform that drops repeats by key (Discord's nonce) gets it again while its window lasts;
 * - otherwise one more send, marked as sent again: at most one duplicate rather than a loss;
 * - after two sends with unknown outcome it is not sent a third time.
 */
import type { ChannelCapabilities } from '../core/channel.ts';
import type { NotificationRow } from './notification-store.ts';

/** The decision for one row. */
export type ResendDecision = 'send' | 'send-with-note' | 'close';

/** Decides for `row` about to go out on a channel with `capabilities` at `now`. */
export function resendDecision(row: Pick<NotificationRow, 'uncertainSends' | 'firstSendAt'>, capabilities: Pick<ChannelCapabilities, 'directDedupMs'>, now: Date): ResendDecision {
  if (row.uncertainSends === 0) return 'send';
  const window = capabilities.directDedupMs;
  const since = row.firstSendAt ? now.getTime() - row.firstSendAt.getTime() : Infinity;
  if (window !== undefined && since < window) return 'send';
  return row.uncertainSends >= 2 ? 'close' : 'send-with-note';
}
