/**
 * /import on Telegram, end to end: a person's /export sends an .ics document; another person sends
 * that file back with the caption "/import" (or sends "/import" and then the file) and gets the same
 * events. The adapter fetches the file through getFile and the Bot API's file route on the fake;
 * importing twice skips what is already there; a file that is not a calendar, or one over the size
 * limit (not even downloaded), gets a friendly answer and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TgUserInput } from '../fakes/fake-telegram.ts';
import { alice, plain, startTelegramHarness, type TelegramHarness } from './harness.ts';

const dave: TgUserInput = { id: 1004, first_name: 'Dave', language_code: 'en' };
const erin: TgUserInput = { id: 1005, first_name: 'Erin', language_code: 'en' };
const frank: TgUserInput = { id: 1006, first_name: 'Frank', language_code: 'en' };

describe('Telegram /import', () => {
  let h: TelegramHarness;
  let ics: { name: string; data: Buffer };

  beforeAll(async () => {
    h = await startTelegramHarness();
    for (const text of ['/event dentist tomorrow 4pm', '/event team lunch next friday 1pm']) {
      h.say(alice, text);
      await h.nextReply(alice.id);
    }
    h.say(alice, '/export');
    expect(plain((await h.nextReply(alice.id)).params.text)).toMatch(/2 events/);
    await h.tg.waitForCall('sendDocument', (c) => !c.error && Number(c.params.chat_id) === alice.id, 2, 5_000);
    const file = h.tg.callsOf('sendDocument').flatMap((c) => c.files).find((f) => f.filename.endsWith('.ics'));
    ics = { name: file!.filename, data: file!.data };
  });
  afterAll(async () => { await h?.close(); });

  const eventsOf = async (who: TgUserInput) => {
    const identity = await h.app.db.identity.findUnique({ where: { platform_externalId: { platform: 'telegram', externalId: String(who.id) } } });
    if (!identity) return [];
    const rows = await h.app.db.event.findMany({ where: { ownerId: identity.userId }, orderBy: [{ startAt: 'asc' }, { title: 'asc' }] });
    return rows.map((e) => ({ title: e.title, start: e.startAt.toISOString(), end: e.endAt?.toISOString() ?? null, location: e.location, notes: e.notes, recurrence: e.recurrence }));
  };
  const sendFile = (from: TgUserInput, file: { name: string; data: Uint8Array | string; mimeType?: string }, caption?: string) =>
    h.tg.sendDocument({ chatId: from.id, from, fileName: file.name, content: file.data, mimeType: file.mimeType ?? 'text/calendar', ...(caption !== undefined && { caption }) });

  it('a fresh user imports an exported file (caption /import) and gets the same events; twice skips them', async () => {
    const original = await eventsOf(alice);
    expect(original.map((e) => e.title)).toEqual(['dentist', 'team lunch']);

    sendFile(dave, ics, '/import');
    expect(plain((await h.nextReply(dave.id)).params.text)).toBe(`Imported 2 events from ${ics.name}; 0 were already here.`);
    expect(await eventsOf(dave)).toEqual(original);
    const command = h.inbound.at(-1);
    expect(command).toMatchObject({ type: 'command', name: 'import', attachment: { name: ics.name, mimeType: 'text/calendar' } });

    sendFile(dave, ics, '/import');
    expect(plain((await h.nextReply(dave.id)).params.text)).toBe(`Imported 0 events from ${ics.name}; 2 were already here.`);
    expect(await eventsOf(dave)).toEqual(original);
  });

  it('"/import" and then the file as the next message works too; a file nobody asked for is left alone', async () => {
    h.say(erin, '/import');
    expect(plain((await h.nextReply(erin.id)).params.text)).toMatch(/Attach an \.ics calendar file/);
    sendFile(erin, ics);
    expect(plain((await h.nextReply(erin.id)).params.text)).toMatch(/^Imported 2 events/);
    expect(await eventsOf(erin)).toEqual(await eventsOf(alice));

    // Only the next message counts: a file after something else, or with no /import before, is not imported.
    h.say(frank, '/import');
    await h.nextReply(frank.id);
    h.say(frank, '/help');
    await h.nextReply(frank.id);
    const downloads = h.tg.files.downloads.length;
    sendFile(frank, ics);
    h.say(frank, '/events');
    expect(plain((await h.nextReply(frank.id)).params.text)).not.toMatch(/Imported/);
    expect(h.tg.files.downloads.length).toBe(downloads);
    expect(h.sent(frank.id)).toHaveLength(3);
    expect(await eventsOf(frank)).toEqual([]);
  });

  it('a file that is not a calendar gets a friendly answer and changes nothing', async () => {
    const before = await eventsOf(dave);
    sendFile(dave, { name: 'notes.txt', data: 'just some notes\n', mimeType: 'text/plain' }, '/import');
    expect(plain((await h.nextReply(dave.id)).params.text)).toBe('I could not read that file as an iCalendar (.ics) file.');
    expect(await eventsOf(dave)).toEqual(before);
  });

  it('a download that fails gets an apology, not silence, and changes nothing', async () => {
    const before = await eventsOf(dave);
    h.tg.failNext('getFile', { code: 400, description: 'Bad Request: wrong file_id or the file is temporarily unavailable' });
    sendFile(dave, ics, '/import');
    expect(plain((await h.nextReply(dave.id)).params.text)).toMatch(/^Sorry, something went wrong on my side/);
    expect(await eventsOf(dave)).toEqual(before);
  });

  it('a file over 1 MB is not downloaded; the answer says it is too big and nothing changes', async () => {
    const before = await eventsOf(dave);
    const downloads = h.tg.files.downloads.length;
    const getFiles = h.tg.callsOf('getFile').length;
    const huge = Buffer.concat([ics.data, Buffer.alloc(1_100_000, 0x20)]);
    sendFile(dave, { name: 'huge.ics', data: huge }, '/import');
    expect(plain((await h.nextReply(dave.id)).params.text)).toBe('That file is too big (at most 1000 KB).');
    expect(h.tg.files.downloads.length).toBe(downloads);
    expect(h.tg.callsOf('getFile')).toHaveLength(getFiles); // no getFile either: the document said how big it is
    expect(await eventsOf(dave)).toEqual(before);
  });
});
