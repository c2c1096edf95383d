import { describe, expect, it } from 'vitest';
import { englishDateReadings, mayHoldEnglishDate } from '../../src/nlu/dates-en.ts';
import { loadCases } from './score.ts';

// The parser skips chrono (its costliest step) when mayHoldEnglishDate says a message has no date
// words or date-shaped digits. This checks that claim: for every case text and a set of number
// shapes in several positions, whenever the filter says "no", chrono itself finds nothing we keep.
const caseTexts = [
  new URL('../../../shared/nlu/dev.jsonl', import.meta.url),
  new URL('./extra-cases.jsonl', import.meta.url),
  new URL('./extra-cases-2.jsonl', import.meta.url),
  new URL('./extra-cases-3.jsonl', import.meta.url),
  new URL('./extra-cases-4.jsonl', import.meta.url),
].flatMap((file) => loadCases(file).map((c) => c.text));

const NUMBER_SHAPES = [
  '5', '12', '123', '2026', '0', '3.5', '1,000', '10k', '5%', '$20', '#4', 'x2', '2x', '1st', '2nd', '3rd', '21st', '5/12',
  '17:30', '5pm', '5 pm', '5p', '7am', '10 a.m.', '10 p.m.', '11.30', '5-6', '5–6', '2026-11-21', '11/2026', '10h', '5h30',
  '20m', '15 min', '2 s', '3d', '2w', '1y', 'at 5', 'by 5', 'from 5 to 6', '5 to 6', 'before 6', 'after 6', 'until 6',
  'till 6', '@5', 'around 5', 'since 5', 'in 5', 'for 5', 'on 5', 'the 5th', 'T17:00', '1700', '0930', '5.30pm',
  "5 o'clock", '5 o clock', 'between 5 and 6', 'room 101', 'call 0300-1234567', '+92 300 1234567', 'flight pk 301',
  'gate 5a', 'apt 4b', '5 kg', '3 eggs', '9 to 5', 'half past 5', 'quarter to 5', 'page 12', 'iso 9001',
];
const synthetic = NUMBER_SHAPES.flatMap((n) => [`buy milk ${n}`, `${n} buy milk`, `remind me ${n} to call`, `meeting ${n}`]);
const ctx = { now: new Date('2026-11-21T05:00:00Z'), timeZone: 'Asia/Karachi' };

describe('the chrono prefilter', () => {
  it('never hides a date chrono would find', () => {
    const texts = [...new Set([...caseTexts, ...synthetic])].map((t) => t.toLowerCase());
    expect(texts.length).toBeGreaterThan(500);
    const hidden = texts
      .filter((t) => !mayHoldEnglishDate(t))
      .map((t) => [t, englishDateReadings(t, ctx, { prefilter: false }).map((r) => r.text)] as const)
      .filter(([, found]) => found.length > 0);
    expect(hidden).toEqual([]);
  });

  it('lets bare numbers through without chrono, and date shapes to it', () => {
    for (const t of ['buy 3 eggs', 'room 101', 'buy milk 123', 'call 03001234567', 'pay 2,500 rent']) expect(mayHoldEnglishDate(t), t).toBe(false);
    for (const t of ['at 5', 'call at 5pm', '/remind 20m tea', '17:30 standup', 'due 5/12', 'on the 21st', 'tomorrow']) expect(mayHoldEnglishDate(t), t).toBe(true);
  });
});
