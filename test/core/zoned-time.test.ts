import { describe, it, expect } from 'vitest';
import {
  addDays, isValidTimeZone, offsetMinutes, startOfLocalDay, startOfLocalWeek, toZonedIso, wallTime, weekdayOf, zonedToUtc,
} from '../../src/core/zoned-time.ts';

/** zonedToUtc read back as ISO in the same zone, the form every caller ends up showing. */
const local = (zone: string, y: number, mo: number, d: number, h: number, mi: number): string =>
  toZonedIso(zonedToUtc(zone, y, mo, d, h, mi), zone);

describe('offsetMinutes', () => {
  it('knows New York offsets on both sides of the 2026 changes', () => {
    expect(offsetMinutes(new Date('2026-03-08T06:59:00Z'), 'America/New_York')).toBe(-300);
    expect(offsetMinutes(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).toBe(-240);
    expect(offsetMinutes(new Date('2026-11-01T05:59:00Z'), 'America/New_York')).toBe(-240);
    expect(offsetMinutes(new Date('2026-11-01T06:00:00Z'), 'America/New_York')).toBe(-300);
  });

  it('handles half- and quarter-hour zones', () => {
    const noon = new Date('2026-06-01T12:00:00Z');
    expect(offsetMinutes(noon, 'Asia/Karachi')).toBe(300);
    expect(offsetMinutes(noon, 'Asia/Kolkata')).toBe(330);
    expect(offsetMinutes(noon, 'Asia/Kathmandu')).toBe(345);
  });

  it('follows Lord Howe\'s 30-minute daylight saving', () => {
    expect(offsetMinutes(new Date('2026-07-01T00:00:00Z'), 'Australia/Lord_Howe')).toBe(630);
    expect(offsetMinutes(new Date('2026-12-01T00:00:00Z'), 'Australia/Lord_Howe')).toBe(660);
  });

  it('gives the same answer when asked twice (the cache agrees with Intl)', () => {
    const t = new Date('2026-03-08T06:59:59Z');
    expect(offsetMinutes(t, 'America/New_York')).toBe(offsetMinutes(t, 'America/New_York'));
    expect(offsetMinutes(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).toBe(-240);
  });
});

describe('zonedToUtc', () => {
  it('pushes a wall time in the spring-forward gap past the gap', () => {
    expect(local('America/New_York', 2026, 3, 8, 2, 30)).toBe('2026-03-08T03:30:00-04:00');
    expect(local('Europe/Berlin', 2026, 3, 29, 2, 30)).toBe('2026-03-29T03:30:00+02:00');
  });

  it('takes the first occurrence of a repeated fall-back time, west and east of UTC', () => {
    expect(local('America/New_York', 2026, 11, 1, 1, 30)).toBe('2026-11-01T01:30:00-04:00');
    expect(zonedToUtc('America/New_York', 2026, 11, 1, 1, 30).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(zonedToUtc('Europe/Berlin', 2026, 10, 25, 2, 30).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('is exact in fixed zones with odd offsets', () => {
    expect(zonedToUtc('Asia/Karachi', 2026, 11, 21, 17, 0).toISOString()).toBe('2026-11-21T12:00:00.000Z');
    expect(local('Asia/Kolkata', 2026, 6, 1, 17, 30)).toBe('2026-06-01T17:30:00+05:30');
    expect(local('Asia/Kathmandu', 2026, 6, 1, 9, 0)).toBe('2026-06-01T09:00:00+05:45');
  });

  it('handles Lord Howe\'s half-hour gap and overlap', () => {
    // 2026-10-04 02:00 → 02:30 (+10:30 → +11:00); 2026-04-05 02:00 → 01:30 (+11:00 → +10:30).
    expect(local('Australia/Lord_Howe', 2026, 10, 4, 2, 15)).toBe('2026-10-04T02:45:00+11:00');
    expect(local('Australia/Lord_Howe', 2026, 4, 5, 1, 45)).toBe('2026-04-05T01:45:00+11:00');
    expect(local('Australia/Lord_Howe', 2026, 4, 5, 9, 0)).toBe('2026-04-05T09:00:00+10:30');
  });

  it('rolls day and month overflow over', () => {
    expect(local('UTC', 2026, 1, 32, 9, 0)).toBe('2026-02-01T09:00:00+00:00');
    expect(local('UTC', 2026, 13, 1, 0, 0)).toBe('2027-01-01T00:00:00+00:00');
  });
});

describe('wall time, days and weeks', () => {
  it('reads the wall clock and weekday in the zone', () => {
    expect(wallTime(new Date('2026-11-21T20:00:00Z'), 'Asia/Karachi'))
      .toEqual({ year: 2026, month: 11, day: 22, hour: 1, minute: 0, second: 0, weekday: 0 });
  });

  it('finds local midnight and the local Monday across a DST change', () => {
    const sunday = new Date('2026-03-08T15:00:00Z');
    expect(toZonedIso(startOfLocalDay(sunday, 'America/New_York'), 'America/New_York')).toBe('2026-03-08T00:00:00-05:00');
    expect(toZonedIso(startOfLocalDay(sunday, 'America/New_York', 1), 'America/New_York')).toBe('2026-03-09T00:00:00-04:00');
    expect(toZonedIso(startOfLocalWeek(sunday, 'America/New_York'), 'America/New_York')).toBe('2026-03-02T00:00:00-05:00');
  });

  it('does calendar arithmetic on dates without a zone', () => {
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2028, month: 3, day: 1 }, -1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addDays({ year: 2026, month: 1, day: 31, hour: 9 }, 1)).toEqual({ year: 2026, month: 2, day: 1, hour: 9 });
    expect(weekdayOf({ year: 2026, month: 11, day: 21 })).toBe(6);
  });

  it('formats ISO with the offset in effect at that instant', () => {
    expect(toZonedIso(new Date('2026-11-21T12:00:00Z'), 'Asia/Karachi')).toBe('2026-11-21T17:00:00+05:00');
    expect(toZonedIso(new Date('2026-06-01T12:00:00Z'), 'Asia/Kolkata')).toBe('2026-06-01T17:30:00+05:30');
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names the runtime knows and rejects the rest', () => {
    expect(isValidTimeZone('Asia/Karachi')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('x'.repeat(65))).toBe(false);
  });
});
