import { describe, expect, it } from 'vitest';
import { parseRecurrencePhrase } from '../../src/orchestrator/recurrence-phrase.ts';

describe('repeating schedules in a message', () => {
  it.each([
    ['remind me every weekday at 9 to stand up', 'weekdays@09:00', 'remind me to stand up'],
    ['remind me to pay rent every month on the 1st', 'monthly@1@09:00', 'remind me to pay rent'],
    ['pay bills on the 5th of every month', 'monthly@5@09:00', 'pay bills'],
    ['/remind every monday and thursday at 7pm gym', 'weekly@mon,thu@19:00', '/remind gym'],
    ['remind me to water plants every day', 'daily@09:00', 'remind me to water plants'],
    ['every evening walk', 'daily@18:00', 'walk'],
    ['every day at 17:30 check mail', 'daily@17:30', 'check mail'],
    ['every day at 5 call home', 'daily@17:00', 'call home'],
    ['har roz subah 8 baje dawai lena yaad dilana', 'daily@08:00', 'dawai lena yaad dilana'],
    ['har roz subah 6 baje walk', 'daily@06:00', 'walk'],
    ['har roz raat 9 baje dawai', 'daily@21:00', 'dawai'],
    ['ہر روز شام 7 بجے سیر', 'daily@19:00', 'سیر'],
    ['cron 0 9 * * 1-5 standup', '0 9 * * 1-5', 'standup'],
  ])('%s', (text, rule, rest) => {
    expect(parseRecurrencePhrase(text)).toEqual({ rule, rest });
  });

  it('finds nothing when no repetition is stated', () => {
    expect(parseRecurrencePhrase('remind me to call mom tomorrow at 5pm')).toBeNull();
    expect(parseRecurrencePhrase('/todo buy milk')).toBeNull();
  });
});
