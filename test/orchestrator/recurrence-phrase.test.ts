import { describe, expect, it } from 'vitest';
import { parseRecurrencePhrase, parseSkipNextPhrase } from '../../src/orchestrator/recurrence-phrase.ts';

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

describe('new repeats in English, Roman Urdu and Urdu script (issue 14)', () => {
  // Wednesday 4 March 2026, 10:00 in New York: past 09:00, so a 09:00 series starts tomorrow or next week.
  const ctx = { now: new Date('2026-03-04T15:00:00Z'), timeZone: 'America/New_York' };
  it.each([
    ['remind me every other week on monday to call mom', 'weekly@mon@09:00;every=2;from=2026-03-09', 'remind me to call mom'],
    ['every 3 days water plants', 'daily@09:00;every=3;from=2026-03-05', 'water plants'],
    ['every other day stretch', 'daily@09:00;every=2;from=2026-03-05', 'stretch'],
    ['remind me on the last friday of every month to pay rent', 'monthly@Lfri@09:00', 'remind me to pay rent'],
    ['first monday of each month team lunch', 'monthly@1mon@09:00', 'team lunch'],
    ['last day of the month pay bills', 'monthly@L@09:00', 'pay bills'],
    ['every weekday at 8 standup', 'weekdays@08:00', 'standup'],
    ['every day until 31 december take pills', 'daily@09:00;until=2026-12-31', 'take pills'],
    ['every day until 1 march take pills', 'daily@09:00;until=2027-03-01', 'take pills'],
    ['every week for 5 times gym', 'weekly@wed@09:00;count=5', 'gym'],
    ['every week 10 times gym at 6pm', 'weekly@wed@18:00;count=10', 'gym'],
    ['har doosre hafte safai', 'weekly@wed@09:00;every=2;from=2026-03-11', 'safai'],
    ['har doosre hafte peer ko safai', 'weekly@mon@09:00;every=2;from=2026-03-09', 'safai'],
    ['har 3 din baad paudon ko pani', 'daily@09:00;every=3;from=2026-03-05', 'paudon ko pani'],
    ['har mahine ke aakhri jumme kiraya', 'monthly@Lfri@09:00', 'kiraya'],
    ['har mahine ka pehla peer meeting', 'monthly@1mon@09:00', 'meeting'],
    ['peer se jumma tak roz subah 7 baje walk', 'weekdays@07:00', 'walk'],
    ['har roz 31 december tak dawai', 'daily@09:00;until=2026-12-31', 'dawai'],
    ['har roz raat 9 baje 5 dafa dawai', 'daily@21:00;count=5', 'dawai'],
    ['ہر دوسرے ہفتے صفائی', 'weekly@wed@09:00;every=2;from=2026-03-11', 'صفائی'],
    ['ہر تین دن بعد پودوں کو پانی', 'daily@09:00;every=3;from=2026-03-05', 'پودوں کو پانی'],
    ['ہر مہینے کے آخری جمعے کرایہ', 'monthly@Lfri@09:00', 'کرایہ'],
    ['ہر مہینے کا پہلا پیر میٹنگ', 'monthly@1mon@09:00', 'میٹنگ'],
    ['پیر سے جمعہ تک روز سیر', 'weekdays@09:00', 'سیر'],
    ['ہر روز ۳۱ دسمبر تک دوائی', 'daily@09:00;until=2026-12-31', 'دوائی'],
    ['ہر روز پانچ دفعہ دوائی', 'daily@09:00;count=5', 'دوائی'],
  ])('%s', (text, rule, rest) => {
    expect(parseRecurrencePhrase(text, ctx)).toEqual({ rule, rest });
  });

  it('needs today for counted-from-a-start and yearless phrases, and does not guess without it', () => {
    expect(parseRecurrencePhrase('every 3 days water plants')).toBeNull();
    expect(parseRecurrencePhrase('every day until 31 december take pills')).toBeNull();
    expect(parseRecurrencePhrase('every day until 2026-12-31 take pills')).toEqual({ rule: 'daily@09:00;until=2026-12-31', rest: 'take pills' });
  });

  it('a span of days without "every"/"roz" is not a repeat; "monday to friday" names no count or end', () => {
    expect(parseRecurrencePhrase('meeting monday to friday', ctx)).toBeNull();
    expect(parseRecurrencePhrase('remind me to call mom tomorrow at 5pm', ctx)).toBeNull();
  });

  it.each([
    ['skip the next one', ''], ['skip next gym reminder', 'gym reminder'], ['agla wala chhor do', ''], ['gym ka agla chhor do', 'gym ka'],
    ['اگلا چھوڑ دو', ''], ['جم والا اگلا چھوڑ دو', 'جم والا'],
  ])('skip phrase: %s', (text, rest) => {
    expect(parseSkipNextPhrase(text)).toEqual({ rest });
  });
  it('no skip phrase in an ordinary request', () => {
    expect(parseSkipNextPhrase('remind me to skip rope tomorrow')).toBeNull();
  });
});
