/**
 * /export on Telegram: the text answer, then the calendar (.ics) and the open todos (.md) as
 * documents in the same chat, uploaded as multipart files to the fake Bot API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, plain, startTelegramHarness, type TelegramHarness } from './harness.ts';

describe('Telegram /export', () => {
  let h: TelegramHarness;
  beforeAll(async () => { h = await startTelegramHarness(); });
  afterAll(async () => { await h?.close(); });

  it('sends the .ics and .md files as documents after the answer', async () => {
    h.say(alice, '/event dentist tomorrow 4pm');
    await h.nextReply(alice.id);
    h.say(alice, '/export');
    expect(plain((await h.nextReply(alice.id)).params.text)).toMatch(/1 events, 0 dated todos/);
    const docs = await h.tg.waitForCall('sendDocument', (c) => !c.error && Number(c.params.chat_id) === alice.id, 2, 5_000)
      .then(() => h.tg.callsOf('sendDocument').filter((c) => !c.error));
    expect(docs.map((d) => d.files[0]?.filename)).toEqual([expect.stringMatching(/^clawchat-calendar-\d{4}-\d\d-\d\d\.ics$/), expect.stringMatching(/^clawchat-todos-.*\.md$/)]);
    expect(docs[0]!.files[0]!.size).toBeGreaterThan(200);
  });
});
