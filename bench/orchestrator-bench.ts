import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/core/clock.ts';
import type { InboundMessage } from '../src/core/inbound.ts';
import { createLogger } from '../src/logger.ts';
import { summarize } from './stats.ts';

const WORDS = ['milk', 'eggs', 'bread', 'report', 'dentist', 'call', 'mom', 'bank', 'rent', 'invoice', 'gym', 'plants', 'car', 'tickets', 'lahore'];
const WHEN = ['', ' tomorrow', ' friday 5pm', ' next week', ' in 2 hours', ''];

/**
 * Per-message latency through the real orchestrator and database: 5,000 mixed messages
 * (/todo, /todos, /done, /search) from 50 users on a fresh WAL database.
 */
export async function runOrchestratorBench(messages = 5_000): Promise<string[]> {
  const file = path.join(os.tmpdir(), `clawchat-bench-${randomUUID()}.db`);
  const config = loadConfig({ DATABASE_URL: `file:${file}`, DEFAULT_TIMEZONE: 'Asia/Karachi', RATE_LIMIT_PER_MINUTE: '10000' });
  const app = await createApp(config, createLogger('silent'), systemClock);
  try {
    let n = 0;
    const make = (i: number): InboundMessage => {
      const user = String(1 + (i % 50));
      const base = { conversation: { platform: 'telegram' as const, chatId: user, kind: 'dm' as const }, actor: { platform: 'telegram' as const, userId: user, displayName: `U${user}` }, receivedAt: new Date(), messageId: String(++n) };
      const w = WORDS[i % WORDS.length]!;
      switch (i % 4) {
        case 0: return { ...base, type: 'command', name: 'todo', args: `${w} ${WORDS[(i * 7) % WORDS.length]}${WHEN[i % WHEN.length]}` };
        case 1: return { ...base, type: 'command', name: 'todos', args: '' };
        case 2: return { ...base, type: 'command', name: 'done', args: '1' };
        default: return { ...base, type: 'command', name: 'search', args: w };
      }
    };
    for (let i = 0; i < 200; i++) await app.orchestrator.handle(make(i)); // warm-up: JIT, caches, prepared statements
    const samples: number[] = [];
    const byKind = new Map<string, number[]>();
    const started = performance.now();
    for (let i = 0; i < messages; i++) {
      const m = make(i);
      const t0 = performance.now();
      await app.orchestrator.handle(m);
      const ms = performance.now() - t0;
      samples.push(ms);
      const kind = m.type === 'command' ? m.name : m.type;
      if (!byKind.has(kind)) byKind.set(kind, []);
      byKind.get(kind)!.push(ms);
    }
    const seconds = (performance.now() - started) / 1000;
    const s = summarize(samples);
    return [
      `orchestrator: ${messages} mixed messages (/todo, /todos, /done, /search), 50 users, real SQLite (WAL)`,
      `  latency ${s.line}`,
      `  throughput ${(messages / seconds).toFixed(0)} messages/s (sequential)`,
      ...[...byKind].map(([kind, xs]) => `    /${kind.padEnd(7)} ${summarize(xs).line}`),
    ];
  } finally {
    await app.close();
    await Promise.all(['', '-wal', '-shm'].map((x) => rm(file + x, { force: true })));
  }
}
