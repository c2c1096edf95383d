import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { createTelegramBot } from '../adapters/telegram/index.ts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/core/clock.ts';
import { createLogger } from '../src/logger.ts';
import { FakeTelegramServer } from '../test/fakes/fake-telegram.ts';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tg = new FakeTelegramServer();
const apiRoot = await tg.start();
const file = path.join(os.tmpdir(), `x-${randomUUID()}.db`);
const logger = createLogger('silent');
const app = await createApp(loadConfig({ DATABASE_URL: `file:${file}`, DEFAULT_TIMEZONE: 'Asia/Karachi', RATE_LIMIT_PER_MINUTE: '10000' }), logger, systemClock);
const starts: number[] = []; const ends: number[] = [];
const handler = { handle: async (m: any, o: any) => { starts.push(performance.now()); const r = await app.orchestrator.handle(m, o); ends.push(performance.now()); return r; } };
const bot = createTelegramBot({ token: '1:B', apiRoot, handler, logger, clock: systemClock, settings: { pollTimeoutS: 30 }, events: { markUnreachable: async () => {}, migrateChat: async () => {} } });
await bot.start();
for (const round of [0, 1]) {
  starts.length = 0; ends.length = 0;
  const before = tg.callsOf('sendMessage').length; const gu = tg.callsOf('getUpdates').length;
  const t0 = performance.now(); const w0 = Date.now();
  for (let i = 0; i < 1000; i++) tg.sendText({ chatId: 10_000 + i, from: { id: 10_000 + i, first_name: `U${i}` }, text: `/todo buy milk ${i}` });
  while (tg.callsOf('sendMessage').length - before < 1000) await sleep(5);
  const sends = tg.callsOf('sendMessage').slice(before);
  console.log({ round, total: Math.round(performance.now() - t0), firstStart: Math.round(starts[0]! - t0), lastStart: Math.round(starts.at(-1)! - t0), firstEnd: Math.round(Math.min(...ends) - t0), lastEnd: Math.round(Math.max(...ends) - t0), firstSend: sends[0]!.at - w0, lastSend: sends.at(-1)!.at - w0, polls: tg.callsOf('getUpdates').slice(gu).map(c => c.at - w0) });
}
await bot.stop(); await tg.stop(); await app.close();
