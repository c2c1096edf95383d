import { wallTime } from '../core/zoned-time.ts';
import type { Db } from '../db/database.ts';

/**
 * Tokens per user per day (the user's local calendar day), and the optional daily budget. With a
 * budget of 0 there is no limit; usage is still recorded.
 */
export class UsageMeter {
  constructor(private readonly db: Db, readonly dailyBudget: number) {}

  /** The user's local date, `YYYY-MM-DD`: the key usage is counted under. */
  static day(now: Date, timeZone: string): string {
    const w = wallTime(now, timeZone);
    return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
  }

  /** Adds one model call's tokens to the user's day. */
  async record(userId: number, day: string, promptTokens: number, completionTokens: number): Promise<void> {
    await this.db.llmUsage.upsert({
      where: { userId_day: { userId, day } },
      create: { userId, day, promptTokens, completionTokens, requests: 1 },
      update: { promptTokens: { increment: promptTokens }, completionTokens: { increment: completionTokens }, requests: { increment: 1 } },
    });
  }

  /** Tokens the user spent on `day`. */
  async used(userId: number, day: string): Promise<number> {
    const row = await this.db.llmUsage.findUnique({ where: { userId_day: { userId, day } } });
    return row ? row.promptTokens + row.completionTokens : 0;
  }

  /** True when a budget is set and the user has used it up today. */
  async exhausted(userId: number, day: string): Promise<boolean> {
    return this.dailyBudget > 0 && (await this.used(userId, day)) >= this.dailyBudget;
  }
}
