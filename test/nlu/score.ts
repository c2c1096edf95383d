/**
 * The evaluation rules of /work/shared/nlu/eval.mjs as a function, so our own case files can be
 * checked inside vitest with exactly the scoring the hidden set uses.
 */
import { readFileSync } from 'node:fs';

/** One labelled case, in the dev.jsonl format. */
export interface Case {
  id: string;
  text: string;
  lang: string;
  now: string;
  tz: string;
  intent: string;
  params: Record<string, unknown>;
}

const DATETIME = new Set(['due', 'at', 'start', 'end']);
const TEXT = new Set(['title', 'text', 'content', 'ref', 'query', 'instruction', 'location']);
const norm = (s: unknown): string => String(s ?? '').normalize('NFKC').toLowerCase()
  .replace(/[\u200c\u200d\u200e\u200f]/g, '').replace(/\s+/g, ' ').trim()
  .replace(/^[\s"'“”‘’.,!?؟،:;-]+|[\s"'“”‘’.,!?؟،:;-]+$/g, '');
const tokens = (s: unknown): Set<string> => new Set(norm(s).split(/[\s,.;:!?؟،]+/).filter(Boolean));

function textMatch(a: unknown, b: unknown): boolean {
  if (norm(a) === norm(b)) return true;
  const A = tokens(a);
  const B = tokens(b);
  if (!A.size || !B.size) return false;
  let inter = 0;
  for (const t of A) if (B.has(t)) inter++;
  return inter / (A.size + B.size - inter) >= 0.8;
}

function paramMatch(name: string, expected: unknown, got: unknown): boolean {
  if (got === undefined || got === null) return false;
  if (DATETIME.has(name)) return Math.abs(Date.parse(String(expected)) - Date.parse(String(got))) <= 60_000;
  if (TEXT.has(name)) return textMatch(expected, got);
  if (name === 'time') return String(got).replace(/^(\d):/, '0$1:') === expected;
  return JSON.stringify(got) === JSON.stringify(expected) || norm(got) === norm(expected);
}

/** What is wrong with a prediction (empty when fully correct). */
export function problems(c: Case, got: { intent: string; params: Record<string, unknown> }): string[] {
  if (got.intent !== c.intent) return [`intent: want ${c.intent} got ${got.intent}`];
  const out: string[] = [];
  for (const [k, v] of Object.entries(c.params)) {
    if (!paramMatch(k, v, got.params[k])) out.push(`${k}: want ${JSON.stringify(v)} got ${JSON.stringify(got.params[k])}`);
  }
  for (const k of Object.keys(got.params)) {
    if (!(k in c.params) && !TEXT.has(k) && got.params[k] != null) out.push(`${k}: not stated, got ${JSON.stringify(got.params[k])}`);
  }
  return out;
}

/** Reads a .jsonl case file. */
export function loadCases(path: string | URL): Case[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Case);
}
