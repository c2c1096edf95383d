import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/core/inbound.ts';
import type { Reply } from '../../src/core/reply.ts';
import { createHarness, type Harness, type Speaker } from '../helpers/harness.ts';

const ali: Speaker = { platform: 'telegram', user: '100', name: 'Ali' };
const sara: Speaker = { platform: 'discord', user: '300', name: 'Sara', chat: 'dm-300' };

let h: Harness;
let exportDir: string;
beforeEach(async () => {
  exportDir = await mkdtemp(path.join(os.tmpdir(), 'clawchat-export-'));
  h = await createHarness({ EXPORT_DIR: exportDir });
});
afterEach(async () => {
  await h.cleanup();
  await rm(exportDir, { recursive: true, force: true });
});

const userIdOf = async (platform: string, externalId: string) =>
  (await h.app.db.identity.findUniqueOrThrow({ where: { platform_externalId: { platform, externalId } } })).userId;

/** /import with the file attached, as an adapter delivers it. */
function importFile(who: Speaker, name: string, content: string): Promise<Reply | null> {
  const msg: InboundMessage = {
    type: 'command', name: 'import', args: '',
    conversation: { platform: who.platform!, chatId: who.chat ?? who.user!, kind: 'dm' },
    actor: { platform: who.platform!, userId: who.user!, displayName: who.name ?? 'x' },
    receivedAt: h.clock.now(), attachment: { name, mimeType: 'text/calendar', content: new TextEncoder().encode(content) },
  };
  return h.send(msg);
}

function fileOf(reply: Reply | null, ext: string): string {
  const file = reply?.files?.find((f) => f.name.endsWith(ext));
  expect(file, `a ${ext} file`).toBeDefined();
  return typeof file!.content === 'string' ? file!.content : new TextDecoder().decode(file!.content);
}

/** Events of a user as comparable plain values. */
async function eventsOf(userId: number) {
  const rows = await h.app.db.event.findMany({ where: { ownerId: userId }, orderBy: [{ startAt: 'asc' }, { title: 'asc' }] });
  return rows.map((e) => ({ title: e.title, start: e.startAt.toISOString(), end: e.endAt?.toISOString() ?? null, location: e.location, notes: e.notes, recurrence: e.recurrence }));
}

async function seedAli(): Promise<number> {
  await h.say('/timezone Europe/London', ali);
  await h.say('/event dentist tomorrow 4pm', ali);
  await h.say('/todo pay rent tomorrow 9am', ali);
  await h.say('/todo buy milk', ali);
  const id = await userIdOf('telegram', '100');
  const ctx = { userId: id, scope: { kind: 'personal' as const, userId: id }, isSpaceAdmin: false, timeZone: 'Europe/London', now: h.clock.now() };
  // Summer and winter times, a repeating one, and text that needs escaping.
  await h.app.services.events.create(ctx, { title: 'Team standup', start: new Date('2026-12-07T09:30:00Z'), end: new Date('2026-12-07T09:45:00Z'), recurrence: 'weekdays@09:30' });
  await h.app.services.events.create(ctx, { title: 'Summer party; bring food, drinks', start: new Date('2027-07-03T17:00:00Z'), end: new Date('2027-07-03T22:00:00Z'), location: 'The Park, Gate 2', notes: 'Line one\nLine two' });
  await h.app.services.events.create(ctx, { title: 'Book club', start: new Date('2027-01-14T19:00:00Z'), recurrence: 'weekly@thu@19:00' });
  await h.app.services.events.create(ctx, { title: 'Odd rule', start: new Date('2027-01-01T08:00:00Z'), recurrence: '0 8 1-7 * 1' });
  return id;
}

