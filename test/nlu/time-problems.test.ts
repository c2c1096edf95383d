import { describe, expect, it } from 'vitest';
import { findTimeProblem } from '../../src/nlu/index.ts';

describe('times that cannot be meant as written', () => {
  it.each([
    ['pay feb 30', 'impossibleDate', 'feb 30'], ['pay rent 31 feb', 'impossibleDate', '31 feb'], ['30th of february', 'impossibleDate', '30th of february'],
    ['june 31st', 'impossibleDate', 'june 31st'], ['feb 29 2027', 'impossibleDate', 'feb 29 2027'], ['pay 30/02', 'impossibleDate', '30/02'],
    ['pay 2027-02-30', 'impossibleDate', '2027-02-30'], ['30 فروری کو بل', 'impossibleDate', '30 فروری'],
    ['party 25:99 tomorrow', 'impossibleTime', '25:99'], ['meet at 24:00', 'impossibleTime', '24:00'], ['call 13pm', 'impossibleTime', '13pm'],
    ['kal 25 baje meeting', 'impossibleTime', '25 baje'], ['دعوت ۲۵:۹۹', 'impossibleTime', '25:99'],
    ['2147483648 minutes', 'tooFar', '2147483648 minutes'], ['in 20 years', 'tooFar', '20 years'], ['pay 20 saal baad', 'tooFar', '20 saal'],
    ['بل 20 سال بعد', 'tooFar', '20 سال'], ['call 2147483648 minutes from now', 'tooFar', '2147483648 minutes'],
    ['take pills in 0m', 'zeroDuration', '0m'], ['in 0 minutes', 'zeroDuration', '0 minutes'],
    ['every 30 seconds blink', 'tooOften', 'every 30 seconds'], ['remind me every second', 'tooOften', 'every second'], ['har 10 second', 'tooOften', 'har 10 second'],
    ['har second yaad dilao', 'tooOften', 'har second'], ['ہر 5 سیکنڈ بعد', 'tooOften', 'ہر 5 سیکنڈ'],
  ])('%j: %s', (text, kind, written) => {
    expect(findTimeProblem(text)).toMatchObject({ kind, text: written });
  });

  it.each([
    'feb 29', 'march 31', 'may 5', 'meeting 10:30', 'at 9pm', 'dilute 1:100', 'split 50/50', 'buy 3 eggs', 'room 101', 'in 9 years',
    '2.5 kg', 'read 100 years of solitude', 'every second tuesday', 'check every second box', 'har second din', 'every day at 9', 'call mom at 12:45', 'score was 3:2', '5/12 at 17:30', 'kal 5 baje', 'شام 6 بجے',
  ])('%j is fine', (text) => {
    expect(findTimeProblem(text)).toBeNull();
  });
});
