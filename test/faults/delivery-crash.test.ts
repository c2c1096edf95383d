/**
 * Issue 13, point 4 (crash): a real Telegram process is killed with `kill -9` while 24 reminders are
 * in flight (the fake Bot API holds every sendMessage unanswered); a second process on the same
 * database takes them over once their 30 s leases expire — not after 5 minutes — and delivers every
 * one exactly once (the held requests were never carried out, so nothing shows twice).
 */
import { describe, expect, it } from 'vitest';
import { FakeTelegramServer } from '../fakes/fake-telegram.ts';
import { histogram, launch, sharedDb, statusCounts, userWithReminder, waitUntil, useCleanups } from './delivery-processes.ts';

const TOKEN = '123456:TEST-token';
const IN_FLIGHT = 24;
const { add: cleanup, track } = useCleanups();

describe('kill -9 with reminders in flight', () => {
  it('the next process takes the in-flight reminders over within about a lease and delivers each once', async () => {
    const shared = await sharedDb();
    cleanup(shared.cleanup);
    const tg = new FakeTelegramServer({ token: TOKEN });
    const apiRoot = await tg.start();
    cleanup(() => tg.stop());
    const chats = Array.from({ length: IN_FLIGHT }, (_, i) => 7_200_001 + i);
    const due = new Date(Date.now() - 1_000);
    for (const id of chats) await userWithReminder(shared.db, { platform: 'telegram', externalId: String(id), text: `in flight ${id}`, dueAt: due });
    tg.failNext('sendMessage', { hang: true }, IN_FLIGHT);

    const first = track(launch(shared.file, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot }));
    await waitUntil(() => tg.hanging === IN_FLIGHT, 30_000, () => `${tg.hanging} sends held\n${first.stderr()}`);
    expect(await shared.db.notification.count({ where: { status: 'sending' } })).toBe(IN_FLIGHT); // intent recorded before each send
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    await first.exited;

    const second = track(launch(shared.file, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot }));
    const perChat = () => chats.map((id) => tg.messagesIn(id).length);
    await waitUntil(() => perChat().every((n) => n >= 1), 90_000, () => `delivered to ${perChat().filter((n) => n > 0).length} of ${IN_FLIGHT}\n${second.stderr()}`);
    const takeOverSeconds = (Date.now() - killedAt) / 1000;
    await new Promise((r) => setTimeout(r, 1_000));
    console.log(`kill -9 take-over: ${IN_FLIGHT} in-flight reminders delivered ${takeOverSeconds.toFixed(1)} s after the kill; per chat ${JSON.stringify(histogram(perChat()))}`);
    expect(histogram(perChat())).toEqual({ 1: IN_FLIGHT }); // lost 0, duplicated 0
    expect(takeOverSeconds).toBeLessThan(60); // lease 30 s + start-up, not the old 5 minutes
    // Telegram cannot say whether a held send went out, so the one resend carries the note.
    expect(tg.messagesIn(chats[0]!)[0]!.text).toContain('sent again');
    expect(await statusCounts(shared.db)).toEqual({ sent: IN_FLIGHT });
  }, 150_000);
});
