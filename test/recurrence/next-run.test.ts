import { describe, expect, it } from 'vitest';
import { firesMoreThanOncePerMinute, isValidRule, nextOccurrence, toCronPattern } from '../../src/recurrence/next-run.ts';

const at = (iso: string) => new Date(iso);
function runs(rule: string, zone: string, from: string, n: number): string[] {
  const out: string[] = [];
  let d: Date | null = at(from);
  for (let i = 0; i < n && d; i++) {
    d = nextOccurrence(rule, zone, d);
    if (d) out.push(d.toISOString());
  }
  return out;
}

describe('toCronPattern / isValidRule', () => {
  it('turns friendly forms into cron', () => {
    expect(toCronPattern('daily@09:00')).toBe('0 9 * * *');
    expect(toCronPattern('weekdays@9:05')).toBe('5 9 * * 1-5');
    expect(toCronPattern('weekly@mon,thu@18:30')).toBe('30 18 * * 1,4');
    expect(toCronPattern('weekly@0@07:00')).toBe('0 7 * * 0');
    expect(toCronPattern('monthly@1@09:00')).toBe('0 9 1 * *');
    expect(toCronPattern('monthly@L@20:00')).toBe('0 20 L * *');
    expect(toCronPattern('*/15 * * * *')).toBe('*/15 * * * *');
  });
  it('rejects nonsense', () => {
    for (const bad of ['', 'daily', 'daily@25:00', 'weekly@funday@09:00', 'monthly@32@09:00', 'every day', '* * *', '61 * * * *', 'hourly@xx']) {
      expect(isValidRule(bad), bad).toBe(false);
    }
    for (const good of ['daily@00:00', 'weekdays@09:00', '0 9 1 * *', '0 0 9 * * 1-5']) expect(isValidRule(good), good).toBe(true);
  });
  it('returns null for an unknown zone or rule', () => {
    expect(nextOccurrence('daily@09:00', 'Mars/Olympus', at('2026-01-01T00:00:00Z'))).toBeNull();
    expect(nextOccurrence('nope', 'UTC', at('2026-01-01T00:00:00Z'))).toBeNull();
  });
});

describe('nextOccurrence in three zones', () => {
  it('Asia/Karachi (UTC+5, no DST): every weekday at 9', () => {
    // Friday 2026-11-20 12:00 local → Mon, Tue, Wed 09:00 local = 04:00Z
    expect(runs('weekdays@09:00', 'Asia/Karachi', '2026-11-20T07:00:00Z', 3)).toEqual([
      '2026-11-23T04:00:00.000Z', '2026-11-24T04:00:00.000Z', '2026-11-25T04:00:00.000Z',
    ]);
  });
  it('America/New_York: every month on the 1st at 09:00, across the November DST change', () => {
    expect(runs('monthly@1@09:00', 'America/New_York', '2026-09-15T00:00:00Z', 3)).toEqual([
      '2026-10-01T13:00:00.000Z', // EDT (UTC-4)
      '2026-11-01T14:00:00.000Z', // the fall-back day itself, EST (UTC-5)
      '2026-12-01T14:00:00.000Z',
    ]);
  });
  it('Europe/London: daily 08:00 keeps the local time through the March change', () => {
    expect(runs('daily@08:00', 'Europe/London', '2026-03-28T09:00:00Z', 2)).toEqual([
      '2026-03-29T07:00:00.000Z', // BST
      '2026-03-30T07:00:00.000Z',
    ]);
  });
  it('is strictly after `after` and pure', () => {
    const t = at('2026-11-23T04:00:00Z');
    expect(nextOccurrence('weekdays@09:00', 'Asia/Karachi', t)?.toISOString()).toBe('2026-11-24T04:00:00.000Z');
    expect(nextOccurrence('weekdays@09:00', 'Asia/Karachi', t)?.toISOString()).toBe('2026-11-24T04:00:00.000Z');
  });
  it('monthly on the 31st skips short months; L is the last day', () => {
    expect(runs('monthly@31@09:00', 'UTC', '2026-01-31T10:00:00Z', 2)).toEqual(['2026-03-31T09:00:00.000Z', '2026-05-31T09:00:00.000Z']);
    expect(runs('monthly@L@09:00', 'UTC', '2026-01-31T10:00:00Z', 1)).toEqual(['2026-02-28T09:00:00.000Z']);
  });
});

describe('DST transitions (America/New_York, 2026-03-08 spring forward, 2026-11-01 fall back)', () => {
  it('a 02:30 daily reminder fires once on the spring-forward day, at the first valid time (03:00 EDT)', () => {
    expect(runs('daily@02:30', 'America/New_York', '2026-03-07T12:00:00Z', 3)).toEqual([
      '2026-03-08T07:00:00.000Z', // 03:00 EDT: 02:30 does not exist that day
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
      '2026-03-10T06:30:00.000Z',
    ]);
  });
  it('a 01:30 daily reminder fires once on the fall-back day, at the first 01:30', () => {
    const r = runs('daily@01:30', 'America/New_York', '2026-10-31T12:00:00Z', 3);
    expect(r).toEqual([
      '2026-11-01T05:30:00.000Z', // 01:30 EDT (first)
      '2026-11-02T06:30:00.000Z', // 01:30 EST next day — not 06:30Z on 11-01 (the repeated 01:30)
      '2026-11-03T06:30:00.000Z',
    ]);
    // Asked from between the two 01:30s it does not fire a second time that day.
    expect(nextOccurrence('daily@01:30', 'America/New_York', at('2026-11-01T05:45:00Z'))?.toISOString()).toBe('2026-11-02T06:30:00.000Z');
  });
  it('lists of fixed times get the same treatment (fixedTimeRule no-wildcard)', () => {
    expect(runs('30 2,14 * * *', 'America/New_York', '2026-03-08T00:00:00Z', 2)).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-08T18:30:00.000Z']);
  });
  it('Europe/London spring forward: 01:30 → 02:00 BST once', () => {
    expect(runs('daily@01:30', 'Europe/London', '2026-03-28T12:00:00Z', 2)).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
  });
  it('Australia/Lord_Howe half-hour DST: 02:15 in the 02:00→02:30 gap fires at 02:30', () => {
    expect(runs('daily@02:15', 'Australia/Lord_Howe', '2026-10-03T00:00:00Z', 2)).toEqual(['2026-10-03T15:30:00.000Z', '2026-10-04T15:15:00.000Z']);
  });
});

describe('repeats more often than once a minute (issue 13)', () => {
  it('a 6-field pattern whose seconds field is not one number fires more than once a minute; others do not', () => {
    for (const rule of ['* * * * * *', '*/10 * * * * *', '0,30 * * * * *', '0-5 * * * * *']) expect(firesMoreThanOncePerMinute(rule), rule).toBe(true);
    for (const rule of ['* * * * *', '0 * * * * *', '30 0 9 * * 1-5', 'daily@09:00', 'weekly@mon@08:00', '0 9 * * 1-5']) expect(firesMoreThanOncePerMinute(rule), rule).toBe(false);
  });
});
