import { describe, expect, it } from 'vitest';
import { ruleExceptions, ruleToRrule, rruleToRule } from '../../src/calendar/rrule.ts';
import { nextOccurrence } from '../../src/recurrence/next-run.ts';

describe('repeat rules and RRULEs', () => {
  it.each([
    ['daily@09:00', 'FREQ=DAILY'],
    ['weekdays@08:30', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
    ['weekly@mon,thu@18:00', 'FREQ=WEEKLY;BYDAY=MO,TH'],
    ['weekly@sun@10:00', 'FREQ=WEEKLY;BYDAY=SU'],
    ['monthly@15@09:00', 'FREQ=MONTHLY;BYMONTHDAY=15'],
    ['monthly@L@20:00', 'FREQ=MONTHLY;BYMONTHDAY=-1'],
    ['30 9 * * 1-5', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
    ['*/30 * * * *', null],
    ['0 8 1-7 * 1', null],
  ])('%s → %s', (rule, rrule) => {
    expect(ruleToRrule(rule)).toBe(rrule);
  });

  it('reads RRULEs back at the wall time of the start in the zone', () => {
    const start = new Date('2027-01-15T15:00:00Z');
    expect(rruleToRule('FREQ=DAILY', start, 'America/New_York')).toBe('daily@10:00');
    expect(rruleToRule('FREQ=WEEKLY', start, 'Asia/Karachi')).toBe('weekly@fri@20:00');
    expect(rruleToRule('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;WKST=MO', start, 'UTC')).toBe('weekdays@15:00');
    expect(rruleToRule('FREQ=MONTHLY;BYMONTHDAY=-1', start, 'UTC')).toBe('monthly@L@15:00');
    expect(rruleToRule('FREQ=MONTHLY', start, 'UTC')).toBe('monthly@15@15:00');
    // COUNT becomes the date of the last counted occurrence (issue 14): Fridays 15, 22 and 29 January.
    expect(rruleToRule('FREQ=WEEKLY;COUNT=3', start, 'UTC')).toBe('weekly@fri@15:00;until=2027-01-29');
    expect(rruleToRule('FREQ=YEARLY', start, 'UTC')).toBeNull();
    // The Nth weekday of a month is a rule since issue 14.
    expect(rruleToRule('FREQ=MONTHLY;BYDAY=2TU', start, 'UTC')).toBe('monthly@2tue@15:00');
    expect(rruleToRule('FREQ=MONTHLY;BYDAY=5TU', start, 'UTC')).toBeNull();
  });
});

describe('new rules and RRULE/EXDATE (issue 14)', () => {
  const NY = 'America/New_York';
  it.each([
    ['weekly@mon@09:00;every=2;from=2026-03-09', 'FREQ=WEEKLY;BYDAY=MO;INTERVAL=2'],
    ['daily@09:00;every=3;from=2026-03-05', 'FREQ=DAILY;INTERVAL=3'],
    ['monthly@Lfri@09:00', 'FREQ=MONTHLY;BYDAY=-1FR'],
    ['monthly@1mon@09:00', 'FREQ=MONTHLY;BYDAY=1MO'],
    ['weekdays@08:00;until=2026-12-31', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20270101T045959Z'],
    ['weekly@wed@09:00;count=5', 'FREQ=WEEKLY;BYDAY=WE;COUNT=5'],
  ])('%s → %s (New York)', (rule, rrule) => {
    expect(ruleToRrule(rule, NY)).toBe(rrule);
  });

  it('COUNT is what is left after the fired ones; skips are EXDATEs at their wall time', () => {
    expect(ruleToRrule('daily@09:00;count=5', NY, 2)).toBe('FREQ=DAILY;COUNT=3');
    expect(ruleExceptions('daily@01:30;skip=2026-11-01T01:30,2026-11-03T01:30', NY).map((d) => d.toISOString())).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-03T06:30:00.000Z']);
  });

  /** The first `n` occurrences of a rule from `start` (inclusive). */
  const series = (rule: string, zone: string, start: Date, n: number) => {
    const out: string[] = [];
    let at: Date | null = new Date(start.getTime() - 1);
    for (let i = 0; i < n && at; i++) {
      at = nextOccurrence(rule, zone, at, i);
      if (at) out.push(at.toISOString());
    }
    return out;
  };

  it.each([
    ['weekly@sun@01:30;every=2;from=2026-10-18', '2026-10-18T05:30:00Z', NY],
    ['daily@09:00;every=3;from=2026-03-02', '2026-03-02T14:00:00Z', NY],
    ['monthly@Lsun@01:30', '2026-02-22T01:30:00Z', 'Europe/London'],
    ['monthly@1sun@01:30', '2026-10-04T05:30:00Z', NY],
    ['weekdays@08:00;until=2026-03-10', '2026-03-05T13:00:00Z', NY],
    ['daily@01:30;until=2026-03-30;skip=2026-03-29T02:00', '2026-03-27T01:30:00Z', 'Europe/London'],
  ])('round trip %s: rule → RRULE + EXDATE → the same rule and the same occurrences', (rule, startIso, zone) => {
    const start = new Date(startIso);
    const back = rruleToRule(ruleToRrule(rule, zone)!, start, zone, ruleExceptions(rule, zone));
    expect(back).toBe(rule);
    expect(series(back!, zone, start, 8)).toEqual(series(rule, zone, start, 8));
  });

  it('round trip of a count: COUNT comes back as the date of the last occurrence, with the same occurrences', () => {
    const rule = 'weekly@sun@01:30;every=2;from=2026-10-18;count=3';
    const start = new Date('2026-10-18T05:30:00Z');
    const back = rruleToRule(ruleToRrule(rule, NY)!, start, NY)!;
    expect(back).toBe('weekly@sun@01:30;every=2;from=2026-10-18;until=2026-11-15');
    expect(series(back, NY, start, 10)).toEqual(series(rule, NY, start, 10));
    expect(series(back, NY, start, 10)).toEqual(['2026-10-18T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-15T06:30:00.000Z']);
  });

  it('reads other calendars: INTERVAL, UNTIL as UTC or date, nth weekday, EXDATE', () => {
    const start = new Date('2026-03-02T14:00:00Z'); // Monday 09:00 EST
    expect(rruleToRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=MO', start, NY)).toBe('weekly@mon@09:00;every=2;from=2026-03-02');
    expect(rruleToRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU', start, NY)).toBeNull();
    expect(rruleToRule('FREQ=DAILY;UNTIL=20260331T035959Z', start, NY)).toBe('daily@09:00;until=2026-03-30');
    expect(rruleToRule('FREQ=DAILY;UNTIL=20260331', start, NY)).toBe('daily@09:00;until=2026-03-31');
    expect(rruleToRule('FREQ=MONTHLY;BYDAY=+2TU', start, NY)).toBe('monthly@2tue@09:00');
    expect(rruleToRule('FREQ=MONTHLY;BYDAY=MO,TU', start, NY)).toBeNull();
    expect(rruleToRule('FREQ=DAILY', start, NY, [new Date('2026-03-09T13:00:00Z')])).toBe('daily@09:00;skip=2026-03-09T09:00');
  });
});
