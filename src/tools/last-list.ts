/** Kinds of items a list can show; a number in a ref points into the last list of that kind. */
export type ListKind = 'todo' | 'event' | 'memo' | 'reminder';

/** Remembers the ids of the last list shown to a user in a conversation, so "/done 2" works. */
export interface LastListMemory {
  get(kind: ListKind): number[] | undefined;
  set(kind: ListKind, ids: number[]): void;
}

/**
 * An in-memory store of last lists keyed by user and chat, bounded so a busy bot cannot grow it
 * without limit (oldest entries go first).
 */
export class LastListStore {
  readonly #lists = new Map<string, number[]>();
  constructor(private readonly maxEntries = 20_000) {}

  /** The memory for one user in one conversation. */
  for(userId: number, chatKey: string): LastListMemory {
    const key = (kind: ListKind) => `${userId}|${chatKey}|${kind}`;
    return {
      get: (kind) => this.#lists.get(key(kind)),
      set: (kind, ids) => {
        const k = key(kind);
        this.#lists.delete(k);
        this.#lists.set(k, ids.slice(0, 10_000));
        if (this.#lists.size > this.maxEntries) this.#lists.delete(this.#lists.keys().next().value!);
      },
    };
  }
}
