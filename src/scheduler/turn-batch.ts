/**
 * Groups calls made in the same turn of the event loop into one call over all their items, so a
 * burst of deliveries costs one database statement per turn instead of one per row. No timer and no
 * waiting: the batch runs on the next turn (setImmediate), each caller gets its own item's answer.
 */
export class TurnBatch<T, R> {
  private pending: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;

  /** `run` answers for every item of one batch, in order. */
  constructor(private readonly run: (items: T[]) => Promise<R[]>) {}

  /** Adds one item to this turn's batch; resolves with its answer (rejects if the batch failed). */
  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    try {
      const answers = await this.run(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(answers[i]!));
    } catch (err) {
      for (const b of batch) b.reject(err);
    }
  }
}
