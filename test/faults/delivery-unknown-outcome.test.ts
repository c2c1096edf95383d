/**
 * Issue 13, point 4 (answer lost): the platform carries a reminder out and the connection breaks
 * before its answer arrives, for 10 reminders, against a real ClawChat process. Telegram cannot
 * say whether a message went out, so each is sent at most once more, marked as sent again (at most
 * one duplicate, never a loss); Discord de-duplicates by the message nonce, so nothing shows twice.
 */
import { describe, expect, it } from 'vitest';
import { FakeDiscordServer } from '../fakes/fake-discord.ts';
import { FakeTelegramServer } from '../fakes/fake-telegram.ts';
import { histogram, launch, sharedDb, statusCounts, userWithReminder, waitUntil, useCleanups } from './delivery-processes.ts';

const TOKEN = '123456:TEST-token';
const N = 10;
const { add: cleanup, track } = useCleanups();

describe('a send accepted by the platform whose answer is lost', () => {
  it('Telegram: every reminder arrives, at most twice, the second time marked as sent again', async () => {
    const shared = await sharedDb();
    cleanup(shared.cleanup);
    const tg = new FakeTelegramServer({ token: TOKEN });
    const apiRoot = await tg.start();
    cleanup(() => tg.stop());
    const chats = Array.from({ length: N }, (_, i) => 7_300_001 + i);
    const due = new Date(Date.now() - 1_000);
    for (const id of chats) await userWithReminder(shared.db, { platform: 'telegram', externalId: String(id), text: `answer lost ${id}`, dueAt: due });
    tg.failNext('sendMessage', { acceptThenDrop: true }, N);

    const bot = track(launch(shared.file, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot }));
    await waitUntil(async () => (await statusCounts(shared.db)).sent === N, 40_000, () => `${JSON.stringify(tg.describeCalls())}\n${bot.stderr()}`);
    await new Promise((r) => setTimeout(r, 6_000)); // past the follow-up delay: a third send would show now
    const perChat = chats.map((id) => tg.messagesIn(id).length);
    console.log(`Telegram, answer lost after acceptance: per chat ${JSON.stringify(histogram(perChat))} (messages per chat: count of chats)`);
    expect(Math.min(...perChat)).toBeGreaterThanOrEqual(1); // lost 0
    expect(Math.max(...perChat)).toBeLessThanOrEqual(2); // duplicated at most once each
    for (const id of chats) {
      const texts = tg.messagesIn(id).map((m) => m.text ?? '');
      if (texts.length === 2) expect(texts[1]).toContain('sent again');
    }
    const rows = await shared.db.notification.findMany();
    expect(rows.every((r) => r.status === 'sent' && r.uncertainSends === 1)).toBe(true);
  }, 90_000);

  it('Discord: the nonce keeps exactly one message per reminder', async () => {
    const shared = await sharedDb();
    cleanup(shared.cleanup);
    const dc = new FakeDiscordServer({ applicationId: '100000000000000001' });
    await dc.start();
    cleanup(() => dc.stop());
    const users = Array.from({ length: N }, (_, i) => String(310_000_000_000_000_000n + BigInt(i)));
    const due = new Date(Date.now() - 1_000);
    for (const id of users) await userWithReminder(shared.db, { platform: 'discord', externalId: id, text: `answer lost ${id}`, dueAt: due });
    dc.failNext('POST /channels/:id/messages', { acceptThenDrop: true }, N);

    const bot = track(launch(shared.file, { DISCORD_BOT_TOKEN: 'fake.discord.token', DISCORD_API_URL: dc.apiUrl, DISCORD_APPLICATION_ID: '100000000000000001' }));
    await waitUntil(async () => (await statusCounts(shared.db)).sent === N, 40_000, () => `${dc.describeCalls()}\n${bot.stderr()}`);
    await new Promise((r) => setTimeout(r, 6_000));
    const perUser = users.map((id) => dc.messagesIn(dc.dmChannelId({ id, username: `user${id}` })).length);
    const posts = dc.calls.filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path));
    console.log(`Discord, answer lost after acceptance: ${posts.length} POSTs for ${N} reminders; per user ${JSON.stringify(histogram(perUser))}`);
    expect(posts.length).toBeGreaterThan(N); // each was really repeated...
    expect(histogram(perUser)).toEqual({ 1: N }); // ...and still shows once: lost 0, duplicated 0
  }, 90_000);
});
