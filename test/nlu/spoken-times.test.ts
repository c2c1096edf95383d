import { describe, it, expect } from 'vitest';
import { parseMessage } from '../helpers/offline-parser.ts';
import { takeWhen } from '../../src/nlu/dates.ts';
import { Work } from '../../src/nlu/work-text.ts';
import { sanitize } from '../../src/nlu/normalize.ts';
import { isoIn } from '../../src/nlu/when.ts';
import { detectLanguageVariant } from '../../src/nlu/language.ts';

// Times said in words rather than digits, in English, Roman Urdu and Urdu script: the instant, the
// intent, and that the time words are gone from the reminder text / title. Now is Saturday
// 2026-11-21 10:00 in Karachi (+05:00), so a bare hour already past today is tomorrow's.
const ctx = { now: new Date('2026-11-21T10:00:00+05:00'), timeZone: 'Asia/Karachi' };

type Row = [text: string, intent: string, at: string, words?: string];

const WORDS_PARAM = ['text', 'title'] as const;

function check([text, intent, at, words]: Row): void {
  const p = parseMessage(text, ctx);
  expect(p.intent, text).toBe(intent);
  expect(p.params.at ?? p.params.start ?? p.params.due, text).toBe(at);
  if (words !== undefined) {
    const left = WORDS_PARAM.map((k) => p.params[k]).find((v) => v !== undefined);
    expect(left ?? '', text).toBe(words);
  }
}

describe('English times in words', () => {
  it.each<Row>([
    ['remind me at five am to take the bins out', 'create_reminder', '2026-11-22T05:00:00+05:00', 'take the bins out'],
    ['remind me at six thirty am to stretch', 'create_reminder', '2026-11-22T06:30:00+05:00', 'stretch'],
    ['remind me at quarter past five to call mom', 'create_reminder', '2026-11-21T17:15:00+05:00', 'call mom'],
    ['remind me at quarter to seven to leave', 'create_reminder', '2026-11-21T18:45:00+05:00', 'leave'],
    ['remind me at half past eight to eat', 'create_reminder', '2026-11-21T20:30:00+05:00', 'eat'],
    ['remind me at ten fifteen pm to sleep', 'create_reminder', '2026-11-21T22:15:00+05:00', 'sleep'],
    ["remind me at seven o'clock to pray", 'create_reminder', '2026-11-21T19:00:00+05:00', 'pray'],
    ['remind me at twelve noon to eat', 'create_reminder', '2026-11-21T12:00:00+05:00', 'eat'],
    ['remind me at midnight to lock up', 'create_reminder', '2026-11-22T00:00:00+05:00', 'lock up'],
    ['remind me twenty minutes from now to check the oven', 'create_reminder', '2026-11-21T10:20:00+05:00', 'check the oven'],
    ['remind me in an hour and a half to call', 'create_reminder', '2026-11-21T11:30:00+05:00', 'call'],
    ['remind me in two and a half hours to call', 'create_reminder', '2026-11-21T12:30:00+05:00', 'call'],
    ['remind me in half an hour to call', 'create_reminder', '2026-11-21T10:30:00+05:00', 'call'],
    ['remind me in a quarter of an hour to stir', 'create_reminder', '2026-11-21T10:15:00+05:00', 'stir'],
    ['remind me tomorrow at nine in the morning to call the bank', 'create_reminder', '2026-11-22T09:00:00+05:00', 'call the bank'],
    ['remind me at 5 in the evening to walk', 'create_reminder', '2026-11-21T17:00:00+05:00', 'walk'],
    ['remind me seven in the evening to pray', 'create_reminder', '2026-11-21T19:00:00+05:00', 'pray'],
    ['set an alarm for seven forty five am', 'create_reminder', '2026-11-22T07:45:00+05:00'],
    ['set an alarm for five thirty', 'create_reminder', '2026-11-21T17:30:00+05:00'],
    ['remind me in fifteen minutes to stir the soup', 'create_reminder', '2026-11-21T10:15:00+05:00', 'stir the soup'],
    ['remind me at seven oh five am to leave', 'create_reminder', '2026-11-22T07:05:00+05:00', 'leave'],
    ['remind me at ten to six to leave', 'create_reminder', '2026-11-21T17:50:00+05:00', 'leave'],
    ['remind me at eight tonight to read', 'create_reminder', '2026-11-21T20:00:00+05:00', 'read'],
    ['schedule lunch with sara at one pm tomorrow', 'create_event', '2026-11-22T13:00:00+05:00', 'lunch with sara'],
    ['remind me on the fifteenth to pay rent', 'create_reminder', '2026-12-15T09:00:00+05:00', 'pay rent'],
    ['remind me on may the fifth to renew the car tax', 'create_reminder', '2027-05-05T09:00:00+05:00', 'renew the car tax'],
    ['set alarm for 6: 50 am', 'create_reminder', '2026-11-22T06:50:00+05:00'],
    ['add dinner with frank at eight pm on the ninth of august', 'create_event', '2027-08-09T20:00:00+05:00', 'dinner with frank'],
  ])('%s', (...row) => check(row));

  it('leaves counted things and ranges alone', () => {
    expect(parseMessage('remind me to call five people at 6pm', ctx).params).toEqual({ text: 'call five people', at: '2026-11-21T18:00:00+05:00' });
    expect(parseMessage('add a task: buy two apples tomorrow', ctx).params).toEqual({ title: 'buy two apples', due: '2026-11-22T09:00:00+05:00' });
    expect(parseMessage('remind me at one of the meetings to speak', ctx).params.at).toBeUndefined();
    // "from ten to six" is a range of hours, not 5:50.
    expect(parseMessage('meeting from ten to six tomorrow', ctx).params.start).toBe('2026-11-22T10:00:00+05:00');
    expect(parseMessage('delete the first one', ctx).intent).toBe('delete_todo');
    // A day further on belongs to the words, not to the time: only "at 8 pm on the 9th" is one time.
    expect(parseMessage('remind me at 5pm about tomorrows meeting', ctx).params).toEqual({ text: 'tomorrows meeting', at: '2026-11-21T17:00:00+05:00' });
  });
});

