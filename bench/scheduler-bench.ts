/**
 * Scheduler bench (issue 7). Run: `npx tsx bench/scheduler-bench.ts` (BENCH_FULL=1 to deliver all
 * 10,000 briefings instead of a timed window). Prints four figures:
 *   1. start → armed with 100,000 pending reminders across 10,000 users (target < 2 s)
 *   2. resident memory, peak while delivering (target < 200 MB)
 *   3. lag between due time and hand-off to the channel, limiter not the bottleneck (target p99 < 1 s)
 *   4. delivered rate for 10,000 simultaneous briefings against a 30/s limiter (target ≥ 95% of 30/s)
 * Real clock, real SQLite file, a no-op channel: it measures our code and the database, not a network.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import type { Channel, DirectTarget, MessageHandle } from '../src/core/channel.ts';
import { systemClock } from '../src/core/clock.ts';
import type { Platform } from '../src/core/inbound.ts';
import type { Reply } from '../src/core/reply.ts';
import { openDatabase } from '../src/db/database.ts';
import { DeliveryLoop } from '../src/scheduler/delivery-loop.ts';
import { createTemplateRenderer, type NotificationRenderer } from '../src/scheduler/default-render.ts';
import type { NotificationRow } from '../src/scheduler/notification-store.ts';
import { PlatformLimiters } from '../src/scheduler/rate-limiter.ts';

/** The four figures, plus context. */
export interface SchedulerBenchResult {
  startToArmedMs: number;
  peakRssMb: number;
  lag: { count: number; p50Ms: number; p99Ms: number; maxMs: number };
  briefings: { delivered: number; windowSec: number; ratePerSec: number; steadyRatePerSec: number; queuedNotDropped: number; lostOrFailed: number };
  pass: { armed: boolean; memory: boolean; lag: boolean; rate: boolean };
}

