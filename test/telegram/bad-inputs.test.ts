/**
 * The shared bad-input table (test/helpers/bad-inputs.ts) through the real grammY bot and the fake
 * Bot API: every case typed in a private chat by its own person, the reply read from what the bot
 * sent, and the database checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_INPUTS, expectStoredAsCase, storedSnapshot } from '../helpers/bad-inputs.ts';
import { plain, startTelegramHarness, type TelegramHarness } from './harness.ts';

let h: TelegramHarness;
beforeAll(async () => { h = await startTelegramHarness(); }, 30_000);
afterAll(async () => { await h.close(); });

describe('Telegram: issue 13 bad inputs', () => {
  it.each(BAD_INPUTS.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const person = { id: 7_000 + i, first_name: `Tester ${i}`, language_code: 'en' };
    const before = await storedSnapshot(h.app.db);
    h.say(person, c.text);
    const reply = await h.nextReply(person.id);
    expect(plain(reply.params.text)).toMatch(c.reply);
    await expectStoredAsCase(h.app.db, c, before);
  });
});
