import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRecipients } from '../../src/scheduler/recipient.ts';
import { createHarness, visible, type Harness, type Speaker } from '../helpers/harness.ts';

const tg: Speaker = { platform: 'telegram', user: '100', name: 'Ali' };
const dc: Speaker = { platform: 'discord', user: '200', name: 'ali#1', chat: 'dm-200' };
const term: Speaker = { platform: 'console', user: 'local', name: 'You' };

let h: Harness;
beforeEach(async () => { h = await createHarness(); });
afterEach(async () => { await h.cleanup(); });

/** Asks for a code on `who` and returns it as shown. */
async function codeFor(who: Speaker): Promise<string> {
  const reply = await h.say('/link', who);
  const code = /\b([A-Z0-9]{4}-[A-Z0-9]{4})\b/.exec(reply?.text ?? '')?.[1];
  expect(code, reply?.text).toBeDefined();
  return code!;
}

const userIdOf = async (platform: string, externalId: string) =>
  (await h.app.db.identity.findUniqueOrThrow({ where: { platform_externalId: { platform, externalId } } })).userId;

describe('account linking', () => {
  it('joins two accounts: items, reminders and settings merged, duplicates kept once', async () => {
    await h.say('/timezone Asia/Karachi', tg);
    await h.say('/todo buy milk tomorrow 9am', tg);
    await h.say('/todo call the bank', tg);
    await h.say('/event dentist tomorrow 4pm', tg);
    await h.say('/memo wifi password is on the fridge', tg);
    await h.say('/remind tomorrow 8am to take vitamins', tg);
    await h.say('/language ur', dc);
    await h.say('/todo Buy  milk tomorrow 9am', dc); // same todo, typed differently
    await h.say('/todo renew passport', dc);
    await h.say('/event dentist tomorrow 4pm', dc);
    await h.say('/memo wifi password is on the fridge', dc);
    await h.say('/remind tomorrow 8am to take vitamins', dc);
    await h.say('/remind tomorrow 6pm to water the plants', dc);
    await h.say('/todo team lunch', { ...dc, group: true, chat: 'guild-1' });
    const survivor = await userIdOf('telegram', '100');
    const other = await userIdOf('discord', '200');

    await h.app.db.llmUsage.createMany({ data: [
      { userId: survivor, day: '2026-11-21', promptTokens: 10, completionTokens: 1, requests: 1 },
      { userId: other, day: '2026-11-21', promptTokens: 20, completionTokens: 2, requests: 2 },
      { userId: other, day: '2026-11-20', promptTokens: 5, completionTokens: 5, requests: 1 },
    ] });

    const code = await codeFor(tg);
    const linked = await h.say(`/link ${code.toLowerCase()}`, dc);
    expect(linked?.text).toMatch(/Telegram \+ Discord/); // in Urdu: the merged user's language is Urdu
    const usage = await h.app.db.llmUsage.findMany({ where: { userId: survivor }, orderBy: { day: 'asc' } });
    expect(usage.map((u) => [u.day, u.promptTokens, u.completionTokens, u.requests])).toEqual([['2026-11-20', 5, 5, 1], ['2026-11-21', 30, 3, 3]]);

    expect(await userIdOf('discord', '200')).toBe(survivor);
    expect(await h.app.db.user.findUnique({ where: { id: other } })).toBeNull();
    const db = h.app.db;
    const titles = (await db.todo.findMany({ where: { ownerId: survivor } })).map((t) => t.title).sort();
    expect(titles).toEqual(['buy milk', 'call the bank', 'renew passport']);
    expect(await db.event.count({ where: { ownerId: survivor } })).toBe(1);
    expect(await db.memo.count({ where: { ownerId: survivor } })).toBe(1);
    const reminders = await db.reminder.findMany({ where: { userId: survivor }, orderBy: { at: 'asc' } });
    expect(reminders.map((r) => r.text)).toEqual(['take vitamins', 'water the plants']);
    // Pending deliveries: one per remaining item, none left for the merged-away user.
    const pending = await db.notification.findMany({ where: { status: 'pending', sourceType: { in: ['todo', 'event', 'reminder'] } } });
    expect(pending.every((n) => n.userId === survivor)).toBe(true);
    expect(pending.filter((n) => n.sourceType === 'reminder')).toHaveLength(2);
    // The shared item the other account created stays in its space, now under the survivor.
    const shared = await db.todo.findFirstOrThrow({ where: { title: 'team lunch' } });
    expect(shared.createdById).toBe(survivor);
    expect(await db.spaceMember.count({ where: { userId: survivor, spaceId: shared.spaceId! } })).toBe(1);
    // Settings: the survivor's time zone, the other's language (the survivor had none).
    const user = await db.user.findUniqueOrThrow({ where: { id: survivor } });
    expect(user.timezone).toBe('Asia/Karachi');
    expect(user.language).toBe('ur');

    // Both platforms now see one list (the identity cache was refreshed).
    const fromDiscord = visible(await h.say('/todos', dc));
    expect(fromDiscord).toContain('renew passport');
    expect(fromDiscord).toContain('call the bank');
    const search = visible(await h.say('/search vitamins', tg));
    expect(search).not.toContain('water the plants');
  });

  it('refuses wrong codes and limits guesses', async () => {
    await codeFor(tg);
    expect((await h.say('/link ABCD-EFGH', dc))?.text).toMatch(/not valid/);
    expect((await h.say('/link nonsense', dc))?.text).toMatch(/not valid/);
    for (let i = 0; i < 3; i++) await h.say('/link ZZZZ-ZZZZ', dc);
    const blocked = await h.say('/link ZZZZ-ZZZZ', dc);
    expect(blocked?.text).toMatch(/Too many wrong codes.*15 minutes/);
    // Even the right code waits until the window has passed.
    const code = await codeFor(tg);
    expect((await h.say(`/link ${code}`, dc))?.text).toMatch(/Too many wrong codes/);
    h.clock.advance(15 * 60_000 + 1);
    const code2 = await codeFor(tg);
    expect((await h.say(`/link ${code2}`, dc))?.text).toMatch(/Linked!/);
  });

  it('refuses expired and reused codes; a new code replaces the old one', async () => {
    const old = await codeFor(tg);
    h.clock.advance(10 * 60_000 + 1_000);
    expect((await h.say(`/link ${old}`, dc))?.text).toMatch(/expired/);
    const first = await codeFor(tg);
    const second = await codeFor(tg);
    expect((await h.say(`/link ${first}`, dc))?.text).toMatch(/not valid/);
    expect((await h.say(`/link ${second}`, dc))?.text).toMatch(/Linked!/);
    expect((await h.say(`/link ${second}`, term))?.text).toMatch(/already used/);
    expect(await h.app.db.identity.findUniqueOrThrow({ where: { platform_externalId: { platform: 'console', externalId: 'local' } } }))
      .not.toMatchObject({ userId: await userIdOf('telegram', '100') });
  });

  it('refuses a code from the same platform or in a group, without using it up', async () => {
    const code = await codeFor(tg);
    expect((await h.say(`/link ${code}`, { platform: 'telegram', user: '101' }))?.text).toMatch(/made on Telegram/);
    expect((await h.say('/link', { ...tg, group: true }))?.text).toMatch(/private chat/);
    expect((await h.say(`/link ${code}`, tg))?.text).toMatch(/already linked/);
    expect((await h.say(`/link ${code}`, dc))?.text).toMatch(/Linked!/);
  });

  it('sends reminders to the platform used last', async () => {
    await h.say('/todo anything', tg);
    await h.say('/todo anything else', dc);
    await h.say(`/link ${await codeFor(tg)}`, dc);
    const userId = await userIdOf('telegram', '100');
    const both = new Set(['telegram', 'discord'] as const);
    h.clock.advance(5 * 60_000);
    await h.say('/todos', tg);
    expect((await findRecipients(h.app.db, [userId], both)).get(userId)?.recipient?.target).toMatchObject({ platform: 'telegram', userId: '100' });
    h.clock.advance(5 * 60_000);
    await h.say('/todos', dc);
    expect((await findRecipients(h.app.db, [userId], both)).get(userId)?.recipient?.target).toMatchObject({ platform: 'discord', userId: '200', chatId: 'dm-200' });
  });

  it('/unlink separates a platform again; its items stay with the other account', async () => {
    await h.say('/todo keep me', tg);
    expect((await h.say('/unlink', dc))?.text).toMatch(/not linked/);
    await h.say(`/link ${await codeFor(tg)}`, dc);
    expect(visible(await h.say('/todos', dc))).toContain('keep me');
    expect((await h.say('/unlink slack', tg))?.text).toMatch(/no linked account on "slack"/);
    const done = await h.say('/unlink discord', tg);
    expect(done?.text).toMatch(/Discord account is separate again/);
    expect(await userIdOf('discord', '200')).not.toBe(await userIdOf('telegram', '100'));
    expect(visible(await h.say('/todos', dc))).not.toContain('keep me');
    expect(visible(await h.say('/todos', tg))).toContain('keep me');
  });
});
