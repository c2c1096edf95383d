import { describe, expect, it } from 'vitest';
import { wallTime } from '../../src/core/zoned-time.ts';
import { isValidRule, nextOccurrence, skipOccurrence, toCronPattern, withSkip } from '../../src/recurrence/next-run.ts';
import { formatRule, parseRule } from '../../src/recurrence/rule-grammar.ts';

const NY = 'America/New_York';
const LON = 'Europe/London';

/** The next `n` firings after `from`, each as UTC ISO and local wall time, counting fired occurrences. */
function runs(rule: string, zone: string, from: string, n: number): string[] {
  const out: string[] = [];
  let d: Date | null = new Date(from);
  for (let i = 0; i < n && d; i++) {
    d = nextOccurrence(rule, zone, d, i);
    if (d) {
      const w = wallTime(d, zone);
      const p = (x: number) => String(x).padStart(2, '0');
      out.push(`${d.toISOString().slice(0, 16)}Z ${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}`);
    }
  }
  return out;
}

describe('rule grammar', () => {
  it('old rules keep their meaning and gain no options', () => {
    for (const rule of ['daily@09:00', 'weekdays@08:30', 'weekly@mon,thu@18:00', 'monthly@L@20:00', '0 9 * * 1-5']) {
      expect(isValidRule(rule), rule).toBe(true);
      expect(parseRule(rule)).toMatchObject({ every: 1, from: null, until: null, count: null, skips: [] });
    }
  });
  it('reads and writes options in one canonical order', () => {
    const rule = 'weekly@mon@09:00;every=2;from=2026-03-02;until=2026-12-31;count=5;skip=2026-03-16T09:00';
    expect(isValidRule(rule)).toBe(true);
    const p = parseRule(rule)!;
    expect(p).toMatchObject({ every: 2, from: '2026-03-02', until: '2026-12-31', count: 5, skips: ['2026-03-16T09:00'], period: 'week' });
    expect(formatRule(p)).toBe(rule);
    expect(toCronPattern('monthly@1mon@09:00')).toBe('0 9 * * 1#1');
    expect(toCronPattern('monthly@Lfri@18:30')).toBe('30 18 * * 5#L');
  });
  it('refuses malformed options', () => {
    for (const bad of [
      'daily@09:00;every=3', // every without from
      '0 9 * * *;every=2;from=2026-01-01', // cron has no period to count
      'daily@09:00;until=2026-02-30', 'daily@09:00;count=0', 'daily@09:00;count=1001', 'daily@09:00;every=400;from=2026-01-01',
      'daily@09:00;skip=2026-01-01', 'daily@09:00;colour=red', 'daily@09:00;count=2;count=3', 'monthly@5mon@09:00', 'monthly@Lxyz@09:00',
    ]) expect(isValidRule(bad), bad).toBe(false);
  });
});

describe('every N weeks / every other week, across DST', () => {
  it('New York: every other Sunday 09:00 keeps 09:00 through the March change', () => {
    expect(runs('weekly@sun@09:00;every=2;from=2026-02-22', NY, '2026-02-20T00:00:00Z', 3)).toEqual([
      '2026-02-22T14:00Z 2026-02-22 09:00', '2026-03-08T13:00Z 2026-03-08 09:00', '2026-03-22T13:00Z 2026-03-22 09:00',
    ]);
  });
  it('New York: every other Sunday 01:30 fires once, at the first 01:30, on the November night', () => {
    expect(runs('weekly@sun@01:30;every=2;from=2026-10-18', NY, '2026-10-17T00:00:00Z', 3)).toEqual([
      '2026-10-18T05:30Z 2026-10-18 01:30', '2026-11-01T05:30Z 2026-11-01 01:30', '2026-11-15T06:30Z 2026-11-15 01:30',
    ]);
  });
  it('London: every other Sunday 01:30 fires at 02:00 BST on the night 01:30 does not exist', () => {
    expect(runs('weekly@sun@01:30;every=2;from=2026-03-15', LON, '2026-03-14T00:00:00Z', 3)).toEqual([
      '2026-03-15T01:30Z 2026-03-15 01:30', '2026-03-29T01:00Z 2026-03-29 02:00', '2026-04-12T00:30Z 2026-04-12 01:30',
    ]);
  });
  it('London: every 3 weeks on Monday and Thursday through the October change; weeks start on Monday', () => {
    expect(runs('weekly@mon,thu@08:00;every=3;from=2026-10-12', LON, '2026-10-11T00:00:00Z', 4)).toEqual([
      '2026-10-12T07:00Z 2026-10-12 08:00', '2026-10-15T07:00Z 2026-10-15 08:00', '2026-11-02T08:00Z 2026-11-02 08:00', '2026-11-05T08:00Z 2026-11-05 08:00',
    ]);
  });
  it('asked mid-series it lands on the grid, never before from=', () => {
    expect(runs('weekly@mon@09:00;every=2;from=2026-03-09', NY, '2026-03-10T00:00:00Z', 1)).toEqual(['2026-03-23T13:00Z 2026-03-23 09:00']);
    expect(runs('weekly@mon@09:00;every=2;from=2026-03-09', NY, '2026-01-01T00:00:00Z', 1)).toEqual(['2026-03-09T13:00Z 2026-03-09 09:00']);
  });
});

