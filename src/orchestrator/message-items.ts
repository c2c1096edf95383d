import type { Clock } from '../core/clock.ts';
import type { ConversationRef } from '../core/inbound.ts';
import type { Db } from '../db/database.ts';

/** The kinds of item a message can create (and an edit of it can follow). */
export type CreatedKind = 'todo' | 'event' | 'reminder' | 'memo';

/** One item a message created. */
export interface CreatedItem {
  kind: CreatedKind;
  id: number;
}

const KINDS: readonly CreatedKind[] = ['todo', 'event', 'reminder', 'memo'];

/**
 * The item a tool result says it created, or undefined. Create tools answer
 * `{ status: 'created', <kind>: { id, … } }` (see src/tools/*-tools.ts); nothing else counts.
 */
export function createdItemOf(result: Record<string, unknown>): CreatedItem | undefined {
  if (result.status !== 'created') return undefined;
  for (const kind of KINDS) {
    const item = result[kind] as { id?: unknown } | undefined;
    if (item && Number.isSafeInteger(item.id) && (item.id as number) > 0) return { kind, id: item.id as number };
  }
  return undefined;
}

/**
 * Which message created which items, in the database (ARCHITECTURE rule 8): an edit that reaches
 * another replica, or arrives after a restart, still finds the item it should change. Rows are keyed
 * by the author as well, so a message id never leads to someone else's item. Housekeeping prunes
 * rows after two days (src/scheduler/housekeeping.ts): people edit recent messages.
 */
export class MessageItemStore {
  constructor(private readonly db: Db, private readonly clock: Pick<Clock, 'now'>) {}

  /** Remembers that `userId`'s message `messageId` in `conversation` created `items`. */
  async remember(userId: number, conversation: ConversationRef, messageId: string, items: readonly CreatedItem[]): Promise<void> {
    if (items.length === 0) return;
    const createdAt = this.clock.now();
    await this.db.messageItem.createMany({
      data: items.map((item) => ({ userId, platform: conversation.platform, chatId: conversation.chatId, messageId, kind: item.kind, itemId: item.id, createdAt })),
    });
  }

  /** The items `userId`'s message created, oldest first (none for another person's message). */
  async itemsOf(userId: number, conversation: ConversationRef, messageId: string): Promise<CreatedItem[]> {
    const rows = await this.db.messageItem.findMany({
      where: { userId, platform: conversation.platform, chatId: conversation.chatId, messageId },
      orderBy: { id: 'asc' }, select: { kind: true, itemId: true },
    });
    return rows.filter((r) => (KINDS as readonly string[]).includes(r.kind)).map((r) => ({ kind: r.kind as CreatedKind, id: r.itemId }));
  }

  /** Forgets one item of a message (it was deleted since, so the message no longer stands for it). */
  async forget(userId: number, conversation: ConversationRef, messageId: string, item: CreatedItem): Promise<void> {
    await this.db.messageItem.deleteMany({ where: { userId, platform: conversation.platform, chatId: conversation.chatId, messageId, kind: item.kind, itemId: item.id } });
  }
}
