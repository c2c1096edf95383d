import type { Clock } from '../core/clock.ts';
import type { Db } from '../db/database.ts';

/** Kinds of items a list can show; a number in a ref points into the last list of that kind. */
export type ListKind = 'todo' | 'event' | 'memo' | 'reminder';

/** A numbered list as it was shown: item ids by position (0 = no item there) and when. */
export interface ShownList {
  kind: ListKind;
  ids: number[];
  shownAt: Date;
}

/**
 * The last lists shown to one user in one conversation, so "/done 2" means line 2 of what they saw
 * there. `latest` is the newest list of any kind: "/delete 2" straight after /memos is about memos.
 */
export interface LastListMemory {
  get(kind: ListKind): Promise<ShownList | undefined>;
  latest(): Promise<ShownList | undefined>;
  set(kind: ListKind, ids: number[]): Promise<void>;
}

/** Longest list remembered (positions past it are not numbered anyway). */
const MAX_IDS = 10_000;
const KINDS: ReadonlySet<string> = new Set<ListKind>(['todo', 'event', 'memo', 'reminder']);

/**
 * Last lists in the database (ARCHITECTURE rule 8): a reply shown by one process is understood by
 * any other, and a restart does not turn "/done 2" into something else. One row per (user, chat,
 * kind), overwritten each time such a list is shown.
 */
export class LastListStore {
  constructor(private readonly db: Db, private readonly clock: Pick<Clock, 'now'>) {}

  /** The memory for one user in one conversation (`chatKey` names the chat, thread or session). */
  for(userId: number, chatKey: string): LastListMemory {
    const toShown = (row: { kind: string; ids: string; shownAt: Date } | undefined): ShownList | undefined =>
      row && KINDS.has(row.kind) ? { kind: row.kind as ListKind, ids: parseIds(row.ids), shownAt: row.shownAt } : undefined;
    // A chat has at most one row per kind: one read answers both `get` and `latest` (a ref needs
    // both), and is kept until this memory writes.
    let rows: Promise<{ id: number; kind: string; ids: string; shownAt: Date }[]> | undefined;
    const read = () => (rows ??= this.db.lastList.findMany({ where: { userId, chatKey }, orderBy: [{ shownAt: 'desc' }, { id: 'desc' }] }));
    return {
      get: async (kind) => toShown((await read()).find((r) => r.kind === kind)),
      latest: async () => toShown((await read())[0]),
      set: async (kind, ids) => {
        rows = undefined;
        // REPLACE deletes the old row and inserts a new one in one statement, so the newest list also
        // has the highest id (two lists shown in the same millisecond still have an order).
        await this.db.$executeRawUnsafe(
          `INSERT OR REPLACE INTO "LastList" ("userId", "chatKey", "kind", "ids", "shownAt") VALUES (?, ?, ?, ?, ?)`,
          userId, chatKey, kind, JSON.stringify(ids.slice(0, MAX_IDS)), this.clock.now(),
        );
      },
    };
  }
}

function parseIds(json: string): number[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.map((n) => (Number.isSafeInteger(n) && (n as number) > 0 ? (n as number) : 0)) : [];
  } catch {
    return [];
  }
}
