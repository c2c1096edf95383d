import { describe, expect, it } from 'vitest';
import { ruleToRrule, rruleToRule } from '../../src/calendar/rrule.ts';

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
    expect(rruleToRule('FREQ=MONTHLY;BYDAY=2TU', start, 'UTC')).toBeNull();
  });
});