describe('/export', () => {
  it('sends an .ics with time zones and recurrence, and a Markdown list of open todos', async () => {
    await seedAli();
    const reply = await h.say('/export', ali);
    expect(reply?.text).toMatch(/5 events, 1 dated todos\) and your open todos \(2\)/);
    const ics = fileOf(reply, '.ics');
    const cal = new ICAL.Component(ICAL.parse(ics) as unknown[]);
    expect(cal.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/London');
    const events = cal.getAllSubcomponents('vevent');
    expect(events).toHaveLength(5);
    const standup = events.find((e) => e.getFirstPropertyValue('summary') === 'Team standup')!;
    expect(standup.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/London');
    expect(String(standup.getFirstPropertyValue('rrule'))).toBe('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR');
    expect(ics).toContain('DTSTART;TZID=Europe/London:20270703T180000'); // 17:00Z is 18:00 BST
    expect(ics).toContain('SUMMARY:Summer party\\; bring food\\, drinks');
    const todo = cal.getFirstSubcomponent('vtodo')!;
    expect(todo.getFirstPropertyValue('summary')).toBe('pay rent');
    expect(todo.getFirstProperty('due')!.getParameter('tzid')).toBe('Europe/London');
    const md = fileOf(reply, '.md');
    expect(md).toMatch(/^# Open todos — Ali\n/);
    expect(md).toMatch(/- \[ \] pay rent — due .*\n- \[ \] buy milk\n/);
  });

  it('in the terminal, saves the files and names the paths', async () => {
    await h.say('/todo water plants', { platform: 'console', user: 'local' });
    const reply = await h.say('/export', { platform: 'console', user: 'local' });
    const paths = reply!.text.split('\n').filter((l) => l.startsWith(exportDir));
    expect(paths).toHaveLength(2);
    expect(await readFile(paths.find((p) => p.endsWith('.md'))!, 'utf8')).toContain('- [ ] water plants');
    expect(await readFile(paths.find((p) => p.endsWith('.ics'))!, 'utf8')).toMatch(/^BEGIN:VCALENDAR/);
  });

  it('exports a group\'s shared events in the group', async () => {
    const inGroup = { ...ali, group: true, chat: '-77' };
    await h.say('/event family dinner tomorrow 8pm', inGroup);
    await h.say('/event my own thing tomorrow 9pm', ali);
    const ics = fileOf(await h.say('/export', inGroup), '.ics');
    expect(ics).toContain('family dinner');
    expect(ics).not.toContain('my own thing');
  });
});

describe('/import', () => {
  it('round trip: an exported file imported into a fresh user gives the same events; again, nothing is doubled', async () => {
    const aliId = await seedAli();
    const ics = fileOf(await h.say('/export', ali), '.ics');
    await h.say('/timezone Asia/Karachi', sara); // a different zone must not shift anything
    const saraId = await userIdOf('discord', '300');
    const first = await importFile(sara, 'ali.ics', ics);
    expect(first?.text).toBe('Imported 5 events from ali.ics; 0 were already here.');
    expect(await eventsOf(saraId)).toEqual(await eventsOf(aliId));
    // Imported events get reminders like any other.
    expect(await h.app.db.notification.count({ where: { userId: saraId, sourceType: 'event' } })).toBe(5);
    const again = await importFile(sara, 'ali.ics', ics);
    expect(again?.text).toBe('Imported 0 events from ali.ics; 5 were already here.');
    // Re-exported from Sara, the UIDs are the same, so importing back into Ali doubles nothing either.
    const back = await importFile(ali, 'sara.ics', fileOf(await h.say('/export', sara), '.ics'));
    expect(back?.text).toMatch(/Imported 0 events .* 5 were already here/);
  });

  it('reads other calendars: UTC, floating, all-day, their own VTIMEZONE, DURATION and RRULE', async () => {
    await h.say('/timezone Asia/Karachi', sara);
    const saraId = await userIdOf('discord', '300');
    const ics = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Other//EN',
      'BEGIN:VTIMEZONE', 'TZID:Custom Eastern', 'BEGIN:STANDARD', 'DTSTART:19701101T020000', 'TZOFFSETFROM:-0400', 'TZOFFSETTO:-0500', 'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU', 'END:STANDARD',
      'BEGIN:DAYLIGHT', 'DTSTART:19700308T020000', 'TZOFFSETFROM:-0500', 'TZOFFSETTO:-0400', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU', 'END:DAYLIGHT', 'END:VTIMEZONE',
      'BEGIN:VEVENT', 'UID:a@x', 'DTSTAMP:20261101T000000Z', 'SUMMARY:Flight', 'DTSTART:20261210T061500Z', 'DURATION:PT2H30M', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:b@x', 'DTSTAMP:20261101T000000Z', 'SUMMARY:Call NY office', 'DTSTART;TZID=Custom Eastern:20270115T100000', 'RRULE:FREQ=WEEKLY;BYDAY=FR', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:c@x', 'DTSTAMP:20261101T000000Z', 'SUMMARY:Holiday', 'DTSTART;VALUE=DATE:20261225', 'DTEND;VALUE=DATE:20261226', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:d@x', 'DTSTAMP:20261101T000000Z', 'SUMMARY:Local lunch', 'DTSTART:20261211T130000', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:e@x', 'DTSTAMP:20261101T000000Z', 'SUMMARY:Called off', 'STATUS:CANCELLED', 'DTSTART:20261211T130000Z', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:f@x', 'DTSTAMP:20261101T000000Z', 'SUMMARY:Every other week', 'DTSTART;TZID=Asia/Karachi:20261214T090000', 'RRULE:FREQ=WEEKLY;INTERVAL=2', 'END:VEVENT',
      'END:VCALENDAR', '',
    ].join('\r\n');
    expect((await importFile(sara, 'work.ics', ics))?.text).toMatch(/Imported 5 events/);
    const byTitle = Object.fromEntries((await eventsOf(saraId)).map((e) => [e.title, e]));
    expect(byTitle.Flight).toMatchObject({ start: '2026-12-10T06:15:00.000Z', end: '2026-12-10T08:45:00.000Z' });
    expect(byTitle['Call NY office']).toMatchObject({ start: '2027-01-15T15:00:00.000Z', recurrence: 'weekly@fri@20:00' });
    expect(byTitle.Holiday).toMatchObject({ start: '2026-12-24T19:00:00.000Z', end: '2026-12-25T19:00:00.000Z' });
    expect(byTitle['Local lunch']).toMatchObject({ start: '2026-12-11T08:00:00.000Z' });
    // INTERVAL is kept since issue 14: every other Monday counted from the start's week.
    expect(byTitle['Every other week']).toMatchObject({ start: '2026-12-14T04:00:00.000Z', recurrence: 'weekly@mon@09:00;every=2;from=2026-12-14' });
    expect(byTitle['Called off']).toBeUndefined();
  });

  it('explains what it needs and refuses what it cannot read', async () => {
    expect((await h.say('/import', sara))?.text).toMatch(/Attach an \.ics/);
    expect((await h.say('/import /etc/passwd', sara))?.text).toMatch(/Attach an \.ics/); // no disk access from a platform
    expect((await importFile(sara, 'x.ics', 'hello, not a calendar'))?.text).toMatch(/could not read/);
    expect((await importFile(sara, 'big.ics', 'X'.repeat(1_000_001)))?.text).toMatch(/too big/);
  });

  it('in the terminal, reads a local file named by the command', async () => {
    await seedAli();
    const ics = fileOf(await h.say('/export', ali), '.ics');
    const file = path.join(exportDir, 'in.ics');
    await (await import('node:fs/promises')).writeFile(file, ics);
    expect((await h.say(`/import ${file}`, { platform: 'console', user: 'local' }))?.text).toMatch(/Imported 5 events from in\.ics/);
  });
});
