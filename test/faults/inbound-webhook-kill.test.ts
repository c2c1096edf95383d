/**
 * Webhook mode, real processes: updates are posted as Telegram would (re-posting any that did not
 * get a 200, and some that did), the process is killed with SIGKILL half-way and started again.
 * Every update acknowledged with 200 must end with its todo, and none twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTelegramServer } from '../fakes/fake-telegram.ts';
import { TOKEN } from '../telegram/harness.ts';

const root = path.resolve(import.meta.dirname, '../..');
const SECRET = 'inbound-webhook-secret';
const UPDATES = 90;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function todoCounts(file: string): Map<string, number> {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const counts = new Map<string, number>();
    for (const { title } of db.prepare(`SELECT "title" FROM "Todo"`).all() as { title: string }[]) {
      const tag = /w\d+z/.exec(title)?.[0];
      if (tag) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
    return counts;
  } finally {
    db.close();
  }
}

describe('kill -9 in webhook mode', () => {
  const file = path.join(os.tmpdir(), `clawchat-inbound-webhook-${randomUUID()}.db`);
  let tg: FakeTelegramServer | undefined;
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children) c.kill('SIGKILL');
    await tg?.stop();
    await Promise.all(['', '-wal', '-shm'].map((s) => rm(file + s, { force: true })));
  });

  it('every update answered 200 ends with exactly one todo', async () => {
    tg = new FakeTelegramServer({ token: TOKEN });
    const apiRoot = await tg.start();
    const port = await freePort();
    const start = async (): Promise<{ child: ChildProcess; exited: Promise<void> }> => {
      const webhooksBefore = tg!.callsOf('setWebhook').length;
      const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/launch.ts'], {
        cwd: root, stdio: 'ignore',
        env: {
          PATH: process.env.PATH, HOME: process.env.HOME, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, DATABASE_URL: `file:${file}`,
          TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/hook', TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_WEBHOOK_PORT: String(port),
          LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000',
        },
      });
      children.push(child);
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await tg!.waitForCall('setWebhook', () => true, webhooksBefore + 1, 20_000);
      return { child, exited };
    };
    /** Posts update `i`; true when the bot answered 200. */
    const post = async (i: number): Promise<boolean> => {
      const user = { id: 7_000 + (i % 15), is_bot: false, first_name: 'W' };
      const body = { update_id: 50_000 + i, message: { message_id: i + 1, date: Math.floor(Date.now() / 1000), chat: { id: user.id, type: 'private' }, from: user, text: `/todo pay w${i}z tomorrow 9am` } };
      try {
        const res = await fetch(`http://127.0.0.1:${port}/hook`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(body),
        });
        return res.status === 200;
      } catch {
        return false; // the process died under the request
      }
    };

    const first = await start();
    const acknowledged = new Set<number>();
    // Five connections at a time, as Telegram uses several; the kill lands once 20 were acknowledged.
    let next = 0;
    await Promise.all(Array.from({ length: 5 }, async () => {
      while (next < UPDATES / 2) {
        const i = next++;
        if (await post(i)) acknowledged.add(i);
        if (acknowledged.size === 20) first.child.kill('SIGKILL');
      }
    }));
    await first.exited;
    expect(acknowledged.size).toBeGreaterThanOrEqual(20);
    expect(acknowledged.size).toBeLessThan(UPDATES / 2);

    await start();
    // Telegram delivers again whatever was not acknowledged, and sometimes what was.
    const redeliver = Array.from({ length: UPDATES }, (_, i) => i).filter((i) => !acknowledged.has(i) || i % 4 === 0);
    for (const i of redeliver) expect(await post(i), `update ${i}`).toBe(true);
    const deadline = Date.now() + 20_000;
    const done = () => Array.from({ length: UPDATES }, (_, i) => `w${i}z`).every((tag) => todoCounts(file).has(tag));
    while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));

    const counts = todoCounts(file);
    const missing = Array.from({ length: UPDATES }, (_, i) => `w${i}z`).filter((tag) => !counts.has(tag));
    const twice = [...counts].filter(([, n]) => n > 1).map(([tag]) => tag);
    console.log(`inbound webhook kill -9: acknowledged before kill ${acknowledged.size}, lost ${missing.length} of ${UPDATES}, duplicated ${twice.length}`);
    expect(missing).toEqual([]);
    expect(twice).toEqual([]);
  }, 90_000);
});
