/**
 * Issue 13 (10): a forged button press from another user in someone's private chat moved that
 * user's reminder destination to the wrong chat (the core took the chat of the pressed message as
 * the presser's DM). Now a press in a DM that is not the presser's own is refused by the adapter
 * (Telegram, Discord), and the core never learns a DM chat from a button press at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRecipients } from '../../src/scheduler/recipient.ts';
import { alice as dAlice, bob as dBob, startHarness, type DiscordHarness } from '../discord/discord-harness.ts';
import { alice, bob, buttons, messageIdOf, startTelegramHarness, type TelegramHarness } from '../telegram/harness.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import type { App } from '../../src/app.ts';

async function destination(app: App, platform: 'telegram' | 'discord', externalId: string): Promise<string | undefined> {
  const identity = await app.db.identity.findUniqueOrThrow({ where: { platform_externalId: { platform, externalId } } });
  const found = await findRecipients(app.db, [identity.userId], new Set([platform]));
  const target = found.get(identity.userId)?.recipient?.target;
  return target?.chatId ?? target?.userId;
}

describe('Telegram: a forged press in someone else\'s private chat', () => {
  let h: TelegramHarness;
  beforeAll(async () => { h = await startTelegramHarness(); });
  afterAll(async () => { await h?.close(); });

  it('is answered but not acted on, and Bob\'s reminders still go to Bob\'s own chat', async () => {
    h.say(bob, '/todo bob errand');
    const bobCard = await h.nextReply(bob.id);
    h.say(alice, '/todo alice errand');
    const aliceCard = await h.nextReply(alice.id);
    expect(await destination(h.app, 'telegram', String(bob.id))).toBe(String(bob.id));

    // Bob forges a press under Alice's card, in Alice's private chat, with his own item's data.
    const done = buttons(bobCard).find((d) => d.startsWith('done:todo:'))!;
    const update = h.tg.pressButton({ chatId: alice.id, from: bob, messageId: messageIdOf(aliceCard), data: done });
    await h.tg.waitForCall('answerCallbackQuery', (c) => c.params.callback_query_id === update.callback_query.id && !c.error);

    expect(await destination(h.app, 'telegram', String(bob.id))).toBe(String(bob.id));
    expect(await h.app.db.todo.findFirstOrThrow({ where: { title: 'bob errand' } })).toMatchObject({ status: 'open' });
    expect(h.tg.messagesIn(alice.id).find((m) => m.message_id === messageIdOf(aliceCard))!.edits ?? 0).toBe(0);
    expect(h.sent(alice.id)).toHaveLength(1);
    expect(h.inbound.filter((m) => m.type === 'button')).toHaveLength(0);
  });
});

describe('Discord: a forged press in someone else\'s DM with the bot', () => {
  let h: DiscordHarness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h?.close(); });

  it('is refused before the core: nothing done, nothing of Bob\'s shown in Alice\'s DM', async () => {
    const bobCard = (await h.answer(h.command(dBob, 'todo', { sub: 'add', options: { text: 'bob secret errand' }, dm: true })))[0]!;
    const aliceCard = (await h.answer(h.command(dAlice, 'todo', { sub: 'add', options: { text: 'alice errand' }, dm: true })))[0]!;
    const done = bobCard.customIds.find((d) => d.startsWith('done:todo:'))!;
    const forged = h.dc.interaction({ kind: 'component', user: dBob, customId: done, messageId: aliceCard.id, inDmOf: dAlice });
    const answer = await h.answer(forged);
    expect(answer[0]!.content).toBe('That button is no longer valid.');
    expect(await h.app.db.todo.findFirstOrThrow({ where: { title: 'bob secret errand' } })).toMatchObject({ status: 'open' });
    const inAlicesDm = h.dc.messagesIn(h.dc.dmChannelId(dAlice)).map((m) => JSON.stringify(m.raw)).join('\n');
    expect(inAlicesDm).not.toMatch(/bob secret errand/);
    expect(await destination(h.app, 'discord', dBob.id)).toBe(dBob.id);
  });
});

describe('core: a button press never moves where a person\'s DMs go', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness({ RATE_LIMIT_PER_MINUTE: '1000' }); });
  afterAll(async () => { await h.cleanup(); });

  it('a press naming another DM chat leaves the presser\'s DM chat as their own messages set it', async () => {
    await h.say('/todo mine', { user: '2002' });
    expect(await destination(h.app, 'telegram', '2002')).toBe('2002');
    await h.press('undo', { user: '2002', chat: '2001' }); // a press "in" 2001's private chat
    expect(await destination(h.app, 'telegram', '2002')).toBe('2002');
    await h.say('/todos', { user: '2002', chat: '2099' }); // what the person writes still counts
    expect(await destination(h.app, 'telegram', '2002')).toBe('2099');
  });
});
