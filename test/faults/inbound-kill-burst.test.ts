/**
 * Issue 13, point 3: `npm start` with a Telegram token is killed with SIGKILL in the middle of a
 * burst of 180 queued updates and started again on the same database. Every message must end with
 * its todo (and, for a due time, its reminder row) exactly once: nothing lost, nothing twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTelegramServer } from '../fakes/fake-telegram.ts';
import { plain, TOKEN } from '../telegram/harness.ts';

const root = path.resolve(import.meta.dirname, '../..');
const MESSAGES = 180;
const USERS = 30;

/** The text of message `i`: two in three have a due time, each title is unique. */
const textOf = (i: number): string => (i % 3 === 2 ? `/todo buy thing q${i}z` : `/todo pay bill q${i}z tomorrow 5pm`);
const tagOf = (i: number): string => `q${i}z`;

function startBot(apiRoot: string, file: string): { child: ChildProcess; exited: Promise<void>; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/launch.ts'], {
    cwd: root, stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH, HOME: process.env.HOME, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot,
      DATABASE_URL: `file:${file}`, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000', DEFAULT_TIMEZONE: 'Asia/Karachi',
    },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited, stderr: () => stderr };
}

/** What the database holds per message tag: todo count, and todos with a due time but no live reminder row. */
function outcome(file: string): { todosByTag: Map<string, number>; unplanned: number; withDue: number } {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const todos = db.prepare(`SELECT "id", "title", "dueAt" FROM "Todo"`).all() as { id: number; title: string; dueAt: string | null }[];
    const todosByTag = new Map<string, number>();
    for (const t of todos) {
      const tag = /q\d+z/.exec(t.title)?.[0];
      if (tag) todosByTag.set(tag, (todosByTag.get(tag) ?? 0) + 1);
    }
    const { n } = db.prepare(
      `SELECT COUNT(*) AS n FROM "Todo" t WHERE t."dueAt" IS NOT NULL AND NOT EXISTS
         (SELECT 1 FROM "Notification" x WHERE x."sourceType" = 'todo' AND x."sourceId" = t."id" AND x."status" <> 'cancelled')`,
    ).get() as { n: number };
    return { todosByTag, unplanned: n, withDue: todos.filter((t) => t.dueAt !== null).length };
  } finally {
    db.close();
  }
}

describe('kill -9 during a burst of Telegram updates', () => {
  const file = path.join(os.tmpdir(), `clawchat-inbound-kill-${randomUUID()}.db`);
  let tg: FakeTelegramServer | undefined;
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children) c.kill('SIGKILL');
    await tg?.stop();
    await Promise.all(['', '-wal', '-shm'].map((s) => rm(file + s, { force: true })));
  });

  it('loses no message, handles none twice, and leaves no todo with a due time unplanned', async () => {
    tg = new FakeTelegramServer({ token: TOKEN });
    const apiRoot = await tg.start();
    const first = startBot(apiRoot, file);
    children.push(first.child);
    const replies = (): string[] => tg!.callsOf('sendMessage').filter((c) => !c.error).map((c) => plain(String(c.params.text)));
    try {
      await tg.waitFor((c) => c.method === 'getUpdates' && c.params.timeout === 30, 15_000);
      for (let i = 0; i < MESSAGES; i++) {
        const user = { id: 5_000 + (i % USERS), first_name: `U${i % USERS}` };
        tg.sendText({ chatId: user.id, from: user, text: textOf(i) });
      }
      await tg.waitForCall('sendMessage', (c) => !c.error, 5, 15_000);
      first.child.kill('SIGKILL');
      await first.exited;
      const answeredBeforeKill = replies().length;
      const acknowledgedAtKill = MESSAGES - tg.pendingUpdates.length;
      expect(answeredBeforeKill).toBeLessThan(MESSAGES); // the kill really came mid-burst

      const second = startBot(apiRoot, file);
      children.push(second.child);
      const settled = (): boolean => {
        const { todosByTag } = outcome(file);
        return Array.from({ length: MESSAGES }, (_, i) => tagOf(i)).every((tag) => todosByTag.has(tag));
      };
      const deadline = Date.now() + 30_000;
      while (!settled() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));

      const { todosByTag, unplanned, withDue } = outcome(file);
      const answered = replies().join('\n');
      const lost = Array.from({ length: MESSAGES }, (_, i) => tagOf(i)).filter((tag) => !todosByTag.has(tag) && !answered.includes(tag));
      const twice = [...todosByTag].filter(([, n]) => n > 1).map(([tag]) => tag);
      console.log(`inbound kill -9: acknowledged at kill ${acknowledgedAtKill}, answered before kill ${answeredBeforeKill}; lost ${lost.length} of ${MESSAGES}, duplicated ${twice.length}, todos with a due time lacking a reminder row ${unplanned} of ${withDue}`);
      expect(lost).toEqual([]);
      expect(twice).toEqual([]);
      expect(withDue).toBe(MESSAGES - MESSAGES / 3);
      expect(unplanned).toBe(0);

      second.child.kill('SIGTERM');
      await second.exited;
      expect(tg.pendingUpdates).toHaveLength(0);
    } catch (error) {
      throw new Error(`${String(error)}\nfirst run stderr:\n${first.stderr().slice(-3000)}`);
    }
  }, 90_000);
});
