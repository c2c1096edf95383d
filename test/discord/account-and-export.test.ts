/**
 * The linking and calendar commands on Discord: /link gives a code in a DM, /export answers with the
 * .ics and .md files attached (uploaded as multipart files to the fake), and /unlink without a
 * linked account says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, startHarness, type DiscordHarness } from './discord-harness.ts';

describe('Discord /link, /unlink, /export', () => {
  let h: DiscordHarness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h.close(); });

  it('/link in a DM gives a code; in a server it points to DMs', async () => {
    const dm = await h.answer(h.command(alice, 'link', { dm: true }));
    expect(dm[0]!.content).toMatch(/Your link code is [A-Z0-9]{4}-[A-Z0-9]{4}/);
    const server = await h.answer(h.command(alice, 'link'));
    expect(server[0]!.content).toMatch(/private chat/);
    expect(server[0]!.ephemeral).toBe(true);
    const wrong = await h.answer(h.command(alice, 'link', { dm: true, options: { code: 'ZZZZ-ZZZZ' } }));
    expect(wrong[0]!.content).toMatch(/not valid/);
    const unlink = await h.answer(h.command(alice, 'unlink', { dm: true }));
    expect(unlink[0]!.content).toMatch(/not linked/);
  });

  it('/export attaches the calendar and the todo list', async () => {
    await h.answer(h.command(alice, 'event', { sub: 'add', options: { text: 'dentist tomorrow 4pm', scope: 'me' } }));
    const rec = h.command(alice, 'export', { options: { scope: 'me' } });
    const answer = await h.answer(rec);
    expect(answer[0]!.content).toMatch(/1 events/);
    const withFiles = h.dc.callsTo(/\/(webhooks|interactions)\//).filter((c) => c.files.length > 0);
    expect(withFiles.flatMap((c) => c.files.map((f) => f.filename))).toEqual([
      expect.stringMatching(/^clawchat-calendar-\d{4}-\d\d-\d\d\.ics$/), expect.stringMatching(/^clawchat-todos-\d{4}-\d\d-\d\d\.md$/),
    ]);
  });
});
