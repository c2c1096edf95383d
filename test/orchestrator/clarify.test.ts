/**
 * The "Did you mean…?" question through the real app (real database, tools and router), with a
 * classifier that is unsure about chosen texts: nothing is written until a reading is picked, by
 * button or by number; "None", a stale or someone else's press, an expired question and moving on
 * to another message all leave the database as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { todoOrReminder, unsureAbout } from '../helpers/unsure-classifier.ts';
import type { Reply } from '../../src/core/reply.ts';

// The harness starts at 10:00 in Karachi; the reminder reading is for 17:00 there.
const AT = '2026-11-21T12:00:00.000Z';
const classifier = unsureAbout({
  milk: todoOrReminder('buy milk', AT),
  'call mom': [
    { intent: 'create_reminder', params: { text: 'call mom' }, missing: ['at'] },
    { intent: 'create_todo', params: { title: 'call mom' } },
  ],
});

describe('the Did you mean…? question', () => {
  let h: Harness;
  beforeEach(async () => { h = await createHarness({}, undefined, { classifier }); });
  afterEach(async () => { await h.cleanup(); });

  const rows = async () => ({ todos: await h.app.db.todo.count(), reminders: await h.app.db.reminder.count() });
  const pick = (reply: Reply | null, n: number) => reply!.actions!.find((a) => a.data.endsWith(`:${n}`))!.data;

  it('asks with a button per reading and numbers, and writes nothing', async () => {
    const q = await h.say('milk');
    expect(q!.text).toBe('Did you mean…\n1. Add todo: buy milk\n2. Remind me at 17:00: buy milk\n3. Just chatting\n4. None of these\nTap one, or reply with its number.');
    expect(q!.actions!.map((a) => a.label)).toEqual(['Add todo: buy milk', 'Remind me at 17:00: buy milk', 'Just chatting', 'None of these']);
    for (const a of q!.actions!) expect(Buffer.byteLength(a.data)).toBeLessThanOrEqual(64);
    expect(await rows()).toEqual({ todos: 0, reminders: 0 });
  });

  it('a pressed reading runs exactly that, edits the question and offers Undo', async () => {
    const q = await h.say('milk');
    const done = await h.press(pick(q, 2));
    expect(done).toMatchObject({ replaceOriginal: true });
    expect(done!.actions?.some((a) => a.data === 'undo')).toBe(true);
    expect(await rows()).toEqual({ todos: 0, reminders: 1 });
    expect((await h.app.db.reminder.findFirst())!.at.toISOString()).toBe(AT);
    // The same button again does nothing more.
    expect(await h.press(pick(q, 2))).toMatchObject({ text: expect.stringMatching(/expired/), ephemeral: true });
    expect(await rows()).toEqual({ todos: 0, reminders: 1 });
    await h.press('undo');
    expect(await rows()).toEqual({ todos: 0, reminders: 0 });
  });

  it('a typed number picks while the question is open, in any script', async () => {
    await h.say('milk');
    const done = await h.say('۱'); // an Urdu digit: answered in Urdu
    expect(done!.text).toBe('کام شامل ہو گیا: buy milk');
    expect(await rows()).toEqual({ todos: 1, reminders: 0 });
    await h.say('milk');
    expect((await h.say('2'))!.text).toMatch(/buy milk/);
    expect(await rows()).toEqual({ todos: 1, reminders: 1 });
  });

  it('"None" changes nothing, by button or by its number', async () => {
    const q = await h.say('milk');
    expect(await h.press(pick(q, 0))).toMatchObject({ text: 'OK, nothing changed.', replaceOriginal: true });
    await h.say('milk');
    expect((await h.say('4'))!.text).toBe('OK, nothing changed.');
    expect(await rows()).toEqual({ todos: 0, reminders: 0 });
  });

  it('another message drops the question silently and is handled as usual', async () => {
    const q = await h.say('milk');
    expect((await h.say('add buy bread tomorrow'))!.text).toBe('Added todo: buy bread');
    expect(await h.press(pick(q, 1))).toMatchObject({ ephemeral: true, text: expect.stringMatching(/expired/) });
    expect((await h.say('1'))!.text).not.toMatch(/buy milk/);
    expect(await h.app.db.todo.findMany({ select: { title: true } })).toEqual([{ title: 'buy bread' }]);
    const again = await h.say('milk');
    await h.say('/todos');
    expect(await h.press(pick(again, 1))).toMatchObject({ ephemeral: true });
    expect(await rows()).toEqual({ todos: 1, reminders: 0 });
  });

  it('a press by someone else, a forged token or an expired question does nothing', async () => {
    const group = { group: true, user: '100' };
    const q = await h.say('milk', group);
    expect(await h.press(pick(q, 1), { group: true, user: '200' })).toMatchObject({ ephemeral: true, text: expect.stringMatching(/expired/) });
    expect(await h.press('pick:AAAAAAAA:1', group)).toMatchObject({ ephemeral: true });
    expect(await h.press(pick(q, 1), { user: '100' })).toMatchObject({ ephemeral: true }); // her DM is another chat
    expect(await rows()).toEqual({ todos: 0, reminders: 0 });
    h.clock.advance(6 * 60_000);
    expect(await h.press(pick(q, 1), group)).toMatchObject({ ephemeral: true });
    expect(await rows()).toEqual({ todos: 0, reminders: 0 });
  });

  it('a picked reading that lacks a param asks for it as usual', async () => {
    const q = await h.say('call mom');
    expect(q!.actions!.map((a) => a.label)).toEqual(['Set a reminder: call mom', 'Add todo: call mom', 'None of these']);
    const asked = await h.press(pick(q, 1));
    expect(asked).toMatchObject({ replaceOriginal: true });
    expect(await rows()).toEqual({ todos: 0, reminders: 0 });
    await h.say('at 5pm');
    expect(await h.app.db.reminder.findFirst({ select: { text: true, at: true } })).toEqual({ text: 'call mom', at: new Date(AT) });
  });

  it('asks in Urdu when the person reads Urdu', async () => {
    await h.say('/language ur');
    const q = await h.say('milk');
    expect(q!.text.split('\n')[0]).toBe('کیا آپ کا مطلب تھا…');
    expect(q!.actions!.map((a) => a.label)).toEqual(['کام شامل کریں: buy milk', '17:00 بجے یاد دلائیں: buy milk', 'بس بات چیت', 'ان میں سے کوئی نہیں']);
    expect((await h.press(pick(q, 0)))!.text).toBe('ٹھیک ہے، کچھ نہیں بدلا۔');
    expect(await rows()).toEqual({ todos: 0, reminders: 0 });
  });
});
