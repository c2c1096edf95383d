import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';

// 2026-11-21 10:00 in Karachi (UTC+5), a Saturday; the terminal user has no zone set, so the default applies.
let h: Harness;
beforeAll(async () => { h = await createHarness({ RATE_LIMIT_PER_MINUTE: '1000' }); });
afterAll(async () => { await h.cleanup(); });

const local = { platform: 'console' as const, user: 'local' };

describe('free text understood offline, in the terminal chat', () => {
  it('"remind me to call mom tomorrow at 5pm" → a reminder at 17:00 local tomorrow', async () => {
    const r = await h.say('remind me to call mom tomorrow at 5pm', local);
    expect(r!.text).toContain('call mom');
    const rem = await h.app.db.reminder.findFirstOrThrow({ where: { text: 'call mom' } });
    expect(rem.at.toISOString()).toBe('2026-11-22T12:00:00.000Z');
  });

  it('"kal subah 9 baje doodh lena yaad dilana" → a reminder at 09:00 tomorrow, answered in Urdu', async () => {
    const r = await h.say('kal subah 9 baje doodh lena yaad dilana', local);
    expect(r!.language).toBe('ur');
    expect(r!.text).toMatch(/یاد دلاؤں گا/);
    const rem = await h.app.db.reminder.findFirstOrThrow({ where: { text: 'doodh lena' } });
    expect(rem.at.toISOString()).toBe('2026-11-22T04:00:00.000Z');
  });

  it('"کل شام 6 بجے میٹنگ" → an event at 18:00 tomorrow, answered in Urdu', async () => {
    const r = await h.say('کل شام 6 بجے میٹنگ', local);
    expect(r!.language).toBe('ur');
    const ev = await h.app.db.event.findFirstOrThrow({ where: { title: 'میٹنگ' } });
    expect(ev.startAt.toISOString()).toBe('2026-11-22T13:00:00.000Z');
  });

  it('a clear action missing its time is asked for, in the user\'s language, and completed from the next message', async () => {
    const ask = await h.say('remind me to pay the electricity bill', { user: 'ask1' });
    expect(ask!.text).toMatch(/When should I remind you/);
    expect(await h.app.db.reminder.count({ where: { text: 'pay the electricity bill' } })).toBe(0);
    const done = await h.say('tomorrow at 11am', { user: 'ask1' });
    expect(done!.text).toContain('pay the electricity bill');
    const rem = await h.app.db.reminder.findFirstOrThrow({ where: { text: 'pay the electricity bill' } });
    expect(rem.at.toISOString()).toBe('2026-11-22T06:00:00.000Z');

    const askUr = await h.say('mujhe dawai lene ki yaad dilana', { user: 'ask2' });
    expect(askUr!.language).toBe('ur');
    expect(askUr!.text).toMatch(/کب یاد دلاؤں/);
    await h.say('kal raat 9 baje', { user: 'ask2' });
    expect(await h.app.db.reminder.count({ where: { at: new Date('2026-11-22T16:00:00.000Z') } })).toBe(1);
  });

  it('a command in answer to a question drops the question', async () => {
    await h.say('remind me to water the plants', { user: 'ask3' });
    expect((await h.say('/todos', { user: 'ask3' }))!.text).toMatch(/No todos/);
    expect((await h.say('tomorrow 9am', { user: 'ask3' }))!.text).not.toContain('water the plants');
  });

  it('ambiguous chat is answered as chat, not as a wrong action', async () => {
    const before = await h.app.db.todo.count();
    for (const text of ['hello!', 'how are you?', 'thanks 🙏', 'what can you do?']) {
      const r = await h.say(text, { user: 'chat1' });
      expect(r!.text, text).toMatch(/can't chat freely|\/help/);
    }
    expect(await h.app.db.todo.count()).toBe(before);
  });
});
