import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTelegramBot } from '../adapters/telegram/index.ts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/core/clock.ts';
import { openDatabase } from '../src/db/database.ts';
import { UpdateInbox } from '../src/inbox/update-inbox.ts';
import { createLogger } from '../src/logger.ts';
import { FakeTelegramServer } from '../test/fakes/fake-telegram.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Bursts of each kind; the median is reported, with the lowest and highest (this VM is noisy). */
const ROUNDS = 3;

/** One burst's outcome: answers per second, and how many answers were "Added todo". */
interface Burst {
  rate: number;
  added: number;
}

/** Quiet time before the idle measurement starts. */
const SETTLE_MS = 30_000;

/**
 * The Telegram adapter end to end against the fake Bot API on 127.0.0.1: real long polling, the
 * real app on a fresh SQLite file. Measures how many updates per second it answers when 1,000
 * users send /todo at once (new users, then the same users again), three times over with new
 * users each time, and the CPU the idle long poll costs over a window that holds a whole poll
 * cycle (target: under 1% of a core).
 */
export async function runTelegramBench(users = 1_000, idleSeconds = 31): Promise<string[]> {
  const tg = new FakeTelegramServer();
  const apiRoot = await tg.start();
  const file = path.join(os.tmpdir(), `clawchat-tg-bench-${randomUUID()}.db`);
  const logger = createLogger('silent');
  const app = await createApp(loadConfig({ DATABASE_URL: `file:${file}`, DEFAULT_TIMEZONE: 'Asia/Karachi', RATE_LIMIT_PER_MINUTE: '10000' }), logger, systemClock);
  const bot = createTelegramBot({
    token: '1:BENCH', apiRoot, handler: app.orchestrator, inbox: app.inbox, logger, clock: systemClock, settings: { pollTimeoutS: 30 },
    events: { markUnreachable: async () => {}, migrateChat: async () => {} },
  });
  const lines: string[] = [];
  try {
    await bot.start();
    const answered = () => tg.calls.reduce((n, c) => n + (c.method === 'sendMessage' && !c.error ? 1 : 0), 0);
    /** One burst: `users` users (ids from `firstId`) each send one message at once; answers per second. */
    const burst = async (firstId: number, text: (i: number) => string): Promise<Burst> => {
      const before = answered();
      const started = performance.now();
      for (let i = 0; i < users; i++) tg.sendText({ chatId: firstId + i, from: { id: firstId + i, first_name: `User${i}` }, text: text(i) });
      while (answered() - before < users) {
        if (performance.now() - started > 120_000) throw new Error(`only ${answered() - before} of ${users} answered in 120 s`);
        await sleep(5);
      }
      const seconds = (performance.now() - started) / 1000;
      const added = tg.calls.filter((c) => c.method === 'sendMessage' && !c.error).slice(before).filter((c) => String(c.params.text).startsWith('Added todo')).length;
      return { rate: users / seconds, added };
    };
    const report = (label: string, runs: Burst[]): string => {
      const rates = runs.map((r) => r.rate).sort((a, b) => a - b);
      const median = rates[Math.floor(rates.length / 2)]!;
      const added = runs.reduce((n, r) => n + r.added, 0);
      return `telegram: ${users} users send /todo at once (${label}), ${runs.length} bursts: median ${Math.round(median)} updates/s end-to-end, lowest ${Math.round(rates[0]!)}, highest ${Math.round(rates.at(-1)!)} (target 500+); ${added} of ${users * runs.length} answers were "Added todo"`;
    };
    const firstContact: Burst[] = [];
    const known: Burst[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const firstId = 10_000 + round * users;
      firstContact.push(await burst(firstId, (i) => `/todo buy milk ${i}`));
      known.push(await burst(firstId, (i) => `/todo call bank ${i} tomorrow`));
    }
    lines.push(report('first contact', firstContact), report('known users', known));
    lines.push(await adapterCeiling(users));
    const errors = tg.calls.filter((c) => c.error).length;
    if (errors) lines.push(`telegram: ${errors} API calls failed during the bench`);

    // The first quiet seconds after the bursts are not the steady cost of polling: V8's memory
    // reducer compacts the heap the 6,000 handled messages left (a few hundred ms, once). They are
    // measured and shown apart; the idle figure is taken after them, over a whole poll cycle.
    const cpuShare = async (ms: number): Promise<number> => {
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      await sleep(ms);
      const used = process.cpuUsage(cpu);
      return ((used.user + used.system) / 1000 / (performance.now() - t0)) * 100;
    };
    const settling = await cpuShare(SETTLE_MS);
    const polls = tg.callsOf('getUpdates').length;
    const idle = await cpuShare(idleSeconds * 1000);
    lines.push(`telegram: idle long polling (timeout 30 s) over ${idleSeconds} s: ${idle.toFixed(2)}% of one core, ${tg.callsOf('getUpdates').length - polls} getUpdates calls (target < 1%); the ${SETTLE_MS / 1000} s of quiet before it, while V8 compacts the heap left by the bursts: ${settling.toFixed(2)}%`);
  } finally {
    await bot.stop();
    await tg.stop();
    await app.close();
    await Promise.all(['', '-wal', '-shm', '-journal'].map((s) => rm(file + s, { force: true })));
  }
  return lines;
}

/**
 * The same burst with the core replaced by a handler that answers at once: what the adapter itself
 * (polling, normalizing, rendering, sending) sustains, apart from the database work behind /todo.
 */
async function adapterCeiling(users: number): Promise<string> {
  const tg = new FakeTelegramServer();
  const apiRoot = await tg.start();
  // The adapter stores every update before acknowledging it, so its ceiling includes that insert.
  const file = path.join(os.tmpdir(), `clawchat-tg-ceiling-${randomUUID()}.db`);
  const { db } = await openDatabase(`file:${file}`);
  const bot = createTelegramBot({
    token: '1:CEIL', apiRoot, logger: createLogger('silent'), clock: systemClock, settings: { pollTimeoutS: 30 }, inbox: new UpdateInbox(db, systemClock),
    handler: { handle: async (m) => ({ text: `Added todo: ${m.type === 'command' ? m.args : ''}`, actions: [{ label: 'Done', data: 'done:todo:1' }] }) },
    events: { markUnreachable: async () => {}, migrateChat: async () => {} },
  });
  try {
    await bot.start();
    const started = performance.now();
    for (let i = 0; i < users; i++) tg.sendText({ chatId: 10_000 + i, from: { id: 10_000 + i, first_name: `User${i}` }, text: `/todo buy milk ${i}` });
    while (tg.callsOf('sendMessage').filter((c) => !c.error).length < users) await sleep(5);
    const seconds = (performance.now() - started) / 1000;
    return `telegram: adapter alone (instant core), ${users} users at once: ${Math.round(users / seconds)} updates/s (${seconds.toFixed(2)} s)`;
  } finally {
    await bot.stop();
    await tg.stop();
    await db.$disconnect();
    await Promise.all(['', '-wal', '-shm'].map((s) => rm(file + s, { force: true })));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await runTelegramBench()).join('\n'));
}
