import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../src/db/database.ts';
import { createServices } from '../src/services/index.ts';
import type { ServiceContext } from '../src/services/scope.ts';
import { summarize } from './stats.ts';

const VOCAB = ['milk', 'eggs', 'bread', 'report', 'dentist', 'call', 'mom', 'bank', 'rent', 'invoice', 'gym', 'plants', 'car', 'tickets',
  'lahore', 'karachi', 'meeting', 'project', 'budget', 'doctor', 'school', 'fees', 'grocery', 'flight', 'hotel', 'passport', 'visa',
  'birthday', 'gift', 'cake', 'دودھ', 'انڈے', 'میٹنگ', 'ڈاکٹر', 'بینک', 'کرایہ', 'گاڑی', 'اسکول'];

/**
 * Search latency over 100,000 memos and todos of one user: rows are inserted straight into SQLite
 * (the FTS triggers index them as in production), then the real search service is timed.
 */
export async function runSearchBench(rows = 100_000, queries = 500): Promise<string[]> {
  const file = path.join(os.tmpdir(), `clawchat-search-bench-${randomUUID()}.db`);
  const { db } = await openDatabase(`file:${file}`);
  try {
    const user = await db.user.create({ data: { displayName: 'Bench', timezone: 'Asia/Karachi' } });
    const raw = new BetterSqlite3(file);
    let seed = 42;
    const rnd = () => { seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31; return seed / 2 ** 31; };
    const phrase = (n: number) => Array.from({ length: n }, () => VOCAB[Math.floor(rnd() * VOCAB.length)]).join(' ') + ` ${Math.floor(rnd() * 100_000)}`;
    const now = new Date().toISOString();
    const insertTodo = raw.prepare(`INSERT INTO Todo (title, ownerId, createdById, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)`);
    const insertMemo = raw.prepare(`INSERT INTO Memo (content, ownerId, createdById, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)`);
    raw.transaction(() => {
      for (let i = 0; i < rows / 2; i++) {
        insertTodo.run(phrase(4), user.id, user.id, now, now);
        insertMemo.run(phrase(20), user.id, user.id, now, now);
      }
    })();
    raw.close();
    const services = createServices(db);
    const ctx: ServiceContext = { userId: user.id, scope: { kind: 'personal', userId: user.id }, isSpaceAdmin: false, timeZone: 'Asia/Karachi', now: new Date() };
    const terms = () => (rnd() < 0.5 ? VOCAB[Math.floor(rnd() * VOCAB.length)]! : `${VOCAB[Math.floor(rnd() * VOCAB.length)]} ${VOCAB[Math.floor(rnd() * VOCAB.length)]}`);
    for (let i = 0; i < 50; i++) await services.search.search(ctx, terms(), { limit: 10 });
    const samples: number[] = [];
    let hits = 0;
    for (let i = 0; i < queries; i++) {
      const q = terms();
      const t0 = performance.now();
      hits += (await services.search.search(ctx, q, { limit: 10 })).length;
      samples.push(performance.now() - t0);
    }
    const s = summarize(samples);
    return [
      `search: ${rows.toLocaleString('en')} todos+memos of one user, ${queries} one- and two-word queries (English and Urdu), top 10 with snippets`,
      `  latency ${s.line}  (avg ${(hits / queries).toFixed(1)} hits/query)`,
    ];
  } finally {
    await db.$disconnect();
    await Promise.all(['', '-wal', '-shm'].map((x) => rm(file + x, { force: true })));
  }
}
