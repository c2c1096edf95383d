import { describe, expect, it } from 'vitest';
import { findTimeZone, readUtcOffset } from '../../src/nlu/index.ts';
import { FIXED_OFFSET_ZONES, offsetLabel } from '../../src/nlu/utc-offset.ts';
import { offsetMinutes } from '../../src/core/zoned-time.ts';

describe('UTC offsets: real ones accepted exactly, impossible ones refused, never a place', () => {
  it.each([
    ['UTC+5:30', 'Asia/Kolkata'], ['GMT+05:45', 'Asia/Kathmandu'], ['UTC+5.5', 'Asia/Kolkata'], ['utc+5.75', 'Asia/Kathmandu'],
    ['UTC+0530', 'Asia/Kolkata'], ['gmt + 5:30.', 'Asia/Kolkata'], ['UTC+5', 'Etc/GMT-5'], ['utc-3', 'Etc/GMT+3'], ['UTC−3', 'Etc/GMT+3'],
    ['UTC+14', 'Etc/GMT-14'], ['UTC-12', 'Etc/GMT+12'], ['UTC+0', 'UTC'], ['UTC-9:30', 'Pacific/Marquesas'], ['my timezone is UTC+5:30', 'Asia/Kolkata'],
  ])('%s is %s', (text, zone) => {
    expect(findTimeZone(text)).toBe(zone);
    expect(readUtcOffset(text)).toMatchObject({ ok: true, zone });
  });

  it.each(['GMT-14', 'UTC+25', 'UTC+5:20', 'UTC+5:3', 'UTC+14:30', 'UTC-12:30', 'my timezone is GMT-14', 'UTC+5.3'])('%s is refused, not read as a place', (text) => {
    expect(findTimeZone(text)).toBeUndefined();
    expect(readUtcOffset(text)).toMatchObject({ ok: false, reason: 'notReal' });
  });

  it('an offset only zones with daylight saving use asks for the city', () => {
    for (const text of ['UTC-3:30', 'UTC+10:30', 'UTC+12:45']) expect(readUtcOffset(text)).toMatchObject({ ok: false, reason: 'noFixedZone' });
  });

  it('each zone that stands for a :30/:45 offset keeps exactly that offset, without daylight saving, for the next ten years', () => {
    for (const [minutes, zone] of FIXED_OFFSET_ZONES) {
      for (let month = 0; month < 120; month++) {
        const at = new Date(Date.UTC(2026, 11 + month, 15));
        expect(offsetMinutes(at, zone), `${zone} in ${at.toISOString()}`).toBe(minutes);
      }
      expect(readUtcOffset(offsetLabel(minutes))).toMatchObject({ ok: true, zone });
    }
  });

  it('a bare offset counts only as a whole answer, and IANA Etc names are not offsets', () => {
    expect(readUtcOffset('+5:30', true)).toMatchObject({ ok: true, zone: 'Asia/Kolkata' });
    expect(readUtcOffset('room +5:30')).toBeUndefined();
    expect(readUtcOffset('Etc/GMT-5')).toBeUndefined();
    expect(findTimeZone('Etc/GMT-5')).toBe('Etc/GMT-5');
  });
});
