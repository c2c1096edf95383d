/**
 * Repeating events keep the zone they were defined in, and all-day events stay all-day (issue 13
 * #14): "Mondays 14:00 Europe/London" imported by someone in Karachi happens at 19:00 Karachi in
 * winter and 18:00 once London moves to summer time (28 March 2027), is reminded, listed and
 * exported that way; a VALUE=DATE holiday is listed, reminded, briefed and exported as a date.
 */
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/core/inbound.ts';
import type { Reply } from '../../src/core/reply.ts';
import { wallTime } from '../../src/core/zoned-time.ts';
import { buildBriefing } from '../../src/scheduler/briefing.ts';
import { briefingTemplate, createTemplateRenderer } from '../../src/scheduler/default-render.ts';
import { eventOccurrences, eventZone } from '../../src/services/event-occurrence.ts';
import { parsePayload } from '../../src/scheduler/notification-payload.ts';
import { createHarness, visible, type Harness, type Speaker } from '../helpers/harness.ts';

const sara: Speaker = { platform: 'discord', user: '300', name: 'Sara', chat: 'dm-300' };
const omar: Speaker = { platform: 'telegram', user: '400', name: 'Omar' };

let h: Harness;
beforeEach(async () => { h = await createHarness({}, new Date('2026-11-21T05:00:00Z')); });
afterEach(async () => { await h.cleanup(); });

function importFile(who: Speaker, name: string, content: string): Promise<Reply | null> {
  const msg: InboundMessage = {
    type: 'command', name: 'import', args: '',
    conversation: { platform: who.platform!, chatId: who.chat ?? who.user!, kind: 'dm' },
    actor: { platform: who.platform!, userId: who.user!, displayName: who.name ?? 'x' },
    receivedAt: h.clock.now(), attachment: { name, mimeType: 'text/calendar', content: new TextEncoder().encode(content) },
  };
  return h.send(msg);
}

const icsOf = (reply: Reply | null): string => {
  const file = reply?.files?.find((f) => f.name.endsWith('.ics'));
  return typeof file!.content === 'string' ? file!.content : new TextDecoder().decode(file!.content);
};

