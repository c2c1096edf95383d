import { describe, it, expect } from 'vitest';
import { parseMessage } from '../helpers/offline-parser.ts';
import { loadCases, problems } from './score.ts';

// Our own cases, written apart from the dev set to check that the rules generalise: different
// wordings, zones (Karachi, London, Dubai, New York across both 2026 DST changes) and all three
// languages. Scored exactly like the evaluation script.
const cases = [
  ...loadCases(new URL('./extra-cases.jsonl', import.meta.url)),
  ...loadCases(new URL('./extra-cases-2.jsonl', import.meta.url)),
  ...loadCases(new URL('./extra-cases-3.jsonl', import.meta.url)),
  ...loadCases(new URL('./extra-cases-4.jsonl', import.meta.url)),
];

describe('extra cases (scored like eval.mjs)', () => {
  it.each(cases.map((c) => [`${c.id} [${c.lang}] ${c.text}`, c] as const))('%s', (_name, c) => {
    const got = parseMessage(c.text, { now: new Date(c.now), timeZone: c.tz });
    expect(problems(c, got)).toEqual([]);
  });

  it('covers every intent in every language that has one', () => {
    const langs = new Set(cases.map((c) => c.lang));
    expect([...langs].sort()).toEqual(['en', 'roman-ur', 'ur']);
    expect(new Set(cases.map((c) => c.intent)).size).toBe(21);
  });
});