describe('every N days, across DST', () => {
  it('New York: every 3 days at 09:00 through the March change', () => {
    expect(runs('daily@09:00;every=3;from=2026-03-02', NY, '2026-03-01T00:00:00Z', 4)).toEqual([
      '2026-03-02T14:00Z 2026-03-02 09:00', '2026-03-05T14:00Z 2026-03-05 09:00', '2026-03-08T13:00Z 2026-03-08 09:00', '2026-03-11T13:00Z 2026-03-11 09:00',
    ]);
  });
  it('New York: every 3 days at 01:30 lands on the fall-back night once', () => {
    expect(runs('daily@01:30;every=3;from=2026-10-26', NY, '2026-10-28T00:00:00Z', 2)).toEqual([
      '2026-10-29T05:30Z 2026-10-29 01:30', '2026-11-01T05:30Z 2026-11-01 01:30',
    ]);
    expect(runs('daily@01:30;every=3;from=2026-10-26', NY, '2026-11-01T05:45:00Z', 1)).toEqual(['2026-11-04T06:30Z 2026-11-04 01:30']);
  });
  it('London: every 3 days at 01:30 through the spring gap, and at 09:00 through the October change', () => {
    expect(runs('daily@01:30;every=3;from=2026-03-23', LON, '2026-03-25T00:00:00Z', 3)).toEqual([
      '2026-03-26T01:30Z 2026-03-26 01:30', '2026-03-29T01:00Z 2026-03-29 02:00', '2026-04-01T00:30Z 2026-04-01 01:30',
    ]);
    expect(runs('daily@09:00;every=3;from=2026-10-19', LON, '2026-10-20T00:00:00Z', 2)).toEqual([
      '2026-10-22T08:00Z 2026-10-22 09:00', '2026-10-25T09:00Z 2026-10-25 09:00',
    ]);
  });
});

describe('first / last weekday and day of the month, across DST', () => {
  it('New York: first Sunday of the month at 01:30 is the November change night, fired once', () => {
    expect(runs('monthly@1sun@01:30', NY, '2026-10-01T00:00:00Z', 3)).toEqual([
      '2026-10-04T05:30Z 2026-10-04 01:30', '2026-11-01T05:30Z 2026-11-01 01:30', '2026-12-06T06:30Z 2026-12-06 01:30',
    ]);
  });
  it('New York: second Sunday (the March change) and last Friday at 09:00', () => {
    expect(runs('monthly@2sun@02:30', NY, '2026-02-01T00:00:00Z', 2)).toEqual(['2026-02-08T07:30Z 2026-02-08 02:30', '2026-03-08T07:00Z 2026-03-08 03:00']);
    expect(runs('monthly@Lfri@09:00', NY, '2026-02-01T00:00:00Z', 2)).toEqual(['2026-02-27T14:00Z 2026-02-27 09:00', '2026-03-27T13:00Z 2026-03-27 09:00']);
  });
  it('London: last Sunday at 01:30 on both change nights', () => {
    expect(runs('monthly@Lsun@01:30', LON, '2026-02-01T00:00:00Z', 3)).toEqual([
      '2026-02-22T01:30Z 2026-02-22 01:30', '2026-03-29T01:00Z 2026-03-29 02:00', '2026-04-26T00:30Z 2026-04-26 01:30',
    ]);
    expect(runs('monthly@Lsun@01:30', LON, '2026-09-01T00:00:00Z', 3)).toEqual([
      '2026-09-27T00:30Z 2026-09-27 01:30', '2026-10-25T00:30Z 2026-10-25 01:30', '2026-11-29T01:30Z 2026-11-29 01:30',
    ]);
  });
  it('first and last day of the month keep the wall time in both zones', () => {
    expect(runs('monthly@L@09:00', LON, '2026-02-01T00:00:00Z', 2)).toEqual(['2026-02-28T09:00Z 2026-02-28 09:00', '2026-03-31T08:00Z 2026-03-31 09:00']);
    expect(runs('monthly@1@01:30', NY, '2026-10-15T00:00:00Z', 2)).toEqual(['2026-11-01T05:30Z 2026-11-01 01:30', '2026-12-01T06:30Z 2026-12-01 01:30']);
  });
});

