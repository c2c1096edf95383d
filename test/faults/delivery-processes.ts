/**
 * Helpers for the delivery fault tests: one SQLite file shared by several real ClawChat processes
 * (`node --import tsx adapters/launch.ts`, as `npm start` runs it), users with identities on each
 * platform, reminders due now, and counts read straight from the database.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../../src/db/database.ts';
import type { Platform } from '../../src/core/inbound.ts';
import { systemClock } from '../../src/core/clock.ts';
import { ReminderPlanner } from '../../src/scheduler/reminder-planner.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** A running ClawChat process with its output collected. */
export interface ClawProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts `adapters/launch.ts` with only the given settings (no token: the terminal chat, stdin kept open). */
export function launch(dbFile: string, env: Record<string, string>): ClawProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/launch.ts'], {
    cwd: root, stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: `file:${dbFile}`, LOG_LEVEL: 'warn',
      TELEGRAM_BOT_TOKEN: '', DISCORD_BOT_TOKEN: '', OPENAI_API_KEY: '', OPENAI_BASE_URL: '', ...env,
    },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Polls `check` every 100 ms until it returns something truthy; throws `describe()` on timeout. */
export async function waitUntil<T>(check: () => T | Promise<T>, timeoutMs: number, describe: () => string): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A temporary database file (in its own folder, with the Discord command state beside it), migrated. */
export async function sharedDb(): Promise<{ file: string; db: Db; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'clawchat-delivery-'));
  const file = path.join(dir, 'shared.db');
  const { db } = await openDatabase(`file:${file}`);
  return { file, db, cleanup: async () => { await db.$disconnect(); await rm(dir, { recursive: true, force: true }); } };
}

/** Creates a user with one identity and a one-shot reminder due at `dueAt`, planned into the outbox. */
export async function userWithReminder(db: Db, o: { platform: Platform; externalId: string; dmChatId?: string; text: string; dueAt: Date; unreachable?: boolean }): Promise<number> {
  const user = await db.user.create({ data: { displayName: o.text, timezone: 'UTC', language: 'en' } });
  await db.identity.create({ data: { platform: o.platform, externalId: o.externalId, dmChatId: o.dmChatId ?? o.externalId, userId: user.id, unreachable: o.unreachable ?? false } });
  const reminder = await db.reminder.create({ data: { userId: user.id, text: o.text, at: o.dueAt } });
  await new ReminderPlanner({ db, clock: systemClock }).planReminder(reminder.id);
  return user.id;
}

/** Notification rows by status, e.g. `{ sent: 40 }`. */
export async function statusCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db.notification.groupBy({ by: ['status'], _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}

/** How many chats got each count of messages: `{ 1: 40 }` means forty chats got exactly one. */
export function histogram(counts: Iterable<number>): Record<number, number> {
  const h: Record<number, number> = {};
  for (const c of counts) h[c] = (h[c] ?? 0) + 1;
  return h;
}

/**
 * The teardown of one test file: steps added during a test run in reverse order after it, and a
 * tracked process is killed with SIGKILL (and waited for), whatever the test's outcome.
 */
export function useCleanups(): { add(step: () => Promise<unknown> | unknown): void; track(p: ClawProcess): ClawProcess } {
  let steps: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const step of steps.reverse()) await step();
    steps = [];
  });
  const add = (step: () => Promise<unknown> | unknown): void => { steps.push(step); };
  return { add, track: (p) => { add(() => { p.child.kill('SIGKILL'); return p.exited; }); return p; } };
}