describe('Roman Urdu times in words', () => {
  it.each<Row>([
    ['saade saat baje yaad dilana dawai', 'create_reminder', '2026-11-21T19:30:00+05:00', 'dawai'],
    ['sawa paanch baje yaad dilana chai', 'create_reminder', '2026-11-21T17:15:00+05:00', 'chai'],
    ['sawa paanch yaad dilana chai', 'create_reminder', '2026-11-21T17:15:00+05:00', 'chai'],
    ['paune chhe baje yaad dilana namaz', 'create_reminder', '2026-11-21T17:45:00+05:00', 'namaz'],
    ['dhai baje yaad dilana meeting', 'create_reminder', '2026-11-21T14:30:00+05:00', 'meeting'],
    ['derh baje yaad dilana lunch', 'create_reminder', '2026-11-21T13:30:00+05:00', 'lunch'],
    ['subah 6 baje yaad dilana walk', 'create_reminder', '2026-11-22T06:00:00+05:00', 'walk'],
    ['dopehar 2 baje meeting', 'create_event', '2026-11-21T14:00:00+05:00', 'meeting'],
    ['sham 5 baje yaad dilana chai', 'create_reminder', '2026-11-21T17:00:00+05:00', 'chai'],
    ['rat 10 baje yaad dilana sona', 'create_reminder', '2026-11-21T22:00:00+05:00', 'sona'],
    ['raat 10 yaad dilana sona', 'create_reminder', '2026-11-21T22:00:00+05:00', 'sona'],
    ['raat 2 baje yaad dilana', 'create_reminder', '2026-11-22T02:00:00+05:00'],
    ['raat saade das baje yaad dilana', 'create_reminder', '2026-11-21T22:30:00+05:00'],
    ['kal subah saat baje yaad dilana doctor', 'create_reminder', '2026-11-22T07:00:00+05:00', 'doctor'],
    ['kal subah 7 yaad dilana doctor', 'create_reminder', '2026-11-22T07:00:00+05:00', 'doctor'],
    ['parson shaam chay baje ammi ko call karna yaad dilana', 'create_reminder', '2026-11-23T18:00:00+05:00', 'ammi ko call karna'],
    ['adhe ghante baad yaad dilana chai', 'create_reminder', '2026-11-21T10:30:00+05:00', 'chai'],
    ['das minute mein yaad dilana chai', 'create_reminder', '2026-11-21T10:10:00+05:00', 'chai'],
    ['do ghante baad yaad dilana chai', 'create_reminder', '2026-11-21T12:00:00+05:00', 'chai'],
    ['saade teen ghante baad yaad dilana', 'create_reminder', '2026-11-21T13:30:00+05:00'],
    ['derh ghante mein yaad dilana chai', 'create_reminder', '2026-11-21T11:30:00+05:00', 'chai'],
    ['do baje yaad dilana', 'create_reminder', '2026-11-21T14:00:00+05:00'],
    ['char baje yaad dilana', 'create_reminder', '2026-11-21T16:00:00+05:00'],
    ['nau baje yaad dilana', 'create_reminder', '2026-11-21T21:00:00+05:00'],
    ['gyarah baje yaad dilana', 'create_reminder', '2026-11-21T11:00:00+05:00'],
    ['barah baje yaad dilana', 'create_reminder', '2026-11-21T12:00:00+05:00'],
    ['paanch baj kar bees minute yaad dilana', 'create_reminder', '2026-11-21T17:20:00+05:00'],
    ['kal five pm yaad dilana', 'create_reminder', '2026-11-22T17:00:00+05:00'],
    ['subha 8 : 30 baje yaad dilana', 'create_reminder', '2026-11-22T08:30:00+05:00'],
    ['5 baje ki meeting yaad dilana', 'create_reminder', '2026-11-21T17:00:00+05:00', 'meeting'],
    ['kal subah 10 bajeke liye reminder set kare', 'create_reminder', '2026-11-22T10:00:00+05:00'],
    ['Friday 2 PM ko Theresa ko shopping plans ke baare me yaad dilaayen', 'create_reminder', '2026-11-27T14:00:00+05:00', 'Theresa ko shopping plans ke baare me'],
    ['agley wednesday sham 4 baje dentist yaad dilana', 'create_reminder', '2026-11-25T16:00:00+05:00', 'dentist'],
    ['agley Wednesday at 4 pm mujhe meeting mei jane ke liye yaad dilaye', 'create_reminder', '2026-11-25T16:00:00+05:00', 'meeting mei jane ke liye'],
  ])('%s', (...row) => check(row));

  it('reads ek/do after a part of the day as words, not hours, unless "baje" follows', () => {
    expect(parseMessage('raat ko do dawai yaad dilana', ctx).params).toEqual({ text: 'do dawai', at: '2026-11-21T21:00:00+05:00' });
    expect(parseMessage('subah ek meeting hai yaad dilana', ctx).params.at).toBe('2026-11-22T09:00:00+05:00');
  });
});

