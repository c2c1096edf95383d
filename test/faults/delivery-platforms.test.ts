/**
 * Issue 13, point 2: two real ClawChat processes of different platforms on ONE database. A process
 * that does not run Telegram (the terminal chat, or a Discord-only bot) must leave Telegram users'
 * reminders to the Telegram process instead of retiring them as "no reachable identity"; a
 * console-only user's reminder still goes to the terminal, and a user reachable nowhere is retired.
 */
import { describe, expect, it } from 'vitest';
import { FakeDiscordServer } from '../fakes/fake-discord.ts';
import { FakeTelegramServer } from '../fakes/fake-telegram.ts';
import { histogram, launch, sharedDb, statusCounts, userWithReminder, waitUntil, useCleanups } from './delivery-processes.ts';

const TOKEN = '123456:TEST-token';
const TG_USERS = 40;
const { add: cleanup, track } = useCleanups();

/** Messages the fake Telegram holds per private chat. */
function telegramPerChat(tg: FakeTelegramServer, chatIds: number[]): number[] {
  return chatIds.map((id) => tg.messagesIn(id).length);
}

describe('a process without Telegram shares the database with a Telegram process', () => {
  it('terminal chat + Telegram: 40 of 40 Telegram reminders arrive once via Telegram; the console user\'s on the console', async () => {
    const shared = await sharedDb();
    cleanup(shared.cleanup);
    const tg = new FakeTelegramServer({ token: TOKEN });
    const apiRoot = await tg.start();
    cleanup(() => tg.stop());
    const due = new Date(Date.now() - 5_000);
    const chats = Array.from({ length: TG_USERS }, (_, i) => 7_000_001 + i);
    for (const id of chats) await userWithReminder(shared.db, { platform: 'telegram', externalId: String(id), text: `tg reminder ${id}`, dueAt: due });
    await userWithReminder(shared.db, { platform: 'console', externalId: 'local', text: 'console ping', dueAt: due });
    const nobody = await userWithReminder(shared.db, { platform: 'telegram', externalId: '6999999', text: 'blocked user', dueAt: due, unreachable: true });

    // The terminal chat starts first and wakes with every row due.
    const terminal = track(launch(shared.file, {}));
    await waitUntil(() => terminal.stdout().includes('console ping'), 30_000, () => `terminal never printed its reminder\n${terminal.stderr()}`);
    const gone = await waitUntil(async () => (await shared.db.notification.findFirst({ where: { userId: nobody, status: 'failed' } })), 10_000, () => 'the unreachable user\'s reminder was not retired');
    expect(gone.lastError).toBe('no reachable identity');

    const telegram = track(launch(shared.file, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot }));
    await waitUntil(() => telegramPerChat(tg, chats).every((n) => n >= 1), 30_000, () => `delivered to ${telegramPerChat(tg, chats).filter((n) => n > 0).length} of ${TG_USERS} chats\n${telegram.stderr()}`);
    await new Promise((r) => setTimeout(r, 1_000)); // anything sent twice would show by now
    const perChat = telegramPerChat(tg, chats);
    expect(histogram(perChat)).toEqual({ 1: TG_USERS }); // 40 delivered, 0 lost, 0 duplicated
    expect(terminal.stdout().match(/Reminder: /g)).toHaveLength(1); // the terminal printed only its own user's
    expect(await statusCounts(shared.db)).toEqual({ sent: TG_USERS + 1, failed: 1 });
  }, 90_000);

  it('Discord-only + Telegram processes: each platform\'s users get their reminders once, on their own platform', async () => {
    const shared = await sharedDb();
    cleanup(shared.cleanup);
    const tg = new FakeTelegramServer({ token: TOKEN });
    const apiRoot = await tg.start();
    cleanup(() => tg.stop());
    const dc = new FakeDiscordServer({ applicationId: '100000000000000001' });
    await dc.start();
    cleanup(() => dc.stop());
    const due = new Date(Date.now() - 5_000);
    const tgChats = Array.from({ length: 20 }, (_, i) => 7_100_001 + i);
    const dcUsers = Array.from({ length: 20 }, (_, i) => String(300_000_000_000_000_000n + BigInt(i)));
    for (const id of tgChats) await userWithReminder(shared.db, { platform: 'telegram', externalId: String(id), text: `tg ${id}`, dueAt: due });
    for (const id of dcUsers) await userWithReminder(shared.db, { platform: 'discord', externalId: id, text: `dc ${id}`, dueAt: due });

    const discord = track(launch(shared.file, { DISCORD_BOT_TOKEN: 'fake.discord.token', DISCORD_API_URL: dc.apiUrl, DISCORD_APPLICATION_ID: '100000000000000001' }));
    const dmOf = (id: string) => dc.dmChannelId({ id, username: `user${id}` });
    const discordPerUser = () => dcUsers.map((id) => dc.messagesIn(dmOf(id)).length);
    await waitUntil(() => discordPerUser().every((n) => n >= 1), 40_000, () => `discord delivered ${discordPerUser().filter((n) => n > 0).length} of 20\n${discord.stderr()}`);
    await new Promise((r) => setTimeout(r, 1_000)); // the Discord process has woken with every row due
    expect(await shared.db.notification.count({ where: { status: 'failed' } })).toBe(0);

    const telegram = track(launch(shared.file, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot }));
    await waitUntil(() => telegramPerChat(tg, tgChats).every((n) => n >= 1), 30_000, () => `telegram delivered ${telegramPerChat(tg, tgChats).filter((n) => n > 0).length} of 20\n${telegram.stderr()}`);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(histogram(telegramPerChat(tg, tgChats))).toEqual({ 1: 20 });
    expect(histogram(discordPerUser())).toEqual({ 1: 20 });
    expect(await statusCounts(shared.db)).toEqual({ sent: 40 });
  }, 120_000);
});
