import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../src/db/database.ts';
import { createServices } from '../src/services/index.ts';
import type { ServiceContext } from '../src/services/scope.ts';
import { summarize } from './stats.ts';

const COMMON = ['milk', 'eggs', 'bread', 'report', 'dentist', 'call', 'mom', 'bank', 'rent', 'invoice', 'gym', 'plants', 'car', 'tickets',
  'lahore', 'karachi', 'meeting', 'project', 'budget', 'doctor', 'school', 'fees', 'grocery', 'flight', 'hotel', 'passport', 'visa',
  'birthday', 'gift', 'cake', 'دودھ', 'انڈے', 'میٹنگ', 'ڈاکٹر', 'بینک', 'کرایہ', 'گاڑی', 'اسکول'];
const SYLLABLES = ['ka', 'ri', 'mo', 'ta', 'ne', 'lu', 'sa', 'po', 'di', 'fe', 'go', 'hu', 'bin', 'tor', 'vel'];
/**
 * A 5,000-word vocabulary: real words first, then made-up ones. Word frequencies follow Zipf's law
 * (the k-th word is 1/k as common as the first), as in natural text, so some queries hit tens of
 * thousands of rows and most hit a few hundred.
 */
const VOCAB = [...COMMON, ...Array.from({ length: 5_000 - COMMON.length }, (_, i) => {
  let n = i + 1; let w = '';
  while (n > 0) { w += SYLLABLES[n % SYLLABLES.length]; n = Math.floor(n / SYLLABLES.length); }
  return w;
})];

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
    const cdf: number[] = [];
    let total = 0;
    for (let k = 1; k <= VOCAB.length; k++) cdf.push((total += 1 / k));
    const zipfWord = () => {
      const r = rnd() * total;
      let lo = 0; let hi = cdf.length - 1;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (cdf[mid]! < r) lo = mid + 1; else hi = mid; }
      return VOCAB[lo]!;
    };
    const phrase = (n: number) => Array.from({ length: n }, zipfWord).join(' ');
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
    // People search for words they wrote: queries follow the same frequencies as the text.
    const terms = () => (rnd() < 0.5 ? zipfWord() : `${zipfWord()} ${zipfWord()}`);
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
    const worst: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      await services.search.search(ctx, VOCAB[0]!, { limit: 10 });
      worst.push(performance.now() - t0);
    }
    const [{ n }] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT count(*) AS n FROM SearchIndex WHERE SearchIndex MATCH ?`, `"${VOCAB[0]}"`) as [{ n: number }];
    return [
      `search: ${rows.toLocaleString('en')} todos+memos of one user (Zipf text over a 5,000-word vocabulary, English and Urdu), ${queries} one- and two-word queries, top 10 with snippets`,
      `  latency ${s.line}  (avg ${(hits / queries).toFixed(1)} hits/query)`,
      `  the most common word ("${VOCAB[0]}", in ${Number(n).toLocaleString('en')} rows): ${summarize(worst).line}`,
    ];
  } finally {
    await db.$disconnect();
    await Promise.all(['', '-wal', '-shm'].map((x) => rm(file + x, { force: true })));
  }
}