describe('weekdays only, across DST', () => {
  it('New York March and London October: Friday then Monday, same wall time', () => {
    expect(runs('weekdays@08:00', NY, '2026-03-06T00:00:00Z', 2)).toEqual(['2026-03-06T13:00Z 2026-03-06 08:00', '2026-03-09T12:00Z 2026-03-09 08:00']);
    expect(runs('weekdays@01:30', LON, '2026-10-23T00:00:00Z', 2)).toEqual(['2026-10-23T00:30Z 2026-10-23 01:30', '2026-10-26T01:30Z 2026-10-26 01:30']);
  });
  it('every other week on weekdays skips the week between', () => {
    expect(runs('weekdays@08:00;every=2;from=2026-03-02', NY, '2026-03-05T00:00:00Z', 3)).toEqual([
      '2026-03-05T13:00Z 2026-03-05 08:00', '2026-03-06T13:00Z 2026-03-06 08:00', '2026-03-16T12:00Z 2026-03-16 08:00',
    ]);
  });
});

describe('until a date, across DST', () => {
  it('New York: daily 01:30 until the November change day fires that night once, then stops', () => {
    expect(runs('daily@01:30;until=2026-11-01', NY, '2026-10-30T12:00:00Z', 5)).toEqual(['2026-10-31T05:30Z 2026-10-31 01:30', '2026-11-01T05:30Z 2026-11-01 01:30']);
  });
  it('London: daily 01:30 until the March change day fires at 02:00 and stops; until is the local date', () => {
    expect(runs('daily@01:30;until=2026-03-29', LON, '2026-03-27T12:00:00Z', 5)).toEqual(['2026-03-28T01:30Z 2026-03-28 01:30', '2026-03-29T01:00Z 2026-03-29 02:00']);
    // 23:30 EDT on 8 March is 03:30Z on the 9th: still the 8th where it fires.
    expect(runs('daily@23:30;until=2026-03-08', NY, '2026-03-08T12:00:00Z', 3)).toEqual(['2026-03-09T03:30Z 2026-03-08 23:30']);
  });
});

describe('N times (count), across DST', () => {
  it('New York: three fires at 01:30 over the November change, the count given by what already fired', () => {
    expect(runs('daily@01:30;count=3', NY, '2026-10-30T12:00:00Z', 5)).toEqual([
      '2026-10-31T05:30Z 2026-10-31 01:30', '2026-11-01T05:30Z 2026-11-01 01:30', '2026-11-02T06:30Z 2026-11-02 01:30',
    ]);
    expect(nextOccurrence('daily@01:30;count=3', NY, new Date('2026-11-02T07:00:00Z'), 3)).toBeNull();
    expect(nextOccurrence('daily@01:30;count=3', NY, new Date('2026-11-02T07:00:00Z'), 2)?.toISOString()).toBe('2026-11-03T06:30:00.000Z');
  });
  it('London: every other week, 2 times, over the March change', () => {
    expect(runs('weekly@sun@01:30;every=2;from=2026-03-15;count=2', LON, '2026-03-01T00:00:00Z', 5)).toEqual([
      '2026-03-15T01:30Z 2026-03-15 01:30', '2026-03-29T01:00Z 2026-03-29 02:00',
    ]);
  });
});

describe('skipping one occurrence, across DST', () => {
  it('New York: skipping the 01:30 on the November change night skips exactly that one', () => {
    expect(runs('daily@01:30;skip=2026-11-01T01:30', NY, '2026-10-31T12:00:00Z', 2)).toEqual(['2026-11-02T06:30Z 2026-11-02 01:30', '2026-11-03T06:30Z 2026-11-03 01:30']);
  });
  it('London: a skip written at 01:30 also skips the day the gap moved it to 02:00', () => {
    expect(runs('daily@01:30;skip=2026-03-29T01:30', LON, '2026-03-28T12:00:00Z', 1)).toEqual(['2026-03-30T00:30Z 2026-03-30 01:30']);
  });
  it('skipOccurrence records the skip in the rule, keeps only future skips, and does not spend the count', () => {
    const rule = 'weekly@sun@01:30;every=2;from=2026-03-15;count=2';
    const first = nextOccurrence(rule, LON, new Date('2026-03-14T00:00:00Z'))!;
    const skipped = skipOccurrence(rule, first, LON, new Date('2026-03-14T00:00:00Z'), 0)!;
    expect(skipped.rule).toBe('weekly@sun@01:30;every=2;from=2026-03-15;count=2;skip=2026-03-15T01:30');
    expect(skipped.next?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(runs(skipped.rule, LON, '2026-03-14T00:00:00Z', 5).map((r) => r.slice(0, 17))).toEqual(['2026-03-29T01:00Z', '2026-04-12T00:30Z']);
    // A later skip drops the one already past.
    expect(withSkip(skipped.rule, new Date('2026-04-12T00:30:00Z'), LON, new Date('2026-04-01T00:00:00Z'))).toBe('weekly@sun@01:30;every=2;from=2026-03-15;count=2;skip=2026-04-12T01:30');
  });
});