const calendar = (...events: string[][]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Other//EN', ...events.flat(), 'END:VCALENDAR', ''].join('\r\n');
const LONDON_WEEKLY = ['BEGIN:VEVENT', 'UID:weekly-london@x', 'DTSTAMP:20261101T000000Z', 'SUMMARY:London sync', 'DTSTART;TZID=Europe/London:20261207T140000', 'DTEND;TZID=Europe/London:20261207T150000', 'RRULE:FREQ=WEEKLY;BYDAY=MO', 'END:VEVENT'];
const HOLIDAY = ['BEGIN:VEVENT', 'UID:holiday@x', 'DTSTAMP:20261101T000000Z', 'SUMMARY:Holiday', 'DTSTART;VALUE=DATE:20261225', 'DTEND;VALUE=DATE:20261226', 'END:VEVENT'];

const karachi = (d: Date) => { const w = wallTime(d, 'Asia/Karachi'); return `${w.month}/${w.day} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`; };

async function pendingEventRows(eventId: number) {
  return h.app.db.notification.findMany({ where: { sourceType: 'event', sourceId: eventId, status: 'pending' } });
}

describe('a weekly event from another zone', () => {
  it('imported in Karachi, it repeats on London\'s wall clock (19:00 in winter, 18:00 after 28 March 2027), exports as London and re-imports as nothing', async () => {
    await h.say('/timezone Asia/Karachi', sara);
    expect((await importFile(sara, 'work.ics', calendar(LONDON_WEEKLY)))?.text).toMatch(/Imported 1 events/);
    const row = await h.app.db.event.findFirstOrThrow({ where: { title: 'London sync' } });
    expect(row).toMatchObject({ timeZone: 'Europe/London', recurrence: 'weekly@mon@14:00', allDay: false });
    const zone = eventZone(row, 'Asia/Karachi');

    // Next 3 in winter: 19:00 Karachi (14:00 GMT) each Monday.
    expect(eventOccurrences(row, zone, h.clock.now(), 3).map(karachi)).toEqual(['12/7 19:00', '12/14 19:00', '12/21 19:00']);
    // Across London's change on Sunday 28 March 2027: 19:00, then 18:00 (14:00 BST = 13:00 UTC).
    expect(eventOccurrences(row, zone, new Date('2027-03-20T00:00:00Z'), 3).map(karachi)).toEqual(['3/22 19:00', '3/29 18:00', '4/5 18:00']);

    // Reminders follow: the first 15 minutes before 19:00 Karachi …
    expect((await pendingEventRows(row.id)).map((n) => karachi(n.dueAt))).toEqual(['12/7 18:45']);
    // … and, planned after 22 March, the one for 29 March is 15 minutes before 18:00 Karachi.
    h.clock.current = new Date('2027-03-23T00:00:00Z');
    await h.app.scheduler.hooks.eventChanged(row.id);
    expect((await pendingEventRows(row.id)).map((n) => karachi(n.dueAt))).toEqual(['3/29 17:45']);

    // Listing the week of 29 March shows the occurrence at 18:00 Karachi, not 14:00.
    const week = visible(await h.say('/events next week', sara));
    expect(week).toMatch(/London sync/);
    expect(week).toMatch(/18:00|6:00\s?PM/i);
    expect(week).not.toMatch(/14:00|2:00\s?PM/i);

    // Export: London's own TZID, wall time and rule, with London's VTIMEZONE.
    const ics = icsOf(await h.say('/export', sara));
    expect(ics).toContain('DTSTART;TZID=Europe/London:20261207T140000');
    expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=MO');
    expect(ics).toContain('X-CLAWCHAT-RECURRENCE:weekly@mon@14:00');
    const cal = new ICAL.Component(ICAL.parse(ics) as unknown[]);
    expect(cal.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toContain('Europe/London');

    // Re-import adds nothing; a fresh user elsewhere gets the same London event.
    expect((await importFile(sara, 'back.ics', ics))?.text).toBe('Imported 0 events from back.ics; 1 were already here.');
    await h.say('/timezone America/New_York', omar);
    expect((await importFile(omar, 'sara.ics', ics))?.text).toMatch(/Imported 1 events/);
    const omars = await h.app.db.event.findFirstOrThrow({ where: { title: 'London sync', NOT: { id: row.id } } });
    expect(omars).toMatchObject({ timeZone: 'Europe/London', recurrence: 'weekly@mon@14:00', startAt: row.startAt });
  });

  it('an event made in chat keeps the zone its creator had then', async () => {
    await h.say('/timezone Asia/Karachi', sara);
    await h.say('/event standup every monday 10am', sara);
    const row = await h.app.db.event.findFirstOrThrow({ where: { title: { contains: 'standup' } } });
    expect(row.timeZone).toBe('Asia/Karachi');
  });

  it('a repeat rule set later is read in the editor\'s zone; other edits keep the event\'s own zone', async () => {
    await h.say('/timezone Asia/Karachi', sara);
    await importFile(sara, 'work.ics', calendar(LONDON_WEEKLY));
    const row = await h.app.db.event.findFirstOrThrow({ where: { title: 'London sync' } });
    const ctx = { userId: row.ownerId!, scope: { kind: 'personal' as const, userId: row.ownerId! }, isSpaceAdmin: false, timeZone: 'Asia/Karachi', now: h.clock.now() };
    expect((await h.app.services.events.update(ctx, row.id, { title: 'London weekly' })).after.timeZone).toBe('Europe/London');
    const { after } = await h.app.services.events.update(ctx, row.id, { recurrence: 'weekly@tue@10:00' });
    expect(after.timeZone).toBe('Asia/Karachi');
    expect(eventOccurrences(after, eventZone(after, 'Asia/Karachi'), new Date('2026-12-08T00:00:00Z'), 2).map(karachi)).toEqual(['12/8 10:00', '12/15 10:00']);
  });
});

describe('an all-day event', () => {
  it('imports, lists, reminds, briefs and exports as all-day', async () => {
    await h.say('/timezone Asia/Karachi', sara);
    await importFile(sara, 'hol.ics', calendar(HOLIDAY));
    const row = await h.app.db.event.findFirstOrThrow({ where: { title: 'Holiday' } });
    expect(row).toMatchObject({ allDay: true, timeZone: 'Asia/Karachi', startAt: new Date('2026-12-24T19:00:00Z'), endAt: new Date('2026-12-25T19:00:00Z') });

    // Listed as a date, "all day", never a midnight time.
    h.clock.current = new Date('2026-12-20T05:00:00Z');
    const list = visible(await h.say('/events', sara));
    expect(list).toMatch(/Holiday[\s\S]*25 Dec[\s\S]*all day|Holiday[\s\S]*Dec 25[\s\S]*all day/);
    expect(list).not.toMatch(/00:00|12:00\s?AM/i);

    // Reminded at 09:00 Karachi on the day, rendered with its date and "all day".
    await h.app.scheduler.hooks.eventChanged(row.id);
    const [n] = await pendingEventRows(row.id);
    expect(karachi(n!.dueAt)).toBe('12/25 09:00');
    const payload = parsePayload(n!.payload);
    expect(payload).toMatchObject({ allDay: true });
    const rendered = await createTemplateRenderer(h.app.db)({ row: n!, payload, platform: 'discord', buttons: false, language: 'en', timeZone: 'Asia/Karachi', now: n!.dueAt });
    expect(rendered.text).toMatch(/Holiday — all day, .*25/);
    expect(rendered.text).not.toMatch(/00:00/);

    // Today view and briefing on the day.
    h.clock.current = new Date('2026-12-25T04:00:00Z');
    const today = visible(await h.say('/today', sara));
    expect(today).toMatch(/Holiday/);
    expect(today).not.toMatch(/00:00|12:00\s?AM/i);
    const brief = briefingTemplate(await buildBriefing(h.app.db, row.ownerId!, h.clock.now(), 'Asia/Karachi'));
    expect(brief).toMatch(/• all day Holiday/);

    // Exported as a DATE with an exclusive DTEND; importing it back adds nothing.
    const ics = icsOf(await h.say('/export', sara));
    expect(ics).toContain('DTSTART;VALUE=DATE:20261225');
    expect(ics).toContain('DTEND;VALUE=DATE:20261226');
    expect((await importFile(sara, 'again.ics', ics))?.text).toMatch(/Imported 0 events/);
  });
});
