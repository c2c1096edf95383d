import { describe, it, expect } from 'vitest';
import { parseMessage } from '../helpers/offline-parser.ts';

const at = (text: string, now: string, timeZone: string): unknown => {
  const p = parseMessage(text, { now: new Date(now), timeZone });
  return p.params.at ?? p.params.due ?? p.params.start;
};

describe('DST days (America/New_York)', () => {
  it('"tomorrow at 9am" from the evening before spring forward gets -04:00', () => {
    expect(at('remind me tomorrow at 9am to call mom', '2026-03-07T21:00:00-05:00', 'America/New_York'))
      .toBe('2026-03-08T09:00:00-04:00');
  });
  it('"tomorrow at 9am" from the evening before fall back gets -05:00', () => {
    expect(at('remind me tomorrow at 9am to call mom', '2026-10-31T21:00:00-04:00', 'America/New_York'))
      .toBe('2026-11-01T09:00:00-05:00');
  });
  it('"in 2 hours" across the spring-forward jump is two real hours', () => {
    expect(at('remind me in 2 hours to sleep', '2026-03-08T01:30:00-05:00', 'America/New_York'))
      .toBe('2026-03-08T04:30:00-04:00');
  });
  it('"in 2 hours" across fall back is two real hours', () => {
    expect(at('remind me in 2 hours to sleep', '2026-11-01T00:30:00-04:00', 'America/New_York'))
      .toBe('2026-11-01T01:30:00-05:00');
  });
  it('a todo due on the DST day uses 09:00 with the new offset', () => {
    expect(at('add a task: file taxes by tomorrow', '2026-03-07T10:00:00-05:00', 'America/New_York'))
      .toBe('2026-03-08T09:00:00-04:00');
  });
});

describe('README conventions', () => {
  const now = '2026-11-21T10:00:00+05:00'; // a Saturday
  const tz = 'Asia/Karachi';
  it.each([
    ['add a task: buy paint tomorrow', '2026-11-22T09:00:00+05:00'],
    ['remind me tomorrow morning to stretch', '2026-11-22T09:00:00+05:00'],
    ['remind me at noon to eat', '2026-11-21T12:00:00+05:00'],
    ['remind me tomorrow afternoon to nap', '2026-11-22T15:00:00+05:00'],
    ['remind me this evening to walk', '2026-11-21T18:00:00+05:00'],
    ['remind me tonight to read', '2026-11-21T21:00:00+05:00'],
    ['add a task: pay bills next friday', '2026-11-27T09:00:00+05:00'],
    ['remind me in 2 hours to check the oven', '2026-11-21T12:00:00+05:00'],
    ['add a task: send invoices by end of month', '2026-11-30T09:00:00+05:00'],
    ['remind me at 3 to call ali', '2026-11-21T15:00:00+05:00'],
    ['kal subah yaad dilana ke dawai leni hai', '2026-11-22T09:00:00+05:00'],
    ['parson shaam ko ammi ko call karna yaad dilana', '2026-11-23T18:00:00+05:00'],
    ['کل رات فون چارج کرنا یاد دلانا', '2026-11-22T21:00:00+05:00'],
    ['آج دوپہر 2 بجے کھانا کھانا یاد دلانا', '2026-11-21T14:00:00+05:00'],
    ['ساڑھے 4 بجے چائے پینا یاد دلانا', '2026-11-21T16:30:00+05:00'],
    ['۳ بجے میٹنگ یاد دلانا', '2026-11-21T15:00:00+05:00'],
  ])('%s → %s', (text, want) => {
    expect(at(text, now, tz)).toBe(want);
  });

  it('reads the reference date in the user zone, not the machine zone', () => {
    // 23:30 UTC on the 21st is already the 22nd in Karachi, so "tomorrow" is the 23rd.
    expect(at('add a task: buy paint tomorrow', '2026-11-21T23:30:00Z', 'Asia/Karachi')).toBe('2026-11-23T09:00:00+05:00');
    // ...and still the 21st in New York, so "tomorrow" is the 22nd.
    expect(at('add a task: buy paint tomorrow', '2026-11-21T23:30:00Z', 'America/New_York')).toBe('2026-11-22T09:00:00-05:00');
  });
});
