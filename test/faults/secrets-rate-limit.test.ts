/**
 * Issue 13 point 12: the rate limit never drops a message in silence. The terminal chat (one local
 * person) is not limited at all — a real `adapters/launch.ts` process fed 25 piped /todo lines adds
 * 25 and answers 25. On Telegram a burst of 25 from one person (limit 20 a minute) is held, not
 * dropped: the real grammY bot against the fake Bot API, the app on a fake clock, every message
 * ends as a todo with its own reply once the minute has passed.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramBot, type TelegramBot } from '../../adapters/telegram/index.ts';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { clockSleep, driveWhile } from '../fakes/clock-driver.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { FakeTelegramServer } from '../fakes/fake-telegram.ts';
import { alice, plain, TOKEN } from '../telegram/harness.ts';

const root = path.resolve(import.meta.dirname, '../..');
const BURST = 25;

describe('the rate limit never drops a message in silence', () => {
  const files: string[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const dbFile = () => { const f = path.join(os.tmpdir(), `clawchat-rate-${randomUUID()}.db`); files.push(f); return f; };
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    await Promise.all(files.splice(0).flatMap((f) => ['', '-wal', '-shm'].map((s) => rm(f + s, { force: true }))));
  });

  it(`terminal chat: ${BURST} piped /todo lines add ${BURST} todos with ${BURST} replies, exit 0`, async () => {
    const file = dbFile();
    const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/launch.ts'], {
      cwd: root, stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: `file:${file}`, RATE_LIMIT_PER_MINUTE: '20' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.stdin.end(Array.from({ length: BURST }, (_, i) => `/todo piped errand ${i}\n`).join(''));
    expect(await exited, stderr).toBe(0);
    const replies = stdout.split('\n').filter((l) => l.startsWith('Added todo: piped errand'));
    expect(replies).toHaveLength(BURST);
    expect(stdout).not.toMatch(/quickly|did not handle/);
    const db = new Database(file, { readonly: true });
    try {
      expect((db.prepare('SELECT count(*) AS n FROM Todo').get() as { n: number }).n).toBe(BURST);
    } finally {
      db.close();
    }
  }, 40_000);

  it(`Telegram: a burst of ${BURST} from one person, limit 20 a minute: all handled, each answered (0 silent drops)`, async () => {
    const clock = new FakeClock(new Date());
    const tg = new FakeTelegramServer({ token: TOKEN, clock }); // its waits move the app's clock
    const apiRoot = await tg.start();
    cleanups.push(() => tg.stop());
    const app: App = await createApp(loadConfig({ DATABASE_URL: `file:${dbFile()}`, RATE_LIMIT_PER_MINUTE: '20' }), createLogger('silent'), clock);
    cleanups.push(() => app.close());
    const bot: TelegramBot = createTelegramBot({
      token: TOKEN, apiRoot, handler: app.orchestrator, events: app.platformEvents, inbox: app.inbox, logger: createLogger('silent'), clock,
      settings: { pollTimeoutS: 1, shutdownGraceMs: 2_000, typingAfterMs: 60_000 },
    });
    await bot.start();
    cleanups.push(() => driveWhile(clock, bot.stop(), { quiet: () => tg.busy === 0 }));
    for (let i = 0; i < BURST; i++) tg.sendText({ chatId: alice.id, from: alice, text: `/todo burst errand ${i}` });
    await tg.waitForCall('sendMessage', (c) => !c.error, 20, 15_000);
    await driveWhile(clock, clockSleep(clock, 300), { quiet: () => tg.busy === 0 });
    expect(tg.callsOf('sendMessage').filter((c) => !c.error)).toHaveLength(20); // the rest wait their turn
    await clock.advance(61_000);
    await tg.waitForCall('sendMessage', (c) => !c.error, BURST, 15_000);
    const texts = tg.callsOf('sendMessage').filter((c) => !c.error).map((c) => plain(c.params.text));
    for (let i = 0; i < BURST; i++) expect(texts.filter((t) => new RegExp(`burst errand ${i}(?!\\d)`).test(t)), `errand ${i}`).toHaveLength(1);
    expect(await app.db.todo.count()).toBe(BURST);
    const silentDrops = BURST - texts.length;
    expect(silentDrops).toBe(0);
  }, 40_000);
});