describe('Urdu-script times in words', () => {
  it.each<Row>([
    ['ساڑھے سات بجے یاد دلانا دوا', 'create_reminder', '2026-11-21T19:30:00+05:00', 'دوا'],
    ['سوا پانچ بجے یاد دلانا چائے', 'create_reminder', '2026-11-21T17:15:00+05:00', 'چائے'],
    ['پونے چھ بجے یاد دلانا نماز', 'create_reminder', '2026-11-21T17:45:00+05:00', 'نماز'],
    ['ڈھائی بجے یاد دلانا میٹنگ', 'create_reminder', '2026-11-21T14:30:00+05:00', 'میٹنگ'],
    ['ڈیڑھ بجے یاد دلانا کھانا', 'create_reminder', '2026-11-21T13:30:00+05:00', 'کھانا'],
    ['دوپہر دو بجے یاد دلانا کھانا', 'create_reminder', '2026-11-21T14:00:00+05:00', 'کھانا'],
    ['رات دس بجے یاد دلانا سونا', 'create_reminder', '2026-11-21T22:00:00+05:00', 'سونا'],
    ['صبح سات بجے یاد دلانا واک', 'create_reminder', '2026-11-22T07:00:00+05:00', 'واک'],
    ['کل صبح آٹھ بجے یاد دلانا', 'create_reminder', '2026-11-22T08:00:00+05:00'],
    ['شام پانچ بجے یاد دلانا', 'create_reminder', '2026-11-21T17:00:00+05:00'],
    ['آدھے گھنٹے میں یاد دلانا چائے', 'create_reminder', '2026-11-21T10:30:00+05:00', 'چائے'],
    ['دس منٹ میں یاد دلانا', 'create_reminder', '2026-11-21T10:10:00+05:00'],
    ['ڈیڑھ گھنٹے بعد یاد دلانا', 'create_reminder', '2026-11-21T11:30:00+05:00'],
    ['گیارہ بجے یاد دلانا', 'create_reminder', '2026-11-21T11:00:00+05:00'],
    ['بارہ بجے یاد دلانا', 'create_reminder', '2026-11-21T12:00:00+05:00'],
  ])('%s', (...row) => check(row));
});

// The time alone, for requests whose intent words belong to the rules ("wake me up", "alarm set kare").
describe('the time of requests read by other rules', () => {
  const timeOf = (text: string): string | null => {
    const clean = sanitize(text);
    const work = new Work(clean);
    const when = takeWhen(work, detectLanguageVariant(clean), ctx);
    return when ? isoIn(when.start, ctx.timeZone) : null;
  };
  it.each([
    ['wake me up at five am', '2026-11-22T05:00:00+05:00'],
    ['kal 3 am ke liye alarm set kare', '2026-11-22T03:00:00+05:00'],
    ['parson meeting hai', '2026-11-23T09:00:00+05:00'],
    ['دو گھنٹے بعد', '2026-11-21T12:00:00+05:00'],
  ])('%s → %s', (text, want) => {
    expect(timeOf(text)).toBe(want);
  });
});
