import { describe, expect, it } from 'vitest';
import { parseIcs } from '../../src/calendar/ics-import.ts';

describe('.ics import passes the edge sanitizer (issue 13)', () => {
  it('NUL, escape sequences and other control characters never reach a title, place or note; line breaks in notes stay', () => {
    const ics = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Other//EN',
      'BEGIN:VEVENT', 'UID:n@x', 'DTSTAMP:20261101T000000Z', 'SUMMARY:Dentist\u0000 visit\u001b[31m', 'LOCATION:Main\u0007 St',
      'DESCRIPTION:bring card\\nand\u0000 forms', 'DTSTART:20261210T061500Z', 'END:VEVENT',
      'END:VCALENDAR', '',
    ].join('\r\n');
    const [event] = parseIcs(ics, 'Asia/Karachi');
    expect(event).toMatchObject({ title: 'Dentist visit', location: 'Main St', notes: 'bring card\nand forms' });
  });
});
