/**
 * /import on Discord, end to end: Alice's /export answers with an .ics attachment; a fresh user runs
 * `/import file:` with that file (uploaded to the fake's CDN and resolved into the interaction like
 * Discord does) and gets the same events. The real discord.js client reads the attachment option, the
 * adapter downloads it; importing twice skips what is already there; a file that is not a calendar,
 * or one over the size limit (not even downloaded), gets a friendly answer and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, startHarness, text, type DiscordHarness } from './discord-harness.ts';

const dana = { id: '3000000000000000010', username: 'dana', global_name: 'Dana' };

describe('Discord /import', () => {
  let h: DiscordHarness;
  let ics: { filename: string; content: Buffer; contentType: string };

  beforeAll(async () => {
    h = await startHarness();
    for (const event of ['dentist tomorrow 4pm', 'team lunch next friday 1pm']) {
      await h.answer(h.command(alice, 'event', { sub: 'add', options: { text: event, scope: 'me' } }));
    }
    expect(text(await h.answer(h.command(alice, 'export', { options: { scope: 'me' } })))).toMatch(/2 events/);
    const file = h.dc.callsTo(/\/(webhooks|interactions)\//).flatMap((c) => c.files).find((f) => f.filename.endsWith('.ics'));
    ics = { filename: file!.filename, content: file!.data, contentType: 'text/calendar' };
  });
  afterAll(async () => { await h?.close(); });

  const eventsOf = async (userId: string) => {
    const identity = await h.app.db.identity.findUnique({ where: { platform_externalId: { platform: 'discord', externalId: userId } } });
    if (!identity) return [];
    const rows = await h.app.db.event.findMany({ where: { ownerId: identity.userId }, orderBy: [{ startAt: 'asc' }, { title: 'asc' }] });
    return rows.map((e) => ({ title: e.title, start: e.startAt.toISOString(), end: e.endAt?.toISOString() ?? null, location: e.location, notes: e.notes, recurrence: e.recurrence }));
  };
  const importFile = async (file: { filename: string; content: Uint8Array | string; contentType?: string }) =>
    text(await h.answer(h.command(dana, 'import', { dm: true, attachments: { file } })));

  it('a fresh user imports an exported file and gets the same events; twice skips them', async () => {
    const original = await eventsOf(alice.id);
    expect(original.map((e) => e.title)).toEqual(['dentist', 'team lunch']);
    expect(await eventsOf(dana.id)).toEqual([]);

    expect(await importFile(ics)).toBe(`Imported 2 events from ${ics.filename}; 0 were already here.`);
    expect(await eventsOf(dana.id)).toEqual(original);
    expect(h.dc.cdn.downloads).toHaveLength(1);

    expect(await importFile(ics)).toBe(`Imported 0 events from ${ics.filename}; 2 were already here.`);
    expect(await eventsOf(dana.id)).toEqual(original);
  });

  it('a file that is not a calendar gets a friendly answer and changes nothing', async () => {
    const before = await eventsOf(dana.id);
    expect(await importFile({ filename: 'notes.txt', content: 'just some notes\n', contentType: 'text/plain' })).toBe('I could not read that file as an iCalendar (.ics) file.');
    expect(await eventsOf(dana.id)).toEqual(before);
  });

  it('a file over 1 MB is not downloaded; the answer says it is too big and nothing changes', async () => {
    const before = await eventsOf(dana.id);
    const downloads = h.dc.cdn.downloads.length;
    const huge = Buffer.concat([ics.content, Buffer.alloc(1_100_000, 0x20)]);
    expect(await importFile({ ...ics, filename: 'huge.ics', content: huge })).toBe('That file is too big (at most 1000 KB).');
    expect(h.dc.cdn.downloads).toHaveLength(downloads);
    expect(await eventsOf(dana.id)).toEqual(before);
  });
});
