import { describe, it, expect } from 'vitest';
import { findTimeZone } from '../../src/nlu/index.ts';

describe('findTimeZone (parser and set_timezone tool)', () => {
  /** Replies that are only a zone or a place, as the set_timezone tool and /timezone receive them. */
  const replies: Record<string, string> = {
    'Europe/London': 'Europe/London', 'asia/karachi': 'Asia/Karachi', 'Asia/Kolkata': 'Asia/Kolkata',
    'etc/gmt-5': 'Etc/GMT-5', 'new york': 'America/New_York', London: 'Europe/London', Lahore: 'Asia/Karachi',
    UK: 'Europe/London', 'کراچی': 'Asia/Karachi', 'utc+5': 'Etc/GMT-5', tashkent: 'Asia/Tashkent', canada: 'America/Toronto',
  };
  it.each(Object.entries(replies))('a reply that is only %j names %s', (text, zone) => {
    expect(findTimeZone(text)).toBe(zone);
  });

  it('finds the zone inside a sentence, the last place named winning', () => {
    expect(findTimeZone('change my timezone to london')).toBe('Europe/London');
    expect(findTimeZone('set my timezone to asia/dubai please')).toBe('Asia/Dubai');
    expect(findTimeZone('i moved from karachi to dubai')).toBe('Asia/Dubai');
  });

  it('does not invent a zone', () => {
    for (const text of ['Mars/Olympus', 'مریخ', 'hello', '']) expect(findTimeZone(text)).toBeUndefined();
  });
});
