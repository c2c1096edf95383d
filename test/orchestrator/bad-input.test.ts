import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, visible, type Harness } from '../helpers/harness.ts';
import { BAD_INPUTS, expectStoredAsCase, storedSnapshot } from '../helpers/bad-inputs.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.cleanup(); });

async function counts() {
  const [todos, events, memos, reminders] = await Promise.all([h.app.db.todo.count(), h.app.db.event.count(), h.app.db.memo.count(), h.app.db.reminder.count()]);
  return { todos, events, memos, reminders };
}

describe('bad input gets a short friendly reply and writes nothing', () => {
  it.each([
    ['empty text', '', /empty/],
    ['only spaces and bidi marks', '  \u200f\u200e  ', /empty/],
    ['10,000 characters', 'a'.repeat(10_000), /too long/],
    ['a 10,000-character todo', `/todo ${'x'.repeat(10_000)}`, /too long/],
    ['an unknown command', '/frobnicate now', /don't know the command \/frobnicate/],
    ['an unknown time zone', '/timezone Mars/Olympus', /not a time zone I know/],
    ['a ref that matches nothing', '/done unicorn grooming', /couldn't find a todo matching "unicorn grooming"/],
    ['a list number that was never shown', '/done 42', /couldn't find/],
    ['an unknown language', '/language klingon', /English \(en\) and Urdu \(ur\)/],
    ['a todo without text', '/todo', /Please tell me what the todo is/],
  ])('%s', async (_name, text, expected) => {
    const before = await counts();
    const reply = await h.say(text, { user: 'bad1' });
    expect(reply!.text).toMatch(expected);
    expect(reply!.text.length).toBeLessThan(300);
    expect(await counts()).toEqual(before);
  });

  it('control characters are stripped, not stored', async () => {
    await h.say('/todo buy\u0000 bread\u0007', { user: 'bad2' });
    const todo = await h.app.db.todo.findFirstOrThrow({ where: { createdBy: { identities: { some: { externalId: 'bad2' } } } } });
    expect(todo.title).toBe('buy bread');
  });

  it('emoji-only and right-to-left text get an answer, never an error', async () => {
    for (const text of ['🎉🎉🎉', '🙂', '\u202Eمرحبا\u202C', 'שלום']) {
      const reply = await h.say(text, { user: 'bad3' });
      expect(reply!.text).not.toMatch(/went wrong/);
    }
  });

  it('search punctuation and FTS syntax never error', async () => {
    await h.say('/todo 100% done "quoted" thing_with_underscore', { user: 'bad4' });
    for (const q of ['%', '_', '"', '"unbalanced', 'a*', 'NEAR(a b)', '-milk', 'AND OR NOT', "'; DROP TABLE Todo; --", '100%', 'thing_with']) {
      const reply = await h.say(`/search ${q}`, { user: 'bad4' });
      expect(reply!.text, q).not.toMatch(/went wrong/);
    }
    expect((await h.say('/search thing_with_underscore', { user: 'bad4' }))!.card).toMatchObject({ type: 'list' });
    expect(await h.app.db.todo.count()).toBeGreaterThan(0);
  });

  it('replies in Urdu to Urdu bad input', async () => {
    expect((await h.say('/done ایک غیر موجود کام', { user: 'bad5' }))!.text).toMatch(/نہیں ملا/);
    expect((await h.say('/timezone مریخ', { user: 'bad5' }))!.text).toMatch(/ٹائم زون/);
  });

  it('a bad date in /edit gets a friendly reply and changes nothing', async () => {
    await h.say('/todo fix bike', { user: 'bad6' });
    const reply = await h.say('/edit bike due someday maybe', { user: 'bad6' });
    expect(reply!.text).toMatch(/date or time/);
    expect((await h.app.db.todo.findFirstOrThrow({ where: { title: 'fix bike' } })).dueAt).toBeNull();
  });

  it('malformed and forged button data is refused', async () => {
    for (const data of ['', 'done', 'done:todo:abc', 'done:todo:-1', 'x'.repeat(100), 'done:todo:1:extra', 'page:todo:0:open', 'del:user:1', 'snooze:1:99999999']) {
      const reply = await h.press(data, { user: 'bad7' });
      expect(reply!.text, data).toMatch(/no longer valid/);
    }
  });

  it('a failing service answers with the generic apology and keeps running', async () => {
    const original = h.app.services.todos.list;
    h.app.services.todos.list = async () => { throw new Error('disk on fire'); };
    try {
      expect((await h.say('/todos', { user: 'bad8' }))!.text).toMatch(/went wrong/);
    } finally {
      h.app.services.todos.list = original;
    }
    expect((await h.say('/todos', { user: 'bad8' }))!.text).toMatch(/No todos/);
    expect(h.logs.join('')).toContain('disk on fire');
  });
});

// The shared table (test/helpers/bad-inputs.ts) that Telegram, Discord, the terminal and MCP run too.
describe('issue 13 bad inputs: a clear reply in the right language, nothing stored wrongly', () => {
  it.each(BAD_INPUTS.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const before = await storedSnapshot(h.app.db);
    const reply = await h.say(c.text, { user: `table-${i}` });
    expect(visible(reply)).toMatch(c.reply);
    await expectStoredAsCase(h.app.db, c, before);
  });
});

describe('issue 13 bad inputs in the middle of a conversation', () => {
  it('an emoji-only answer to an open question is not stored; the question stays open', async () => {
    expect((await h.say('/todo', { user: 'pend1' }))!.text).toMatch(/what the todo is/);
    const before = await counts();
    expect((await h.say('🎉🎉', { user: 'pend1' }))!.text).toMatch(/didn't understand/);
    expect(await counts()).toEqual(before);
    expect((await h.say('buy milk', { user: 'pend1' }))!.text).toMatch(/Added todo: buy milk/);
  });

  it('an impossible time given as the answer to "when?" is refused, and nothing is saved', async () => {
    expect((await h.say('/remind take pills', { user: 'pend2' }))!.text).toMatch(/When should I remind you/);
    const before = await counts();
    expect((await h.say('feb 30 at 9am', { user: 'pend2' }))!.text).toMatch(/"feb 30" is not a real date/);
    expect(await counts()).toEqual(before);
  });

  it('moving a todo to an impossible or far-away date changes nothing', async () => {
    await h.say('/todo renew passport', { user: 'pend3' });
    expect((await h.say('/edit passport due feb 30', { user: 'pend3' }))!.text).toMatch(/February has no day 30/);
    expect((await h.say('/edit passport due 25:99', { user: 'pend3' }))!.text).toMatch(/"25:99" is not a real time/);
    expect((await h.say('/edit passport due in 50 years', { user: 'pend3' }))!.text).toMatch(/too far away/);
    expect((await h.app.db.todo.findFirstOrThrow({ where: { title: 'renew passport' } })).dueAt).toBeNull();
  });

  it('a date beyond the horizon is refused for every tool caller, not only chat', async () => {
    const before = await counts();
    expect((await h.say('/event launch on 2 march 9999', { user: 'pend4' }))!.text).toMatch(/too far away/);
    expect((await h.say('/todo x on 2 march 9999', { user: 'pend4' }))!.text).toMatch(/too far away/);
    expect(await counts()).toEqual(before);
  });
});

describe('issue 13 refusals follow the language the person chose', () => {
  it('English words from someone who chose Urdu get the refusal in Urdu', async () => {
    await h.say('/language ur', { user: 'lang1' });
    expect((await h.say('/todo pay feb 30', { user: 'lang1' }))!.text).toMatch(/"feb 30" کوئی اصل تاریخ نہیں: فروری میں 30 تاریخ نہیں ہوتی/);
    expect((await h.say('/timezone GMT-14', { user: 'lang1' }))!.text).toMatch(/"GMT-14" کوئی اصل UTC آفسیٹ نہیں/);
    expect((await h.say('/remind cron * * * * * * x', { user: 'lang1' }))!.text).toMatch(/ایک منٹ میں ایک بار سے زیادہ/);
    expect((await h.say('🎉', { user: 'lang1' }))!.text).toMatch(/سمجھ نہیں سکا/);
  });
});
