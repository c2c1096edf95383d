/**
 * Rendering (HTML escaping, cards, keyboards, Urdu direction) and the Channel port's contract
 * against the fake Bot API: "message is not modified" is a success, long replies continue in new
 * messages, an over-long edit is cut to fit, a migrated group is followed, forum threads are kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, renderReply } from '../../adapters/telegram/render.ts';
import { PlatformError, type ConversationRef } from '../../src/core/index.ts';
import { alice, plain, startTelegramHarness, type TelegramHarness } from './harness.ts';

describe('renderReply', () => {
  it('escapes everything people wrote and renders cards', () => {
    expect(escapeHtml('<b>a & b</b>')).toBe('&lt;b&gt;a &amp; b&lt;/b&gt;');
    const item = renderReply({
      text: 'Added todo: <script>', card: { type: 'item', item: { kind: 'todo', id: 1, title: '<script>', details: ['due <soon>'] } },
      actions: [{ label: 'Done', data: 'done:todo:1' }, { label: 'Delete', data: 'del:todo:1' }],
    });
    expect(item.html).toBe('Added todo: &lt;script&gt;\n\n<b>&lt;script&gt;</b>\n<i>due &lt;soon&gt;</i>');
    expect(item.keyboard).toEqual({ inline_keyboard: [[{ text: 'Done', callback_data: 'done:todo:1' }, { text: 'Delete', callback_data: 'del:todo:1' }]] });
    const done = renderReply({ text: 'Done', card: { type: 'item', item: { kind: 'todo', id: 1, title: 'milk', details: [], done: true } } });
    expect(done.html).toContain('✅ <s>milk</s>');
    expect(done.keyboard).toBeUndefined();
  });

  it('renders lists with positions, pages and paging buttons on their own row; drops data over 64 bytes', () => {
    const list = renderReply({
      text: 'Your todos',
      card: { type: 'list', title: 'Your todos', page: 1, pages: 2, items: [{ kind: 'todo', id: 5, position: 1, title: 'a', details: ['added by X'] }, { kind: 'todo', id: 6, position: 2, title: 'b', details: [], done: true }] },
      actions: [{ label: 'Undo', data: 'undo' }, { label: 'Next ›', data: 'page:todo:2:open' }, { label: 'Bad', data: 'x'.repeat(65) }],
    });
    expect(list.html).toBe('<b>Your todos</b>\n1. a — <i>added by X</i>\n2. ✅ <s>b</s>\n(1/2)');
    expect(list.keyboard?.inline_keyboard).toEqual([[{ text: 'Undo', callback_data: 'undo' }], [{ text: 'Next ›', callback_data: 'page:todo:2:open' }]]);
    expect(list.dropped.map((a) => a.label)).toEqual(['Bad']);
    expect(renderReply({ text: 'Nothing', card: { type: 'list', title: 'T', items: [], emptyText: 'No todos here.' } }).html).toBe('Nothing\nNo todos here.');
  });

  it('marks Urdu lines right-to-left and counts what Telegram counts', () => {
    const ur = renderReply({ text: 'آپ کے کام', language: 'ur', card: { type: 'list', title: 'آپ کے کام', items: [{ kind: 'todo', id: 1, position: 1, title: 'call mom', details: [] }] } });
    expect(ur.html.split('\n').every((l) => l.startsWith('\u200F'))).toBe(true);
    expect(ur.length).toBe(plain(ur.html).length + 2);
    expect(renderReply({ text: 'a<b' }).length).toBe(3);
  });
});

describe('TelegramChannel', () => {
  let h: TelegramHarness;
  const dm: ConversationRef = { platform: 'telegram', chatId: String(alice.id), kind: 'dm' };
  beforeAll(async () => { h = await startTelegramHarness(); });
  afterAll(async () => { await h?.close(); });

  it('treats "message is not modified" as success', async () => {
    const sent = await h.bot.channel.send(dm, { text: 'same' });
    await h.bot.channel.edit(sent, { text: 'same' });
    expect(h.tg.callsOf('editMessageText').at(-1)!.error?.description).toMatch(/not modified/);
    await h.bot.channel.edit(sent, { text: 'changed' });
    expect(plain(h.tg.messagesIn(alice.id).at(-1)!.text)).toBe('changed');
  });

  it('continues past 4,096 characters in new messages, buttons on the last; cuts an over-long edit', async () => {
    const before = h.tg.messagesIn(alice.id).length;
    const text = 'word '.repeat(2_000).trim();
    const handle = await h.bot.channel.send(dm, { text, actions: [{ label: 'Undo', data: 'undo' }] });
    const added = h.tg.messagesIn(alice.id).slice(before);
    expect(added).toHaveLength(3);
    expect(added.map((m) => plain(m.text)).join('')).toBe(text);
    expect(added.map((m) => Boolean(m.reply_markup))).toEqual([false, false, true]);
    expect(handle.messageId).toBe(String(added[2]!.message_id));
    await h.bot.channel.edit(handle, { text: 'x'.repeat(5_000) });
    const edited = plain(h.tg.messagesIn(alice.id).at(-1)!.text);
    expect(edited.length).toBe(4_096);
    expect(edited.endsWith('…')).toBe(true);
  });

  it('follows a group upgraded to a supergroup and keeps forum threads', async () => {
    h.tg.addChat({ id: -555, type: 'group', title: 'Old' });
    h.tg.migrateGroup(-555, -1_005_550_000);
    const handle = await h.bot.channel.send({ platform: 'telegram', chatId: '-555', kind: 'group' }, { text: 'still here' });
    expect(handle.conversation.chatId).toBe('-1005550000');
    expect(h.events.migrations).toContainEqual(['-555', '-1005550000']);
    await h.bot.channel.send({ platform: 'telegram', chatId: '-1005550000', kind: 'group', threadId: '9' }, { text: 'in topic' });
    expect(h.tg.messagesIn(-1_005_550_000).at(-1)!.message_thread_id).toBe(9);
  });

  it('reports refusals as PlatformError and shows typing', async () => {
    const missing = await h.bot.channel.edit({ conversation: dm, messageId: '999999' }, { text: 'x' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(PlatformError);
    expect(missing).toMatchObject({ permanent: true, code: 400, platform: 'telegram' });
    await h.bot.channel.typing(dm);
    expect(h.tg.callsOf('sendChatAction').at(-1)!.params).toMatchObject({ chat_id: alice.id, action: 'typing' });
  });
});