/** Knobs, mostly for a quick smoke run. */
export interface SchedulerBenchOptions {
  users?: number;
  reminders?: number;
  /** Reminders that fall due during the lag window (the rest are spread over the next 7 days). */
  dueInWindow?: number;
  lagWindowMs?: number;
  briefings?: number;
  briefingWindowMs?: number;
  full?: boolean;
  log?: (line: string) => void;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

class NullChannel implements Channel {
  readonly capabilities = { maxMessageLength: 4096, minEditIntervalDmMs: 1000, minEditIntervalGroupMs: 3000, buttons: true, format: 'html' as const };
  sent = 0;
  constructor(readonly platform: Platform) {}
  async send(): Promise<MessageHandle> { throw new Error('unused'); }
  async edit(): Promise<void> {}
  async sendDirect(target: DirectTarget, _reply: Reply): Promise<MessageHandle> {
    this.sent++;
    return { conversation: { platform: this.platform, chatId: target.chatId ?? target.userId, kind: 'dm' }, messageId: String(this.sent) };
  }
}

/** Seeds users, identities, and reminders with their outbox rows straight through SQLite (fast). */
function seed(file: string, users: number, reminders: number, dueInWindow: number, windowStart: number, windowMs: number, briefingUsers: number, briefingAt: number): void {
  const raw = new BetterSqlite3(file);
  const now = iso(Date.now());
  const insUser = raw.prepare(`INSERT INTO "User" ("displayName","timezone","language","briefingTime","briefingEnabled","updatedAt") VALUES (?,?,?,?,?,?)`);
  const insIdn = raw.prepare(`INSERT INTO "Identity" ("platform","externalId","userId","dmChatId","lastSeenAt") VALUES ('telegram',?,?,?,?)`);
  const insRem = raw.prepare(`INSERT INTO "Reminder" ("userId","text","at","updatedAt") VALUES (?,?,?,?)`);
  const insN = raw.prepare(`INSERT INTO "Notification" ("kind","userId","sourceType","sourceId","payload","dueAt","dedupeKey","updatedAt") VALUES (?,?,?,?,?,?,?,?)`);
  const zones = ['Asia/Karachi', 'Europe/London', 'America/New_York', 'UTC'];
  raw.transaction(() => {
    for (let u = 1; u <= users; u++) {
      insUser.run(`user ${u}`, zones[u % zones.length], u % 3 ? 'en' : 'ur', '08:00', u <= briefingUsers ? 1 : 0, now);
      insIdn.run(String(100_000 + u), u, String(100_000 + u), now);
    }
    const week = 7 * 86_400_000;
    for (let i = 0; i < reminders; i++) {
      const userId = (i % users) + 1;
      const due = i < dueInWindow ? windowStart + Math.floor((i / dueInWindow) * windowMs) : windowStart + windowMs + 60_000 + Math.floor(Math.random() * week);
      const text = `reminder ${i}`;
      const r = insRem.run(userId, text, iso(due), now);
      const id = Number(r.lastInsertRowid);
      insN.run('reminder', userId, 'reminder', id, JSON.stringify({ title: text, at: new Date(due).toISOString(), recurring: false, timeZone: 'UTC' }), iso(due), `reminder:${id}:${new Date(due).toISOString()}`, now);
    }
    for (let u = 1; u <= briefingUsers; u++) {
      insN.run('briefing', u, 'briefing', u, JSON.stringify({ timeZone: 'UTC' }), iso(briefingAt), `briefing:${u}:bench`, now);
    }
  })();
  raw.close();
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the bench and returns the figures (also printed through `log`). */
export async function runSchedulerBench(options: SchedulerBenchOptions = {}): Promise<SchedulerBenchResult> {
  const log = options.log ?? ((l: string) => console.log(l));
  const users = options.users ?? 10_000;
  const reminders = options.reminders ?? 100_000;
  const dueInWindow = options.dueInWindow ?? 10_000;
  const lagWindowMs = options.lagWindowMs ?? 10_000;
  const briefings = options.briefings ?? 10_000;
  const full = options.full ?? process.env.BENCH_FULL === '1';
  const briefingWindowMs = full ? Infinity : options.briefingWindowMs ?? 20_000;
  const dir = mkdtempSync(path.join(tmpdir(), 'clawchat-sched-bench-'));
  let peakRss = 0;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
  try {
    // Part 1-3: 100k pending reminders, `dueInWindow` of them falling due 3 s after start.
    const fileA = path.join(dir, 'reminders.db');
    await (await openDatabase(`file:${fileA}`)).db.$disconnect();
    const windowStart = Date.now() + 8_000;
    log(`seeding ${reminders} reminders for ${users} users...`);
    seed(fileA, users, reminders, dueInWindow, windowStart, lagWindowMs, 0, 0);
    // The scheduler runs in its own process so its memory is measured apart from the seeding above.
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--reminder-phase', fileA, String(windowStart), String(lagWindowMs), String(dueInWindow)], {
      encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20,
    });
    if (process.env.BENCH_DEBUG) log(child.stderr.trim());
    const phase = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as ReminderPhase;
    if (child.status !== 0 || phase.armedMs === undefined) throw new Error(`reminder phase failed: ${child.stderr.slice(-2000)}`);
    const armedMs = phase.armedMs;
    log(`start → armed: ${armedMs.toFixed(0)} ms`);
    log(`peak resident memory of the scheduler process (100k pending, ${dueInWindow} delivered): ${phase.peakRssMb} MB (of which ${phase.baselineRssMb} MB is Node + tsx + Prisma before the database is opened)`);
    const lag = phase.lag;
    log(`lag (${lag.count}/${dueInWindow} due in ${lagWindowMs / 1000} s): p50 ${lag.p50Ms} ms, p99 ${lag.p99Ms} ms, max ${lag.maxMs} ms`);

    // Part 4: 10,000 briefings due at once, Telegram limits (30/s, 1/s per chat), template renderer.
    const fileB = path.join(dir, 'briefings.db');
    (await openDatabase(`file:${fileB}`)).db.$disconnect();
    const briefingAt = Date.now() - 1_000;
    seed(fileB, briefings, 0, 0, 0, 0, briefings, briefingAt);
    const { db: dbB } = await openDatabase(`file:${fileB}`);
    const tg = new NullChannel('telegram');
    const sends: number[] = [];
    const render: NotificationRenderer = createTemplateRenderer(dbB);
    const loopB = new DeliveryLoop({
      db: dbB, clock: systemClock, channels: new Map([['telegram', tg]]), workerId: 'bench-b', render,
      limiters: new PlatformLimiters(systemClock, { telegram: { ratePerSecond: 30, perChatIntervalMs: 1_000 } }),
      onHandoff: () => { sends.push(performance.now()); },
    });
    const b0 = performance.now();
    loopB.start();
    while (sends.length < briefings && performance.now() - b0 < briefingWindowMs) await sleep(100);
    const windowSec = (performance.now() - b0) / 1000;
    if (process.env.BENCH_DEBUG) { const h: number[] = []; for (const t of sends.slice(0, sends.length)) h[Math.floor((t - b0) / 1000)] = (h[Math.floor((t - b0) / 1000)] ?? 0) + 1; log(`per second: ${h.join(",")}`); }
    const window = sends.slice();
    const delivered = window.length;
    await loopB.stop().catch(() => {});
    const counts = await dbB.notification.groupBy({ by: ['status'], where: { dedupeKey: { endsWith: ':bench' } }, _count: { _all: true } });
    const byStatus = Object.fromEntries(counts.map((c) => [c.status, c._count._all]));
    await dbB.$disconnect();
    // Steady rate: after the first second's burst allowance, sends per second of elapsed time.
    const firstSec = window.filter((t) => t - b0 < 1_000).length;
    const steady = delivered > firstSec ? (delivered - firstSec) / ((window[window.length - 1]! - b0) / 1000 - 1) : NaN;
    const stillQueued = (byStatus.pending ?? 0) + (byStatus.claimed ?? 0);
    const briefingsResult = {
      delivered, windowSec: Number(windowSec.toFixed(1)), ratePerSec: Number((delivered / windowSec).toFixed(2)),
      steadyRatePerSec: Number(steady.toFixed(2)), queuedNotDropped: stillQueued,
      lostOrFailed: briefings - (byStatus.sent ?? 0) - stillQueued,
    };
    log(`briefings: ${delivered} delivered in ${briefingsResult.windowSec} s → ${briefingsResult.ratePerSec}/s overall, ${briefingsResult.steadyRatePerSec}/s steady (limit 30/s); ${stillQueued} still queued, ${briefingsResult.lostOrFailed} lost/failed`);
    clearInterval(sampler);
    const peakRssMb = phase.peakRssMb;
    const result: SchedulerBenchResult = {
      startToArmedMs: Math.round(armedMs), peakRssMb, lag, briefings: briefingsResult,
      pass: { armed: armedMs < 2_000, memory: peakRssMb < 200, lag: lag.p99Ms < 1_000 && lag.count === dueInWindow, rate: steady >= 0.95 * 30 && briefingsResult.lostOrFailed === 0 },
    };
    log(`pass: ${JSON.stringify(result.pass)}`);
    return result;
  } finally {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the child process reports about the reminder phase. */
interface ReminderPhase {
  armedMs: number;
  peakRssMb: number;
  baselineRssMb: number;
  lag: { count: number; p50Ms: number; p99Ms: number; maxMs: number };
}

/** Parts 1–3 in a process of their own: open the seeded database, arm, deliver, report as JSON. */
async function reminderPhase(file: string, windowStart: number, lagWindowMs: number, dueInWindow: number): Promise<void> {
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  let peakDetail = '';
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) { peakRss = m.rss; peakDetail = `heap ${Math.round(m.heapUsed / 1048576)}/${Math.round(m.heapTotal / 1048576)} MB, external ${Math.round(m.external / 1048576)} MB, arrayBuffers ${Math.round(m.arrayBuffers / 1048576)} MB`; }
  }, 20);
  const lags: number[] = [];
  const channel = new NullChannel('telegram');
  const t0 = performance.now();
  const { db } = await openDatabase(`file:${file}`);
  let armedMs = NaN;
  const loop = new DeliveryLoop({
    db, clock: systemClock, channels: new Map([['telegram', channel]]), workerId: 'bench',
    render: async ({ payload }) => ({ text: `⏰ ${payload.title ?? ''}` }),
    limiters: new PlatformLimiters(systemClock, { telegram: { ratePerSecond: Infinity, perChatIntervalMs: 0, maxConcurrent: 100_000 } }),
    onArmed: () => { if (Number.isNaN(armedMs)) armedMs = performance.now() - t0; },
    onHandoff: (row: NotificationRow, at: Date) => { lags.push(at.getTime() - row.dueAt.getTime()); },
  });
  loop.start();
  while (Number.isNaN(armedMs)) await sleep(1);
  const deadline = windowStart + lagWindowMs + 30_000;
  while (lags.length < dueInWindow && Date.now() < deadline) await sleep(50);
  await loop.stop();
  await db.$disconnect();
  clearInterval(sampler);
  lags.sort((a, b) => a - b);
  const result: ReminderPhase = {
    armedMs, peakRssMb: Math.round(Math.max(peakRss, process.memoryUsage().rss) / 1024 / 1024), baselineRssMb: Math.round(baselineRss / 1024 / 1024),
    lag: { count: lags.length, p50Ms: percentile(lags, 50), p99Ms: percentile(lags, 99), maxMs: lags[lags.length - 1] ?? NaN },
  };
  if (process.env.BENCH_DEBUG) console.error(`peak: ${peakDetail}`);
  console.log(JSON.stringify(result));
}

if (process.argv[2] === '--reminder-phase') {
  const [file, start, windowMs, due] = process.argv.slice(3);
  reminderPhase(file!, Number(start), Number(windowMs), Number(due)).catch((e) => { console.error(e); process.exitCode = 1; });
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSchedulerBench().then((r) => { process.exitCode = Object.values(r.pass).every(Boolean) ? 0 : 1; }, (e) => { console.error(e); process.exitCode = 1; });
}
